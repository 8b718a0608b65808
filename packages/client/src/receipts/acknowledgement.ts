import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { JsonValue } from '@adal/core';
import { boundedText, canonicalJson, strict, toValidationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';

const pattern = (name: string, regex: RegExp, expected: string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && regex.test(u),
    (u, c) =>
      typeof u === 'string' && regex.test(u) ? t.success(u) : t.failure(u, c, `expected ${expected}`),
    t.identity,
  );

/**
 * What an office states when it acknowledges an anonymous report, and signs: the report, when it was
 * received (the submission event's `at`), when the answer is due — a date when it is known at submission,
 * otherwise the rule (`due 15 working days after registration`) — the SHA-256 of the stored submission
 * (canonical JSON of the `ReportSubmitted` event's data, so anyone holding the log can recompute it), and
 * the id of the signing key. Nothing in it names the reporter.
 *
 * @category receipts
 * @since 0.1.0
 */
export const AcknowledgementStatement = strict(
  {
    type: t.literal('adal.report-acknowledgement'),
    version: t.literal(1),
    reportId: boundedText(200),
    receivedAt: pattern(
      'Instant',
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
      'an ISO 8601 instant',
    ),
    submissionHash: pattern('Sha256', /^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits'),
    keyId: boundedText(200),
  },
  {
    dueDate: pattern('LocalDate', /^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    dueRule: boundedText(200),
  },
  'AcknowledgementStatement',
);

/**
 * @category receipts
 * @since 0.1.0
 */
export type AcknowledgementStatement = t.TypeOf<typeof AcknowledgementStatement>;

/**
 * A signed acknowledgement: the statement and an Ed25519 signature over its canonical JSON (RFC 8785, as
 * UTF-8), in base64url. Plain JSON: the reporter saves it as a file and shows it if the office ever denies
 * having received the report.
 *
 * @category receipts
 * @since 0.1.0
 */
export const Acknowledgement = strict(
  {
    statement: AcknowledgementStatement,
    algorithm: t.literal('Ed25519'),
    signature: pattern('Ed25519Signature', /^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature in base64url'),
  },
  {},
  'Acknowledgement',
);

/**
 * @category receipts
 * @since 0.1.0
 */
export type Acknowledgement = t.TypeOf<typeof Acknowledgement>;

/**
 * Why an acknowledgement was not accepted: it is not one (`malformed`), the public key cannot be read
 * (`badKey`), it names another key (`wrongKey`), or its signature does not match its statement
 * (`badSignature` — the statement was changed, or another key signed it).
 *
 * @category receipts
 * @since 0.1.0
 */
export interface AcknowledgementRejected {
  readonly _tag: 'AcknowledgementRejected';
  readonly reason: 'malformed' | 'badKey' | 'wrongKey' | 'badSignature';
  readonly message: string;
}

/**
 * The SHA-256 (hex) of a stored submission: of the canonical JSON of the `ReportSubmitted` event's data, as
 * the store holds it.
 *
 * @example
 * import { submissionHash } from '@adal/client';
 * // submissionHash(recordedEvent.data) === acknowledgement.statement.submissionHash
 *
 * @category receipts
 * @since 0.1.0
 */
export const submissionHash = (data: JsonValue): string =>
  createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');

/**
 * The default id of an office key: `ed25519:` and the first 16 bytes (hex) of the SHA-256 of its public key
 * in SubjectPublicKeyInfo DER form. Anyone holding the public key computes the same id.
 *
 * @category receipts
 * @since 0.1.0
 */
export const acknowledgementKeyId = (key: KeyObject): string => {
  const der = (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 32)}`;
};

/**
 * Signs a statement with the office's Ed25519 private key.
 *
 * @category receipts
 * @since 0.1.0
 */
export const signAcknowledgement = (
  statement: AcknowledgementStatement,
  privateKey: KeyObject,
): Acknowledgement => ({
  statement,
  algorithm: 'Ed25519',
  signature: sign(null, signedBytes(statement), privateKey).toString('base64url'),
});

/**
 * Checks an acknowledgement with the office's public key alone (a `KeyObject` or PEM): no database, no
 * secret. Gives the statement when the signature matches it; with `keyId`, also requires the statement to
 * name that key.
 *
 * @example
 * import { verifyAcknowledgement } from '@adal/client';
 * // const checked = verifyAcknowledgement(JSON.parse(file), officePublicKeyPem);
 * // if (checked._tag === 'Right') console.log(checked.right.reportId, checked.right.receivedAt);
 *
 * @category receipts
 * @since 0.1.0
 */
export const verifyAcknowledgement = (
  acknowledgement: unknown,
  publicKey: KeyObject | string,
  options: { readonly keyId?: string } = {},
): E.Either<AcknowledgementRejected, AcknowledgementStatement> => {
  const decoded = Acknowledgement.decode(acknowledgement);
  if (E.isLeft(decoded)) {
    return E.left(
      rejected('malformed', `not an acknowledgement: ${toValidationError(decoded.left).message}`),
    );
  }
  const key = readPublicKey(publicKey);
  if (key === undefined) return E.left(rejected('badKey', 'the public key is not an Ed25519 key'));
  const { statement, signature } = decoded.right;
  if (options.keyId !== undefined && statement.keyId !== options.keyId) {
    return E.left(
      rejected('wrongKey', `the acknowledgement names key ${statement.keyId}, not ${options.keyId}`),
    );
  }
  const valid = verify(null, signedBytes(statement), key, Buffer.from(signature, 'base64url'));
  return valid
    ? E.right(statement)
    : E.left(rejected('badSignature', 'the signature does not match the statement under this key'));
};

/**
 * Reads an Ed25519 private key (a `KeyObject` or PEM); `undefined` for anything else.
 *
 * @category receipts
 * @since 0.1.0
 */
export const readSigningKey = (key: unknown): KeyObject | undefined => {
  try {
    const privateKey = typeof key === 'string' ? createPrivateKey(key) : isKeyObject(key) ? key : undefined;
    return privateKey?.type === 'private' && privateKey.asymmetricKeyType === 'ed25519'
      ? privateKey
      : undefined;
  } catch (_error) {
    return undefined;
  }
};

const readPublicKey = (key: unknown): KeyObject | undefined => {
  try {
    const publicKey =
      typeof key === 'string'
        ? createPublicKey(key)
        : isKeyObject(key)
          ? key.type === 'public'
            ? key
            : createPublicKey(key)
          : undefined;
    return publicKey?.asymmetricKeyType === 'ed25519' ? publicKey : undefined;
  } catch (_error) {
    return undefined;
  }
};

const isKeyObject = (key: unknown): key is KeyObject =>
  typeof key === 'object' && key !== null && 'asymmetricKeyType' in key && 'export' in key;

const signedBytes = (statement: AcknowledgementStatement): Buffer =>
  Buffer.from(canonicalJson(AcknowledgementStatement.encode(statement) as JsonValue), 'utf8');

const rejected = (reason: AcknowledgementRejected['reason'], message: string): AcknowledgementRejected => ({
  _tag: 'AcknowledgementRejected',
  reason,
  message,
});
