import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import type { ValidationError } from './ValidationError.js';
import { validationError } from './ValidationError.js';
import type { ExpectedRevision, StreamRevision } from './ExpectedRevision.js';
import type { GlobalPosition } from './GlobalPosition.js';
import type { EventToAppend, RecordedEvent } from './RecordedEvent.js';
import type { StoreError, StoreUnavailable } from './StoreError.js';

/**
 * Options of an append. Without `expectedRevision` the append expects `'any'`.
 *
 * @category port
 * @since 0.1.0
 */
export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

/**
 * What a successful append gives back: the events as recorded (with revisions and positions), the revision
 * to expect next, and whether the batch had been stored before (an idempotent repeat, nothing new written).
 *
 * @category port
 * @since 0.1.0
 */
export interface AppendResult {
  readonly nextExpectedRevision: StreamRevision;
  readonly lastPosition: GlobalPosition;
  readonly events: readonly RecordedEvent[];
  readonly alreadyStored: boolean;
}

/**
 * Which way a stream is read.
 *
 * @category port
 * @since 0.1.0
 */
export type Direction = 'forwards' | 'backwards';

/**
 * Options of a stream read: `from` is the first revision returned (inclusive; by default the start when
 * reading forwards and the end when reading backwards), `max` the page size.
 *
 * @category port
 * @since 0.1.0
 */
export interface ReadStreamOptions {
  readonly from?: StreamRevision;
  readonly max?: number;
  readonly direction?: Direction;
}

/**
 * One page of a stream. `next` is the `from` of the following page; absent at the end.
 *
 * @category port
 * @since 0.1.0
 */
export interface StreamPage {
  readonly events: readonly RecordedEvent[];
  readonly streamRevision: StreamRevision;
  readonly next?: StreamRevision;
}

/**
 * Which events of `$all` to deliver. A store applies the filter on its side where it can. Events are kept
 * when their stream name starts with one of `streamPrefixes` (if given) and their type is one of
 * `eventTypes` (if given).
 *
 * @category port
 * @since 0.1.0
 */
export interface AllFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

/**
 * Options of a read of `$all`: events strictly after `after` (from the start without it), at most `max` of them.
 *
 * @category port
 * @since 0.1.0
 */
export interface ReadAllOptions {
  readonly after?: GlobalPosition;
  readonly max?: number;
  readonly filter?: AllFilter;
}

/**
 * One page of `$all`. `next` is the `after` of the following page: the position of the last event
 * *examined*, which may be past the last event returned when a filter skipped some. `isEnd` says that
 * nothing more was committed at the time of the read.
 *
 * @category port
 * @since 0.1.0
 */
export interface AllPage {
  readonly events: readonly RecordedEvent[];
  readonly next: GlobalPosition | undefined;
  readonly isEnd: boolean;
}

/**
 * Options of a subscription to `$all`: deliver every event strictly after `after` (a stored checkpoint),
 * first those already stored, then new ones as they are committed.
 *
 * @category port
 * @since 0.1.0
 */
export interface SubscribeOptions {
  readonly after?: GlobalPosition;
  readonly filter?: AllFilter;
  /** Called each time the subscription has delivered everything stored so far. */
  readonly onCaughtUp?: (position: GlobalPosition | undefined) => void;
}

/**
 * Why a subscription ended: stopped by its owner, or failed (the store failed, or the handler threw or
 * rejected — the event it failed on was not acknowledged, so resuming from the last checkpoint redelivers it).
 *
 * @category port
 * @since 0.1.0
 */
export type SubscriptionEnd =
  | { readonly _tag: 'Stopped' }
  | { readonly _tag: 'StoreFailed'; readonly error: StoreUnavailable }
  | { readonly _tag: 'HandlerFailed'; readonly event: RecordedEvent; readonly cause: unknown };

/**
 * A running subscription. `stop()` resolves once no handler call is in progress.
 *
 * @category port
 * @since 0.1.0
 */
export interface Subscription {
  readonly stop: () => Promise<void>;
  readonly ended: Promise<SubscriptionEnd>;
}

/**
 * Handles one event of a subscription. Events come one at a time, in `$all` order; the next is delivered
 * after the returned promise settles.
 *
 * @category port
 * @since 0.1.0
 */
export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

/**
 * The event-store port: every adapter (memory, PostgreSQL, PGlite, EventStoreDB) implements it, and the
 * store contract suite (`@adal/adapters/testing`) proves that it keeps the rules of DESIGN §3.
 *
 * Every operation returns a `TaskEither`: calling it gives a promise of an `Either`, and expected failures
 * come back as tagged errors, never as exceptions.
 *
 * @category port
 * @since 0.1.0
 */
export interface EventStore {
  /**
   * Appends a batch to one stream, atomically: all events or none. Refuses with `WrongExpectedRevision`
   * when the stream is not as expected, and leaves no trace of a refused batch.
   */
  readonly appendToStream: (
    streamName: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ) => TE.TaskEither<StoreError, AppendResult>;
  /** Reads one page of a stream; `StreamNotFound` when the stream has no event. */
  readonly readStream: (
    streamName: string,
    options?: ReadStreamOptions,
  ) => TE.TaskEither<StoreError, StreamPage>;
  /** Reads one page of `$all`, in global order. */
  readonly readAll: (options?: ReadAllOptions) => TE.TaskEither<StoreError, AllPage>;
  /**
   * Counts the events of `$all` after a position that pass a filter, where the store can count without
   * reading them (the projection runner's lag); optional.
   */
  readonly countAll?: (options: Omit<ReadAllOptions, 'max'>) => TE.TaskEither<StoreError, number>;
  /** Delivers stored events after a checkpoint, then live ones, never skipping or repeating one. */
  readonly subscribeToAll: (options: SubscribeOptions, handler: EventHandler) => Subscription;
  /** Releases the store's resources (connections, timers). */
  readonly close: () => Promise<void>;
}

