import type { ExpectedRevision, StreamState } from './ExpectedRevision.js';
import { showRevision } from './ExpectedRevision.js';
import type { InvalidStreamName } from './StreamName.js';
import type { ValidationError } from './ValidationError.js';

/**
 * An append refused because the stream was not at the expected revision. Nothing of the batch was stored.
 *
 * @category errors
 * @since 0.1.0
 */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision';
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly actual: StreamState;
  readonly message: string;
}

/**
 * A read of a stream that has no event.
 *
 * @category errors
 * @since 0.1.0
 */
export interface StreamNotFound {
  readonly _tag: 'StreamNotFound';
  readonly streamName: string;
  readonly message: string;
}

/**
 * The store could not be reached or failed to answer; the operation may or may not have taken effect only
 * where `cause` says so (an append that timed out may have been stored: retry it with the same event ids).
 *
 * @category errors
 * @since 0.1.0
 */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * A batch over the store's limit on events or bytes. Nothing of it was stored.
 *
 * @category errors
 * @since 0.1.0
 */
export interface BatchTooLarge {
  readonly _tag: 'BatchTooLarge';
  readonly unit: 'events' | 'bytes';
  readonly limit: number;
  readonly actual: number;
  readonly message: string;
}

/**
 * An event id already used by another event, and the batch is not a repeat of the append that stored it.
 *
 * @category errors
 * @since 0.1.0
 */
export interface DuplicateEventId {
  readonly _tag: 'DuplicateEventId';
  readonly eventId: string;
  readonly message: string;
}

/**
 * Every error an event store's operations return.
 *
 * @category errors
 * @since 0.1.0
 */
export type StoreError =
  | WrongExpectedRevision
  | StreamNotFound
  | StoreUnavailable
  | BatchTooLarge
  | DuplicateEventId
  | InvalidStreamName
  | ValidationError;

/**
 * @category constructors
 * @since 0.1.0
 */
export const wrongExpectedRevision = (
  streamName: string,
  expected: ExpectedRevision,
  actual: StreamState,
): WrongExpectedRevision => ({
  _tag: 'WrongExpectedRevision',
  streamName,
  expected,
  actual,
  message: `stream ${streamName} was expected at ${showRevision(expected)} but is at ${showRevision(actual)}`,
});

/**
 * @category constructors
 * @since 0.1.0
 */
export const streamNotFound = (streamName: string): StreamNotFound => ({
  _tag: 'StreamNotFound',
  streamName,
  message: `stream ${streamName} has no events`,
});

/**
 * @category constructors
 * @since 0.1.0
 */
export const storeUnavailable = (message: string, cause?: unknown): StoreUnavailable =>
  cause === undefined ? { _tag: 'StoreUnavailable', message } : { _tag: 'StoreUnavailable', message, cause };

/**
 * @category constructors
 * @since 0.1.0
 */
export const batchTooLarge = (unit: 'events' | 'bytes', limit: number, actual: number): BatchTooLarge => ({
  _tag: 'BatchTooLarge',
  unit,
  limit,
  actual,
  message: `events: a batch may hold at most ${limit} ${unit}, got ${actual}`,
});

/**
 * @category constructors
 * @since 0.1.0
 */
export const duplicateEventId = (eventId: string): DuplicateEventId => ({
  _tag: 'DuplicateEventId',
  eventId,
  message: `event id ${eventId} is already used by another event`,
});
