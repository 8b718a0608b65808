import type { StoreUnavailable } from '@adal/core';

/**
 * A personal field that did not open with its subject's key: the stored ciphertext, nonce or tag was
 * changed, or the field was copied from another event, snapshot, stream, path or subject. This is
 * tampering (or a key store that is not the one the data was written with), never a forgotten subject, so
 * the read fails instead of reading the field as erased.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface PersonalDataTampered {
  readonly _tag: 'PersonalDataTampered';
  readonly kind: 'event' | 'snapshot';
  readonly streamName: string;
  /** The event id, or `<version>@<revision>` of a snapshot. */
  readonly record: string;
  readonly path: string;
  readonly subject: string;
  readonly message: string;
}

/**
 * A personal field whose subject the key store has never heard of: not forgotten (that leaves a
 * tombstone), but missing, as when the key table was restored from a backup older than the data, or the
 * store was opened on the wrong key store. Read as an error unless the protection says `missingKey: 'erase'`.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface SubjectKeyMissing {
  readonly _tag: 'SubjectKeyMissing';
  readonly kind: 'event' | 'snapshot';
  readonly streamName: string;
  readonly record: string;
  readonly path: string;
  readonly subject: string;
  readonly message: string;
}

/**
 * Why a personal field could not be read. A read that meets one fails with `StoreUnavailable` carrying it
 * as `cause` (see {@link personalDataProblem}); the protection's `onUnreadable` hears of every one.
 *
 * @category personal data
 * @since 0.1.0
 */
export type PersonalDataUnreadable = PersonalDataTampered | SubjectKeyMissing;

/**
 * The personal-data problem behind a failed read, if that is why it failed.
 *
 * @example
 * import { personalDataProblem } from '@adal/client';
 * // const page = await store.readStream(name)();
 * // if (page._tag === 'Left') personalDataProblem(page.left)?._tag; // 'PersonalDataTampered'
 *
 * @category personal data
 * @since 0.1.0
 */
export const personalDataProblem = (error: unknown): PersonalDataUnreadable | undefined => {
  const cause =
    typeof error === 'object' && error !== null ? (error as Partial<StoreUnavailable>).cause : undefined;
  const tag = typeof cause === 'object' && cause !== null ? (cause as { _tag?: unknown })._tag : undefined;
  return tag === 'PersonalDataTampered' || tag === 'SubjectKeyMissing'
    ? (cause as PersonalDataUnreadable)
    : undefined;
};

/**
 * Thrown inside a subscription's handler when an event's personal data cannot be read, so the subscription
 * ends as `HandlerFailed` with this as `cause`, and resuming redelivers the event.
 *
 * @category personal data
 * @since 0.1.0
 */
export class PersonalDataReadFailed extends Error {
  override readonly name = 'PersonalDataReadFailed';
  constructor(readonly error: StoreUnavailable) {
    super(error.message);
  }
}
