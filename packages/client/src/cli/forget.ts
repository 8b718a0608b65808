import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { forgetSubject } from '../protection/forgetSubject.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import type { CliIo } from './CliIo.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, operationFailure, usageFailure } from './exitCodes.js';
import { loadMasterKey } from './keyMaterial.js';
import { openKeys, openStore } from './openStore.js';
import { describeTarget, storeTarget } from './storeTarget.js';

const SYNOPSIS = 'adal forget <subject> [--yes] [--master-key <file>] [--store <url|dir>]';

/**
 * `adal forget <subject>`: crypto-shreds a data subject — deletes their key, so their personal data reads
 * as erased everywhere while the events (and the log's verification) stay as they were.
 *
 * @category cli
 * @since 0.1.0
 */
export const forgetCommand: CliCommand = {
  name: 'forget',
  summary: 'crypto-shred a data subject’s personal data (cannot be undone)',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Deletes the key of a data subject (the pseudonymous id events carry, e.g. citizen-0190f3c2)
and leaves a tombstone: from then on every personal field of that person reads as erased, in
every event and read model, while the stored events stay byte for byte as they were, so verify
still passes. New personal data under the same id is refused. It cannot be undone.

It does not reach backups of the key table taken before, WAL archives or replicas until they
expire, nor copies outside Adal: see docs/guides/personal-data.md. Record the request in the
office's data-protection register: after restoring keys from a backup, forget again.

Asks for confirmation on a terminal; elsewhere --yes is required.`,
    options: `  --yes                forget without asking (required when not on a terminal)
  --master-key <file>  the key store's master key (32 bytes: raw, hex or base64) when it has one;
                       default $ADAL_MASTER_KEY_FILE, else $ADAL_MASTER_KEY`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({
        args: [...args],
        options: { ...STORE_OPTIONS, yes: { type: 'boolean', short: 'y' }, 'master-key': { type: 'string' } },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(forgetCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, ['subject']);
    if (E.isLeft(checked)) return checked;
    const subject = checked.right[0] ?? '';
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const masterKey = loadMasterKey(values['master-key'], io.env);
    if (E.isLeft(masterKey)) return masterKey;
    if (values.yes !== true) {
      const confirmed = await confirm(io, subject, describeTarget(target.right));
      if (E.isLeft(confirmed)) return confirmed;
    }
    const opened = await openStore(target.right);
    if (E.isLeft(opened)) return opened;
    try {
      const keys = await openKeys(opened.right, masterKey.right?.key);
      if (E.isLeft(keys)) return keys;
      const forgotten = await forgetSubject(keys.right, subject)();
      if (E.isLeft(forgotten)) {
        return E.left(
          forgotten.left._tag === 'ValidationError'
            ? usageFailure(`<subject>: ${forgotten.left.issues.map((issue) => issue.message).join('; ')}`)
            : operationFailure(`forgetting failed: ${forgotten.left.message}`),
        );
      }
      const { alreadyForgotten, hadKey, forgottenAt } = forgotten.right;
      io.out(
        alreadyForgotten
          ? `subject ${subject} was already forgotten (on ${forgottenAt.toISOString()}): nothing changed\n`
          : hadKey
            ? `✓ forgot subject ${subject}: their key is deleted, their personal data reads as erased from now on (${forgottenAt.toISOString()})\n`
            : `✓ subject ${subject} had no key in this store (no personal data stored under that id): a tombstone now refuses any (${forgottenAt.toISOString()})\n`,
      );
      return E.right<CliFailure, ExitCode>(EXIT.ok);
    } finally {
      await opened.right.close();
    }
  },
};

/** Asks the operator to type the subject id again; refuses when no one can answer. */
const confirm = async (io: CliIo, subject: string, store: string): Promise<E.Either<CliFailure, void>> => {
  if (!io.interactive) {
    return E.left(
      usageFailure(`forgetting cannot be undone: pass --yes to forget ${subject} when not on a terminal`),
    );
  }
  io.err(
    `This deletes the key of ${subject} in ${store}: their personal data becomes unreadable for good.\n`,
  );
  const answer = await io.ask(`Type the subject id to confirm: `);
  return answer?.trim() === subject
    ? E.right(undefined)
    : E.left(usageFailure('not confirmed: nothing was forgotten'));
};
