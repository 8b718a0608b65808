import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { fastDecoderOf, REFUSED } from './fastDecode.js';
import type { JsonValue } from './Json.js';
import type { ValidationError } from './ValidationError.js';
import { toValidationError, validationError } from './ValidationError.js';

/**
 * One kind of event, with the codec of its current schema version and the typed chain of upcasters that
 * reads every older version. Old events are never rewritten: they are upcast each time they are read.
 *
 * Build one with {@link eventType} (version 1), then call {@link EventType.upcast} once per new version.
 *
 * @category events
 * @since 0.1.0
 */
export interface EventType<T extends string, A> {
  readonly type: T;
  /** The current version: what is written. */
  readonly schemaVersion: number;
  /** Whether a value is this event's data at the current version. */
  is(u: unknown): u is A;
  /** Decodes data written at any known version, upcasting it to the current one. */
  decodeData(schemaVersion: number, data: unknown): E.Either<ValidationError, A>;
  /** Encodes data of the current version to JSON. */
  encodeData(data: A): JsonValue;
  /**
   * Adds the next version: its codec and the function from the current version's data to it.
   *
   * @example
   * import * as t from 'io-ts';
   * import { eventType, strict } from '@adal/core';
   * const V1 = strict({ text: t.string });
   * const V2 = strict({ text: t.string, language: t.keyof({ kk: null, ru: null, en: null }) });
   * const Answered = eventType('ReportAnswered', V1).upcast(V2, (v1) => ({ ...v1, language: 'ru' as const }));
   * Answered.schemaVersion; // 2
   */
  upcast<B>(codec: t.Type<B, unknown, unknown>, up: (previous: A) => B): EventType<T, B>;
  /** Builds the event `{ type, data }`. */
  make(data: A): { readonly type: T; readonly data: A };
}

/**
 * The event an event type describes: `{ type, data }`.
 *
 * @category events
 * @since 0.1.0
 */
export type EventOf<ET> =
  ET extends EventType<infer T, infer A> ? { readonly type: T; readonly data: A } : never;

/**
 * Declares an event type at schema version 1.
 *
 * @example
 * import * as t from 'io-ts';
 * import { eventType, strict } from '@adal/core';
 * const ReportRegistered = eventType('ReportRegistered', strict({ registeredAt: t.string }));
 * ReportRegistered.make({ registeredAt: '2026-11-28' }); // { type: 'ReportRegistered', data: { ... } }
 *
 * @category events
 * @since 0.1.0
 */
export const eventType = <T extends string, A>(
  type: T,
  codec: t.Type<A, unknown, unknown>,
): EventType<T, A> => versioned(type, 1, codec, (version) => E.left(unknownVersion(type, version, 1)));

const versioned = <T extends string, A>(
  type: T,
  schemaVersion: number,
  codec: t.Type<A, unknown, unknown>,
  decodeOlder: (version: number, data: unknown) => E.Either<ValidationError, A>,
): EventType<T, A> => {
  const fast = fastDecoderOf(codec);
  const decodeData = (version: number, data: unknown): E.Either<ValidationError, A> => {
    if (version === schemaVersion) {
      const value = fast(data);
      if (value !== REFUSED) return E.right(value as A);
      const decoded = codec.decode(data);
      return decoded._tag === 'Right' ? decoded : E.left(toValidationError(decoded.left));
    }
    if (Number.isInteger(version) && version >= 1 && version < schemaVersion)
      return decodeOlder(version, data);
    return E.left(unknownVersion(type, version, schemaVersion));
  };
  return {
    type,
    schemaVersion,
    is: codec.is,
    decodeData,
    encodeData: (data) => codec.encode(data) as JsonValue,
    upcast: <B>(next: t.Type<B, unknown, unknown>, up: (previous: A) => B): EventType<T, B> =>
      versioned(type, schemaVersion + 1, next, (version, data) => E.map(up)(decodeData(version, data))),
    make: (data) => ({ type, data }),
  };
};

const unknownVersion = (type: string, version: number, latest: number): ValidationError =>
  validationError([
    { path: 'schemaVersion', message: `${type} has versions 1 to ${latest}, got ${String(version)}` },
  ]);
