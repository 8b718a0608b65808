import { scrypt } from 'node:crypto';
import type { ValidationIssue } from '@adal/core';
import type { Receipt } from './receiptCode.js';

/**
 * The cost of scrypt (RFC 7914): `N` (CPU and memory, a power of two), `r` (block size) and `p`
 * (parallelism). Memory per derivation is about 128 × N × r bytes.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * The default cost: N = 2^15, r = 8, p = 1 — 32 MiB and some tens of milliseconds per derivation. A receipt
 * carries 135 random bits, so the cost is a second line of defence (after the peppers), not the first;
 * tests may use N = 2^10.
 *
 * @category receipts
 * @since 0.1.0
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/**
 * The two secrets, kept outside the database: one for the lookup value (the key of the receipt index), one
 * for the verifier. Each at least 32 random bytes, and different from each other.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptPeppers {
  readonly lookup: Uint8Array;
  readonly verifier: Uint8Array;
}

/**
 * What is derived from a receipt: the lookup value (base64url, the id of the receipt index's document) and
 * the verifier (32 bytes).
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptValues {
  readonly lookup: string;
  readonly verifier: Buffer;
}

/**
 * The stored form of an anonymous reporter's `receiptHash`, parsed: the cost it was derived with, the lookup
 * value and the verifier.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface StoredReceiptHash extends ReceiptValues {
  readonly params: ScryptParams;
}

const PREFIX = 'adal-receipt-v1';
const KEY_LENGTH = 32;
// Labels keep the two derivations apart even if an office mistakenly configured one pepper twice.
const LOOKUP_LABEL = Buffer.from('adal/receipt/lookup/v1\u0000', 'utf8');
const VERIFIER_LABEL = Buffer.from('adal/receipt/verifier/v1\u0000', 'utf8');

/**
 * Derives the lookup value and the verifier of a receipt: scrypt of the receipt with each pepper (prefixed
 * with a label) as the salt. Runs on libuv's thread pool, so a derivation does not block the event loop.
 *
 * @category receipts
 * @since 0.1.0
 */
export const deriveReceiptValues = async (
  receipt: Receipt,
  peppers: ReceiptPeppers,
  params: ScryptParams,
): Promise<ReceiptValues> => {
  const [lookup, verifier] = await Promise.all([
    derive(receipt, Buffer.concat([LOOKUP_LABEL, peppers.lookup]), params),
    derive(receipt, Buffer.concat([VERIFIER_LABEL, peppers.verifier]), params),
  ]);
  return { lookup: lookup.toString('base64url'), verifier };
};

/**
 * The `receiptHash` an anonymous reporter is stored with:
 * `adal-receipt-v1$N=…,r=…,p=…$<lookup>$<verifier>` (base64url). The cost is kept with the values so that
 * a later change of cost still verifies old reports.
 *
 * @category receipts
 * @since 0.1.0
 */
export const encodeReceiptHash = (values: ReceiptValues, params: ScryptParams): string =>
  `${PREFIX}$N=${params.N},r=${params.r},p=${params.p}$${values.lookup}$${values.verifier.toString('base64url')}`;

/**
 * Reads a stored `receiptHash`; `undefined` for any other value (an identified reporter's report, a
 * report linked from a rating, or a value this module did not write).
 *
 * @category receipts
 * @since 0.1.0
 */
export const parseReceiptHash = (stored: string): StoredReceiptHash | undefined => {
  const match = STORED.exec(stored);
  if (match === null) return undefined;
  const [, n, r, p, lookup, verifier] = match;
  if (n === undefined || r === undefined || p === undefined || lookup === undefined || verifier === undefined)
    return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scryptParamIssues(params).length > 0) return undefined;
  return { params, lookup, verifier: Buffer.from(verifier, 'base64url') };
};

const B64 = '[A-Za-z0-9_-]{43}';
const STORED = new RegExp(`^${PREFIX}\\$N=(\\d{1,8}),r=(\\d{1,3}),p=(\\d{1,3})\\$(${B64})\\$(${B64})$`);

/**
 * What is wrong with a scrypt cost: `N` a power of two from 2 to 2^20, `r` from 1 to 32, `p` from 1 to 16.
 *
 * @category receipts
 * @since 0.1.0
 */
export const scryptParamIssues = (params: ScryptParams, path = 'scrypt'): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  const { N, r, p } = params;
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0)
    issues.push({ path: `${path}.N`, message: `expected a power of two from 2 to 2^20, got ${String(N)}` });
  if (!Number.isInteger(r) || r < 1 || r > 32)
    issues.push({ path: `${path}.r`, message: `expected a whole number from 1 to 32, got ${String(r)}` });
  if (!Number.isInteger(p) || p < 1 || p > 16)
    issues.push({ path: `${path}.p`, message: `expected a whole number from 1 to 16, got ${String(p)}` });
  return issues;
};

/**
 * What is wrong with the peppers: each must be bytes, at least 32 of them, not all alike, and the two must
 * differ.
 *
 * @category receipts
 * @since 0.1.0
 */
export const pepperIssues = (peppers: unknown): ValidationIssue[] => {
  if (typeof peppers !== 'object' || peppers === null)
    return [{ path: 'peppers', message: 'expected { lookup, verifier }, each at least 32 random bytes' }];
  const issues: ValidationIssue[] = [];
  const record = peppers as Readonly<Record<string, unknown>>;
  for (const name of ['lookup', 'verifier'] as const) {
    const value = record[name];
    if (!(value instanceof Uint8Array)) {
      issues.push({
        path: `peppers.${name}`,
        message: 'expected bytes (a Buffer or Uint8Array), e.g. Buffer.from(secret, "base64")',
      });
    } else if (value.length < 32) {
      issues.push({ path: `peppers.${name}`, message: `expected at least 32 bytes, got ${value.length}` });
    } else if (value.every((byte) => byte === value[0])) {
      issues.push({ path: `peppers.${name}`, message: 'expected random bytes, got one byte repeated' });
    }
  }
  const { lookup, verifier } = record;
  if (
    lookup instanceof Uint8Array &&
    verifier instanceof Uint8Array &&
    Buffer.from(lookup).equals(Buffer.from(verifier))
  ) {
    issues.push({ path: 'peppers.verifier', message: 'must differ from the lookup pepper' });
  }
  return issues;
};

const derive = (receipt: Receipt, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(
      receipt,
      salt,
      KEY_LENGTH,
      // Node refuses a derivation that needs more than `maxmem`; this leaves room for any accepted cost.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
