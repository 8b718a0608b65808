import * as t from 'io-ts/lib/index.js';
import { strict } from '../strict.js';

/**
 * What a personal field reads as once its data subject was forgotten: the ciphertext is still stored, but
 * the key that opened it is gone, so the value is replaced by this marker on every read path (events,
 * snapshots, and whatever a projection builds from them).
 *
 * @example
 * import { Erased } from '@adal/core';
 * Erased.is({ $erased: true }); // true
 *
 * @category personal data
 * @since 0.1.0
 */
export const Erased = strict({ $erased: t.literal(true) }, {}, 'Erased');

/**
 * @category personal data
 * @since 0.1.0
 */
export type Erased = t.TypeOf<typeof Erased>;

/**
 * The erased marker, as it is written in place of a forgotten subject's value.
 *
 * @category personal data
 * @since 0.1.0
 */
export const ERASED: Erased = { $erased: true };

/**
 * Whether a value is the erased marker.
 *
 * @example
 * import { isErased } from '@adal/core';
 * isErased({ $erased: true }); // true
 * isErased('Aigerim'); // false
 *
 * @category personal data
 * @since 0.1.0
 */
export const isErased = (value: unknown): value is Erased => Erased.is(value);

/**
 * The codec of a personal field in an event: the value as its own codec reads it, or {@link Erased} once the
 * subject was forgotten. Commands keep the plain codec, so nobody can submit an "erased" value.
 *
 * @example
 * import { personal, boundedText } from '@adal/core';
 * const Name = personal(boundedText(200));
 * Name.decode('Aigerim')._tag; // 'Right'
 * Name.decode({ $erased: true })._tag; // 'Right'
 *
 * @category personal data
 * @since 0.1.0
 */
export const personal = <A, O>(codec: t.Type<A, O, unknown>): t.Type<A | Erased, O | Erased, unknown> =>
  t.union([codec, Erased], `${codec.name} | Erased`);
