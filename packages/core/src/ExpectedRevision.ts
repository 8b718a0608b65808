/**
 * A stream's revision: the 0-based index of its last event. `'no_stream'` stands for a stream that has
 * no event yet.
 *
 * @category model
 * @since 0.1.0
 */
export type StreamRevision = bigint;

/**
 * The state a stream is in: the revision of its last event, or `'no_stream'`.
 *
 * @category model
 * @since 0.1.0
 */
export type StreamState = StreamRevision | 'no_stream';

/**
 * What an append expects of the stream (EventStoreDB's semantics, enforced by every adapter):
 *
 * - `'no_stream'`: the stream must not exist;
 * - `'stream_exists'`: the stream must have at least one event;
 * - `'any'`: no check;
 * - a `bigint`: the stream's last event must be at exactly this revision.
 *
 * @category model
 * @since 0.1.0
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | StreamRevision;

/**
 * Whether a stream in state `actual` satisfies `expected`.
 *
 * @example
 * import { satisfiesExpectedRevision } from '@adal/core';
 * satisfiesExpectedRevision('no_stream', 'no_stream'); // true
 * satisfiesExpectedRevision(4n, 3n); // false
 *
 * @category guards
 * @since 0.1.0
 */
export const satisfiesExpectedRevision = (expected: ExpectedRevision, actual: StreamState): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
};

/**
 * Whether a value is an expected revision (bigints must not be negative).
 *
 * @category guards
 * @since 0.1.0
 */
export const isExpectedRevision = (u: unknown): u is ExpectedRevision =>
  u === 'no_stream' || u === 'stream_exists' || u === 'any' || (typeof u === 'bigint' && u >= 0n);

/**
 * A readable form of an expected revision or stream state, for messages.
 *
 * @category destructors
 * @since 0.1.0
 */
export const showRevision = (revision: ExpectedRevision | StreamState): string =>
  typeof revision === 'bigint' ? revision.toString() : revision;
