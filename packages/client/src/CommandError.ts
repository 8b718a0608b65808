import type { InvalidStreamName, StoreError, ValidationError, WrongExpectedRevision } from '@adal/core';

/**
 * A stored event the aggregate cannot read (unknown type, or data that no version of its codec accepts).
 * The stream needs an upcaster or a repair; no command on it can be decided until then.
 *
 * @category errors
 * @since 0.1.0
 */
export interface EventDecodeFailed {
  readonly _tag: 'EventDecodeFailed';
  readonly streamName: string;
  readonly eventId: string;
  readonly message: string;
  readonly cause: ValidationError;
}

/**
 * Other writers kept changing the stream: every try was refused with `WrongExpectedRevision`, after
 * re-loading and re-deciding each time. `attempts` counts the tries; nothing was stored.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ConcurrencyConflict {
  readonly _tag: 'ConcurrencyConflict';
  readonly streamName: string;
  readonly attempts: number;
  readonly message: string;
  readonly last: WrongExpectedRevision;
}

/**
 * A stream name whose category is not the aggregate's.
 *
 * @category errors
 * @since 0.1.0
 */
export interface WrongStreamCategory {
  readonly _tag: 'WrongStreamCategory';
  readonly streamName: string;
  readonly expected: string;
  readonly message: string;
}

/**
 * Everything `handleCommand` can return instead of a result: the aggregate's own refusals (`Err`, tagged
 * with the rule's name), bad input, and the store's errors. Nothing was appended in any of these cases.
 *
 * @category errors
 * @since 0.1.0
 */
export type CommandError<Err> =
  | Err
  | ValidationError
  | InvalidStreamName
  | WrongStreamCategory
  | EventDecodeFailed
  | ConcurrencyConflict
  | StoreError;
