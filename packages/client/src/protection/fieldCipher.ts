import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptedField, FieldScope, JsonValue } from '@adal/core';
import { FIELD_IV_BYTES, FIELD_TAG_BYTES, fieldAssociatedData } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * Encrypts one field's value with its subject's key: AES-256-GCM over the value's JSON text, a fresh
 * 12-byte nonce, and the field's scope as associated data.
 *
 * @example
 * import { randomBytes } from 'node:crypto';
 * import { encryptField } from '@adal/client';
 * const scope = { kind: 'event', streamName: 'report-KZ-71-1', record: 'e1', path: ['reporter', 'name'], subject: 'citizen-1' } as const;
 * encryptField(randomBytes(32), scope, 'Aigerim'); // { $pd: 1, subject: 'citizen-1', iv, ct, tag }
 *
 * @category personal data
 * @since 0.1.0
 */
export const encryptField = (key: Uint8Array, scope: FieldScope, value: JsonValue): EncryptedField => {
  const iv = randomBytes(FIELD_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: FIELD_TAG_BYTES });
  cipher.setAAD(Buffer.from(fieldAssociatedData(scope), 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    $pd: 1,
    subject: scope.subject,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
};

/**
 * Decrypts one field with its subject's key. `Left` when it does not open in this scope: the ciphertext,
 * nonce or tag was changed, or the field was moved from another event, stream, path or subject, or the
 * key is not the one it was encrypted with.
 *
 * @category personal data
 * @since 0.1.0
 */
export const decryptField = (
  key: Uint8Array,
  scope: FieldScope,
  field: EncryptedField,
): E.Either<'DoesNotOpen', JsonValue> => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(field.iv, 'base64'), {
      authTagLength: FIELD_TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(fieldAssociatedData(scope), 'utf8'));
    decipher.setAuthTag(Buffer.from(field.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString(
      'utf8',
    );
    return E.right(JSON.parse(text) as JsonValue);
  } catch {
    return E.left('DoesNotOpen');
  }
};
