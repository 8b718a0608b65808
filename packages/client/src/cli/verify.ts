import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import type { TrustedSeal, VerifyReport } from '../audit/seals.js';
import { verifyLog } from '../audit/seals.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, storeFailure, usageFailure } from './exitCodes.js';
import { byKeyId, loadPublicKeys, loadSigningKey } from './keyMaterial.js';
import { openStore } from './openStore.js';
import { describeTarget, storeTarget } from './storeTarget.js';
import { formatCount } from './textTable.js';
import { readTrustedSeals } from './trustedSeals.js';

const SYNOPSIS = 'adal verify [--public-key <file>]... [--trusted <file>] [--json] [--store <url|dir>]';

/**
 * `adal verify`: checks every event's hash, every stream's chain, every seal's signature and the Merkle
 * root of every sealed prefix, and the published seals given with `--trusted`. Exit 0 when intact, 1 with
 * the first bad event when not.
 *
 * @category cli
 * @since 0.1.0
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'verify the log: hash chains, seals, published roots',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Reads the whole log once and checks every event's hash against its content, every stream's
hash chain, every seal's signature and the Merkle root of every sealed prefix. With --trusted,
every seal the office published must be in the log as published: this is what catches seals
removed or rewritten by someone who can write to the database. Prints the first bad event and
exits 1 when the log was altered. Needs only public keys.`,
    options: `  --public-key <file>  the office's Ed25519 public key (PEM); repeat it for earlier, rotated keys;
                       default $ADAL_PUBLIC_KEY_FILE; the public half of $ADAL_SIGNING_KEY_FILE or
                       $ADAL_SIGNING_KEY is added when set
  --trusted <file>     the seals the office published: a JSON array, or one JSON object per line as
                       adal seal --json prints them ({ "sequence", "treeSize", "rootHash" })
  --json               print the report as JSON (for monitoring)`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({
        args: [...args],
        options: {
          ...STORE_OPTIONS,
          'public-key': { type: 'string', multiple: true },
          trusted: { type: 'string' },
          json: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(verifyCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, []);
    if (E.isLeft(checked)) return checked;
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const publicKeys = loadPublicKeys(values['public-key'] ?? [], io.env);
    if (E.isLeft(publicKeys)) return publicKeys;
    const signingKey = loadSigningKey(undefined, io.env);
    if (E.isLeft(signingKey)) return signingKey;
    const keys = [...publicKeys.right, ...(signingKey.right === undefined ? [] : [signingKey.right])];
    let trusted: readonly TrustedSeal[] | undefined;
    if (values.trusted !== undefined) {
      const read = readTrustedSeals(values.trusted);
      if (E.isLeft(read)) return read;
      trusted = read.right;
    }
    const opened = await openStore(target.right);
    if (E.isLeft(opened)) return opened;
    try {
      const verified = await verifyLog(opened.right.store, {
        publicKeys: byKeyId(keys),
        ...(trusted === undefined ? {} : { trusted }),
      })();
      if (E.isLeft(verified)) return E.left(storeFailure(`reading the log failed: ${verified.left.message}`));
      const report = verified.right;
      if (report.problem?.kind === 'UnknownKey' && keys.length === 0) {
        return E.left(
          usageFailure(
            `the log holds ${report.seals} seal(s): give the office's public key (--public-key <file> or $ADAL_PUBLIC_KEY_FILE) to check their signatures`,
          ),
        );
      }
      io.out(
        values.json === true
          ? `${JSON.stringify({ store: describeTarget(target.right), trustedSeals: trusted?.length ?? 0, ...report })}\n`
          : describeReport(report, {
              store: describeTarget(target.right),
              keys: keys.map((key) => key.source),
              trusted: trusted?.length ?? 0,
            }),
      );
      return E.right<CliFailure, ExitCode>(report.ok ? EXIT.ok : EXIT.tampered);
    } finally {
      await opened.right.close();
    }
  },
};

/** The report as an operator reads it: the verdict first, then what was checked and what was not. */
const describeReport = (
  report: VerifyReport,
  context: { readonly store: string; readonly keys: readonly string[]; readonly trusted: number },
): string => {
  const lines: string[] = [];
  const problem = report.problem;
  if (problem === undefined) {
    lines.push(
      `✓ the log is intact: ${formatCount(report.events)} events in ${formatCount(report.streams)} streams, ${formatCount(report.seals)} seal(s)`,
    );
  } else {
    lines.push(`✗ the log was altered: ${problem.kind}`);
    if (problem.eventId !== undefined) lines.push(`  first bad event  ${problem.eventId}`);
    if (problem.streamName !== undefined) lines.push(`  stream           ${problem.streamName}`);
    if (problem.position !== undefined) lines.push(`  position         ${problem.position}`);
    lines.push(`  ${problem.message}`);
    lines.push(`  checked ${formatCount(report.events)} events up to there`);
  }
  const after = report.events - report.sealedEvents;
  if (problem === undefined) {
    lines.push(
      report.seals === 0
        ? '  no seal yet: every event is protected by its stream’s hash chain only (run adal seal)'
        : `  sealed: the first ${formatCount(report.sealedEvents)} events${after > 0 ? `; the ${formatCount(after)} after the last seal are protected by their streams’ chains only` : ''}`,
    );
    lines.push(
      context.trusted === 0
        ? '  published seals: none given (--trusted): a rollback of the newest seals would not be seen'
        : `  published seals: all ${formatCount(context.trusted)} found in the log as published`,
    );
  }
  lines.push(`  store: ${context.store}`);
  if (context.keys.length > 0) lines.push(`  public keys: ${context.keys.join(', ')}`);
  return `${lines.join('\n')}\n`;
};