/**
 * The largest page a read returns when no `max` is given.
 *
 * @category port
 * @since 0.1.0
 */
export const DEFAULT_PAGE_SIZE = 500;

/**
 * The largest page a read may ask for.
 *
 * @category port
 * @since 0.1.0
 */
export const MAX_PAGE_SIZE = 10_000;

/**
 * Checks a read's `max`: a whole number from 1 to {@link MAX_PAGE_SIZE}, {@link DEFAULT_PAGE_SIZE} when absent.
 *
 * @category port
 * @since 0.1.0
 */
export const checkPageSize = (max: unknown): Either<ValidationError, number> =>
  max === undefined
    ? right(DEFAULT_PAGE_SIZE)
    : typeof max === 'number' && Number.isInteger(max) && max >= 1 && max <= MAX_PAGE_SIZE
      ? right(max)
      : left(
          validationError([
            { path: 'max', message: `expected a page size from 1 to ${MAX_PAGE_SIZE}, got ${String(max)}` },
          ]),
        );

/**
 * Reads a whole stream page by page as an async iterable, so a long stream never sits in memory at once.
 * A missing stream yields nothing; any other failure is thrown as `StoreReadFailed` carrying the store error.
 *
 * @example
 * import { streamEvents } from '@adal/core';
 * // for await (const event of streamEvents(store, 'report-KZ-71-42')) console.log(event.type);
 *
 * @category reading
 * @since 0.1.0
 */
export async function* streamEvents(
  store: Pick<EventStore, 'readStream'>,
  streamName: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<RecordedEvent, void, undefined> {
  let from = options.from;
  for (;;) {
    const page = await store.readStream(streamName, {
      ...options,
      ...(from === undefined ? {} : { from }),
    })();
    if (page._tag === 'Left') {
      if (page.left._tag === 'StreamNotFound') return;
      throw new StoreReadFailed(page.left);
    }
    yield* page.right.events;
    if (page.right.next === undefined) return;
    from = page.right.next;
  }
}

/**
 * Reads `$all` page by page as an async iterable, from after `options.after` to what is committed now.
 * While the caller works through one page, the next one is already being read (one page ahead, never more),
 * so a reader waits on the store only when it is faster than the store.
 *
 * @category reading
 * @since 0.1.0
 */
export async function* allEvents(
  store: Pick<EventStore, 'readAll'>,
  options: ReadAllOptions = {},
): AsyncGenerator<RecordedEvent, void, undefined> {
  const read = (after: ReadAllOptions['after']) =>
    store.readAll({ ...options, ...(after === undefined ? {} : { after }) })();
  let pending = read(options.after);
  for (;;) {
    const page = await pending;
    if (page._tag === 'Left') throw new StoreReadFailed(page.left);
    const { events, isEnd, next } = page.right;
    if (isEnd || next === undefined) {
      yield* events;
      return;
    }
    pending = read(next);
    try {
      yield* events;
    } finally {
      // A caller that stops early leaves the read ahead unawaited: its failure must not go unhandled.
      pending.catch(() => undefined);
    }
  }
}

/**
 * Thrown by the async-iterable readers ({@link streamEvents}, {@link allEvents}), which cannot return an
 * `Either` from inside a `for await`; it carries the store's tagged error.
 *
 * @category errors
 * @since 0.1.0
 */
export class StoreReadFailed extends Error {
  override readonly name = 'StoreReadFailed';
  constructor(readonly error: StoreError) {
    super(error.message);
  }
}

/**
 * Builds a stream page from the events read, in the direction read: `next` is the revision the following
 * page starts from, absent once the read reached the stream's first (backwards) or last (forwards) event.
 * Meant for adapters, so every store pages alike.
 *
 * @category port
 * @since 0.1.0
 */
export const streamPage = (
  events: readonly RecordedEvent[],
  streamRevision: StreamRevision,
  direction: Direction = 'forwards',
): StreamPage => {
  const lastRead = events[events.length - 1]?.streamRevision;
  const next =
    lastRead === undefined
      ? undefined
      : direction === 'backwards'
        ? lastRead > 0n
          ? lastRead - 1n
          : undefined
        : lastRead < streamRevision
          ? lastRead + 1n
          : undefined;
  return next === undefined ? { events, streamRevision } : { events, streamRevision, next };
};

/**
 * Whether a recorded event passes a filter of `$all`. Adapters that cannot filter on the store's side use it.
 *
 * @category reading
 * @since 0.1.0
 */
export const matchesFilter = (
  event: Pick<RecordedEvent, 'streamName' | 'type'>,
  filter?: AllFilter,
): boolean =>
  filter === undefined ||
  ((filter.streamPrefixes === undefined ||
    filter.streamPrefixes.some((p) => event.streamName.startsWith(p))) &&
    (filter.eventTypes === undefined || filter.eventTypes.includes(event.type)));
