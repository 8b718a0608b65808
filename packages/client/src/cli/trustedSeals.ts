import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { TrustedSeal } from '../audit/seals.js';
import type { CliFailure } from './exitCodes.js';
import { usageFailure } from './exitCodes.js';

/** Fields `adal seal --json` prints besides the three that identify a seal; accepted and ignored. */
const INFORMATIVE = new Set(['upTo', 'sealedAt', 'keyId', 'eventsCovered']);

/**
 * Reads the seals the office published (`--trusted <file>`): a JSON array of `{ sequence, treeSize,
 * rootHash }`, or one such object per line (what `adal seal --json >> seals.jsonl` collects). The lines
 * `adal seal --json` prints are accepted as they are; any other field is refused, so that a typo in a
 * field name is not silently a seal without a root.
 *
 * @category cli
 * @since 0.1.0
 */
export const readTrustedSeals = (path: string): E.Either<CliFailure, readonly TrustedSeal[]> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as { readonly code?: unknown }).code ?? String(error);
    return E.left(usageFailure(`--trusted: cannot read ${path} (${String(reason)})`));
  }
  const trimmed = text.trim();
  const entries: { readonly where: string; readonly text: string }[] = trimmed.startsWith('[')
    ? [{ where: path, text: trimmed }]
    : trimmed
        .split('\n')
        .map((line, index) => ({ where: `${path}:${index + 1}`, text: line.trim() }))
        .filter((line) => line.text !== '' && !line.text.startsWith('#'));
  const seals: TrustedSeal[] = [];
  for (const entry of entries) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.text);
    } catch {
      return E.left(usageFailure(`--trusted: ${entry.where}: not JSON`));
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    for (const [index, item] of items.entries()) {
      const where = Array.isArray(parsed) ? `${entry.where}[${index}]` : entry.where;
      const seal = trustedSeal(item);
      if (typeof seal === 'string') return E.left(usageFailure(`--trusted: ${where}: ${seal}`));
      seals.push(seal);
    }
  }
  if (seals.length === 0) return E.left(usageFailure(`--trusted: ${path} holds no seal`));
  return E.right(seals);
};

/** One published seal, or what is wrong with it. */
const trustedSeal = (value: unknown): TrustedSeal | string => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected an object { sequence, treeSize, rootHash }';
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter(
    (key) => !['sequence', 'treeSize', 'rootHash'].includes(key) && !INFORMATIVE.has(key),
  );
  if (unknown.length > 0) return `${unknown[0] ?? ''}: unknown field`;
  const { sequence, treeSize, rootHash } = record;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
    return `sequence: expected a whole number from 1, got ${JSON.stringify(sequence)}`;
  }
  if (typeof treeSize !== 'number' || !Number.isInteger(treeSize) || treeSize < 1) {
    return `treeSize: expected a whole number from 1, got ${JSON.stringify(treeSize)}`;
  }
  if (typeof rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(rootHash)) {
    return `rootHash: expected 64 lower-case hex digits, got ${JSON.stringify(rootHash)}`;
  }
  return { sequence, treeSize, rootHash };
};
