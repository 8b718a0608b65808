import type { Forgetting, KeyStore, StoreUnavailable, ValidationError } from '@adal/core';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/**
 * Forgets a data subject (crypto-shredding): deletes the subject's key and leaves a tombstone in the key
 * store. From then on every personal field of the subject — in events, snapshots, and whatever is read
 * through a protected store — reads as `{ $erased: true }`, while the stored events stay byte for byte as
 * they were, so the hash chain and the seals still verify. No new key is ever made for the id: personal
 * data of a forgotten subject is refused on append.
 *
 * What it does not reach: backups of the key table taken before (keep them short-lived), copies of the
 * plaintext outside Adal (e-mails, exports, logs of the portal), and free text in which someone typed a
 * name. See the personal-data guide.
 *
 * @example
 * import { createMemoryKeyStore } from '@adal/adapters/memory';
 * import { forgetSubject } from '@adal/client';
 * const keys = createMemoryKeyStore();
 * // const forgotten = await forgetSubject(keys, 'citizen-1')();
 *
 * @category personal data
 * @since 0.1.0
 */
export const forgetSubject = (
  keys: KeyStore,
  subject: string,
): TE.TaskEither<StoreUnavailable | ValidationError, Forgetting> => keys.deleteKey(subject);
