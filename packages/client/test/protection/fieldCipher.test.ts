/**
 * One field's encryption: AES-256-GCM round trips any JSON value, a fresh nonce each time, and the
 * ciphertext opens only in the scope it was written for (stream, record, path, subject) and with its key.
 */
import { randomBytes } from 'node:crypto';
import type { FieldScope, JsonValue } from '@adal/core';
import { EncryptedField, fieldAssociatedData } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField } from '../../src/protection/index.js';

const SCOPE: FieldScope = {
  kind: 'event',
  streamName: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
  record: '0190f3c2-7b1e-7c4a-9d2e-000000000001',
  path: ['reporter', 'name'],
  subject: 'citizen-1',
};

describe('field encryption', () => {
  it('round-trips any JSON value, in the stored format', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const key = randomBytes(32);
        const sealed = encryptField(key, SCOPE, value as JsonValue);
        expect(EncryptedField.is(sealed)).toBe(true);
        expect(decryptField(key, SCOPE, sealed)).toEqual(E.right(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 200 },
    );
  });

  it('uses a fresh nonce for every field, so equal names never look equal', () => {
    const key = randomBytes(32);
    const a = encryptField(key, SCOPE, 'Aigerim');
    const b = encryptField(key, SCOPE, 'Aigerim');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(a)).not.toContain('Aigerim');
  });

  it('binds the ciphertext to its stream, record, path and subject, and to its key', () => {
    const key = randomBytes(32);
    const sealed = encryptField(key, SCOPE, 'Aigerim');
    const elsewhere: FieldScope[] = [
      { ...SCOPE, streamName: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8f' },
      { ...SCOPE, record: '0190f3c2-7b1e-7c4a-9d2e-000000000002' },
      { ...SCOPE, path: ['reporter', 'phone'] },
      { ...SCOPE, path: ['reporter.name'] },
      { ...SCOPE, subject: 'citizen-2' },
      { ...SCOPE, kind: 'snapshot' },
    ];
    for (const scope of elsewhere) {
      expect(fieldAssociatedData(scope)).not.toBe(fieldAssociatedData(SCOPE));
      expect(decryptField(key, scope, sealed)).toEqual(E.left('DoesNotOpen'));
    }
    expect(decryptField(randomBytes(32), SCOPE, sealed)).toEqual(E.left('DoesNotOpen'));
    expect(decryptField(key, SCOPE, sealed)).toEqual(E.right('Aigerim'));
  });

  it('refuses any changed byte of the nonce, ciphertext or tag', () => {
    const key = randomBytes(32);
    const sealed = encryptField(key, SCOPE, { lat: 51.128, lon: 71.43 });
    fc.assert(
      fc.property(
        fc.constantFrom('iv' as const, 'ct' as const, 'tag' as const),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (part, at, flip) => {
          const bytes = Buffer.from(sealed[part], 'base64');
          const index = at % bytes.length;
          bytes[index] = (bytes[index] ?? 0) ^ flip;
          const changed = { ...sealed, [part]: bytes.toString('base64') };
          expect(decryptField(key, SCOPE, changed)).toEqual(E.left('DoesNotOpen'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
