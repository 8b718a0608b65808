import * as t from 'io-ts/lib/index.js';
import type { JsonValue } from '../Json.js';
import { showValue } from '../showValue.js';
import { strict } from '../strict.js';
import type { JsonPath } from './jsonPath.js';
import { findValues } from './jsonPath.js';
import { SubjectId } from './SubjectId.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** How many bytes a padded base64 text stands for. */
const base64Bytes = (text: string): number => (text.length / 4) * 3 - (text.match(/=+$/)?.[0].length ?? 0);

const isBase64 = (u: unknown, bytes: number | undefined): u is string =>
  typeof u === 'string' &&
  u.length > 0 &&
  BASE64.test(u) &&
  (bytes === undefined || base64Bytes(u) === bytes);

const base64 = (name: string, bytes?: number) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => isBase64(u, bytes),
    (u, c) =>
      isBase64(u, bytes)
        ? t.success(u)
        : t.failure(
            u,
            c,
            `expected ${bytes === undefined ? 'bytes' : `${bytes} bytes`} in base64, got ${showValue(u)}`,
          ),
    t.identity,
  );

/**
 * The bytes of a GCM nonce: 96 bits, fresh for every field written.
 *
 * @category personal data
 * @since 0.1.0
 */
export const FIELD_IV_BYTES = 12;

/**
 * The bytes of a GCM authentication tag: 128 bits.
 *
 * @category personal data
 * @since 0.1.0
 */
export const FIELD_TAG_BYTES = 16;

/**
 * How one personal field is stored: AES-256-GCM over the field's JSON text (UTF-8) with the data subject's
 * key, a fresh 12-byte nonce (`iv`), the ciphertext (`ct`) and the 16-byte tag, all in base64. `$pd` is the
 * version of this format. The associated data (see {@link fieldAssociatedData}) is not stored: it is where
 * the field is, so a ciphertext copied to another event, stream, field or subject fails to open.
 *
 * The subject id is stored in clear: it is a pseudonymous id, and a reader needs it to fetch the key.
 *
 * @example
 * import { EncryptedField } from '@adal/core';
 * EncryptedField.is({ $pd: 1, subject: 'citizen-1', iv: 'AAAAAAAAAAAAAAAA', ct: 'Ig==', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' }); // true
 *
 * @category personal data
 * @since 0.1.0
 */
export const EncryptedField = strict(
  {
    $pd: t.literal(1),
    subject: SubjectId,
    iv: base64('Iv', FIELD_IV_BYTES),
    ct: base64('Ciphertext'),
    tag: base64('Tag', FIELD_TAG_BYTES),
  },
  {},
  'EncryptedField',
);

/**
 * @category personal data
 * @since 0.1.0
 */
export type EncryptedField = t.TypeOf<typeof EncryptedField>;

/**
 * Whether a JSON value is an encrypted field.
 *
 * @category personal data
 * @since 0.1.0
 */
export const isEncryptedField = (value: unknown): value is EncryptedField & JsonValue =>
  EncryptedField.is(value);

/**
 * Where a field is stored, which is what its ciphertext is bound to: an event's field (`record` is the
 * event id) or a snapshot's (`record` is `<version>@<stream revision>`).
 *
 * @category personal data
 * @since 0.1.0
 */
export interface FieldScope {
  readonly kind: 'event' | 'snapshot';
  readonly streamName: string;
  readonly record: string;
  readonly path: JsonPath;
  readonly subject: string;
}

/**
 * The associated data of a field's encryption: a JSON array naming the format, the kind of record, the
 * stream, the record, the subject and the path (each a separate element, so no two scopes write the same
 * text).
 *
 * @example
 * import { fieldAssociatedData } from '@adal/core';
 * fieldAssociatedData({ kind: 'event', streamName: 'report-KZ-71-1', record: 'e1', path: ['reporter', 'name'], subject: 'c-1' });
 * // '["adal/pd/1","event","report-KZ-71-1","e1","c-1",["reporter","name"]]'
 *
 * @category personal data
 * @since 0.1.0
 */
export const fieldAssociatedData = (scope: FieldScope): string =>
  JSON.stringify(['adal/pd/1', scope.kind, scope.streamName, scope.record, scope.subject, [...scope.path]]);

/**
 * Every encrypted field inside a JSON value, with its path.
 *
 * @category personal data
 * @since 0.1.0
 */
export const findEncryptedFields = (
  json: JsonValue,
): readonly { readonly path: JsonPath; readonly value: EncryptedField & JsonValue }[] =>
  findValues(json, isEncryptedField);
