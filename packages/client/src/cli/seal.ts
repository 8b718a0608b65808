import { parseArgs } from 'node:util';
import { SEAL_STREAM, SealData, StoreReadFailed, streamEvents } from '@adal/core';
import type { EventStore } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { keyIdOf, sealLog } from '../audit/seals.js';
import { chainEventStore } from '../audit/hashChain.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, operationFailure, usageFailure } from './exitCodes.js';
import { loadSigningKey } from './keyMaterial.js';
import { openStore } from './openStore.js';
import { describeTarget, storeTarget } from './storeTarget.js';
import { formatCount } from './textTable.js';

const SYNOPSIS = 'adal seal [--signing-key <file>] [--json] [--store <url|dir>]';

/**
 * `adal seal`: signs the Merkle root of the whole log with the office's Ed25519 key and appends the seal;
 * prints its number, root and the events it covers, in the form to publish.
 *
 * @category cli
 * @since 0.1.0
 */
export const sealCommand: CliCommand = {
  name: 'seal',
  summary: 'seal the log now (sign its Merkle root)',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Extends the Merkle tree of the last seal with every event appended since, signs the new
root with the office's Ed25519 key and appends the seal to the log (stream ${SEAL_STREAM}).
With nothing new since the last seal it appends nothing and says so. Run it on a schedule, and
publish each seal's line outside the database: verify --trusted checks them.`,
    options: `  --signing-key <file>  the office's Ed25519 private key (PKCS #8 PEM); default the file named by
                        $ADAL_SIGNING_KEY_FILE, else the PEM text in $ADAL_SIGNING_KEY. The CLI
                        says which it used, never the key.
  --json                print the seal as one JSON line, the form verify --trusted reads
                        (adal seal --json >> published-seals.jsonl)`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({
        args: [...args],
        options: { ...STORE_OPTIONS, 'signing-key': { type: 'string' }, json: { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(sealCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, []);
    if (E.isLeft(checked)) return checked;
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const signingKey = loadSigningKey(values['signing-key'], io.env);
    if (E.isLeft(signingKey)) return signingKey;
    if (signingKey.right === undefined) {
      return E.left(
        usageFailure(
          'sealing needs the office’s signing key: --signing-key <file>, $ADAL_SIGNING_KEY_FILE or $ADAL_SIGNING_KEY',
        ),
      );
    }
    const { key, source } = signingKey.right;
    const opened = await openStore(target.right);
    if (E.isLeft(opened)) return opened;
    try {
      const { store } = opened.right;
      const before = await lastSealSequence(store);
      if (E.isLeft(before)) return before;
      // Through the hash chain, like every append of the client: the seal's own event is chained too.
      const sealed = await sealLog(chainEventStore(store), { signingKey: key })();
      if (E.isLeft(sealed)) return E.left(operationFailure(`sealing failed: ${sealed.left.message}`));
      const seal = sealed.right;
      const appended = seal.sequence !== before.right;
      const published = {
        sequence: seal.sequence,
        treeSize: seal.treeSize,
        rootHash: seal.rootHash,
        upTo: seal.upTo,
        sealedAt: seal.sealedAt,
        keyId: seal.keyId,
      };
      if (values.json === true) {
        io.out(`${JSON.stringify(published)}\n`);
        if (!appended) io.err(`nothing new since seal ${seal.sequence}: no seal appended\n`);
        return E.right<CliFailure, ExitCode>(EXIT.ok);
      }
      io.out(
        [
          appended
            ? `✓ sealed: seal ${seal.sequence} covers the first ${formatCount(seal.treeSize)} events of the log`
            : `nothing new since seal ${seal.sequence} (the first ${formatCount(seal.treeSize)} events): no seal appended`,
          `  root      ${seal.rootHash}`,
          `  up to     position ${seal.upTo}`,
          `  sealed at ${seal.sealedAt}`,
          `  key       ${keyIdOf(key)}, signing key from ${source}`,
          `  store     ${describeTarget(target.right)}`,
          `publish:  ${JSON.stringify({ sequence: seal.sequence, treeSize: seal.treeSize, rootHash: seal.rootHash })}`,
          '',
        ].join('\n'),
      );
      return E.right<CliFailure, ExitCode>(EXIT.ok);
    } finally {
      await opened.right.close();
    }
  },
};

/** The number of the log's last seal (0 when none), so the command can tell a new seal from the last one. */
const lastSealSequence = async (
  store: Pick<EventStore, 'readStream'>,
): Promise<E.Either<CliFailure, number>> => {
  let sequence = 0;
  try {
    for await (const event of streamEvents(store, SEAL_STREAM)) {
      const decoded = SealData.decode(event.data);
      if (E.isRight(decoded)) sequence = decoded.right.sequence;
    }
  } catch (error) {
    const message = error instanceof StoreReadFailed ? error.error.message : String(error);
    return E.left(operationFailure(`reading the seals failed: ${message}`));
  }
  return E.right(sequence);
};
