import type {
  AllPage,
  AppendResult,
  EventStore,
  LeaseManager,
  ReadModelStore,
  RecordedEvent,
  Snapshot,
  SnapshotStore,
  StoreError,
  StoreLimits,
  StreamState,
} from '@adal/core';
import {
  checkAppendBatch,
  checkPageSize,
  DEFAULT_STORE_LIMITS,
  duplicateEventId,
  GlobalPositionCodec,
  globalPosition,
  globalPositionParts,
  matchesFilter,
  parseStreamName,
  satisfiesExpectedRevision,
  streamPage,
  streamNotFound,
  validationError,
  wrongExpectedRevision,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { catchUpSubscription } from './internal/catchUpSubscription.js';
import { inProcessLeases } from './internal/inProcessLeases.js';
import { createMemoryReadModelStore } from './MemoryReadModelStore.js';

/**
 * Options of the in-memory store.
 *
 * @category memory
 * @since 0.1.0
 */
export interface MemoryEventStoreOptions {
  /** Limits on one append; {@link DEFAULT_STORE_LIMITS} by default. */
  readonly limits?: StoreLimits;
  /** The clock that stamps `recordedAt`; the system clock by default. */
  readonly clock?: () => Date;
}

/**
 * The in-memory store: an event store, a snapshot store, a read-model store and in-process leases in one,
 * for tests, demos and a portal's development. It keeps every rule of the contract suite; it keeps nothing across restarts.
 *
 * Events are copied once, when they are appended, and that copy is frozen, `recordedAt` included (a `Date`
 * whose setters throw): a reader gets the stored event itself, so reading costs nothing per event, and an
 * attempt to change it throws a `TypeError` (in strict-mode code, as every module is; elsewhere it does
 * nothing) instead of changing what is stored.
 *
 * @category memory
 * @since 0.1.0
 */
export interface MemoryEventStore extends EventStore, SnapshotStore, ReadModelStore, LeaseManager {
  /** How many events the store holds. */
  readonly size: () => number;
}

/**
 * Creates an empty in-memory store.
 *
 * @example
 * import { createMemoryEventStore } from '@adal/adapters/memory';
 * const store = createMemoryEventStore();
 *
 * @category memory
 * @since 0.1.0
 */
export const createMemoryEventStore = (options: MemoryEventStoreOptions = {}): MemoryEventStore => {
  const limits = options.limits ?? DEFAULT_STORE_LIMITS;
  const clock = options.clock ?? (() => new Date());
  // The global log; an event's position is its index + 1 in both halves of the position.
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byId = new Map<string, RecordedEvent>();
  const snapshots = new Map<string, Snapshot>();
  const listeners = new Set<() => void>();
  const subscriptions = new Set<{ stop: () => Promise<void> }>();
  let closed = false;

  const task =
    <A>(body: () => E.Either<StoreError, A>): TE.TaskEither<StoreError, A> =>
    () =>
      Promise.resolve().then(body);

  const stateOf = (name: string): StreamState => {
    const events = streams.get(name);
    return events === undefined || events.length === 0 ? 'no_stream' : BigInt(events.length - 1);
  };

  const appendToStream: EventStore['appendToStream'] = (name, events, appendOptions = {}) =>
    task(() => {
      const checked = checkAppendBatch(name, events, appendOptions.expectedRevision ?? 'any', limits);
      if (E.isLeft(checked)) return checked;
      const { streamName, expectedRevision } = checked.right;
      const batch = checked.right.events;
      const actual = stateOf(streamName);

      // A batch whose ids are already stored is either a repeat of that append (answered with what was
      // stored, nothing written) or a clash with other events.
      const stored = batch.map((event) => byId.get(event.id));
      if (stored.some((event) => event !== undefined)) {
        const first = stored[0];
        const isRepeat =
          first !== undefined &&
          stored.every(
            (event, i) =>
              event !== undefined &&
              event.streamName === streamName &&
              event.streamRevision === first.streamRevision + BigInt(i),
          );
        if (!isRepeat) {
          const clash = batch.find((event) => byId.has(event.id));
          return E.left(duplicateEventId(clash?.id ?? ''));
        }
        const before: StreamState = first.streamRevision === 0n ? 'no_stream' : first.streamRevision - 1n;
        if (!satisfiesExpectedRevision(expectedRevision, before) && !isLooseExpectation(expectedRevision)) {
          return E.left(wrongExpectedRevision(streamName, expectedRevision, actual));
        }
        const events = stored.filter((event): event is RecordedEvent => event !== undefined);
        const last = events[events.length - 1] ?? first;
        return E.right<StoreError, AppendResult>({
          nextExpectedRevision: last.streamRevision,
          lastPosition: last.globalPosition,
          events,
          alreadyStored: true,
        });
      }

      if (!satisfiesExpectedRevision(expectedRevision, actual)) {
        return E.left(wrongExpectedRevision(streamName, expectedRevision, actual));
      }
      const recordedAt = clock().getTime();
      const existing = streams.get(streamName) ?? [];
      const recorded = batch.map((event, i): RecordedEvent => {
        const seq = BigInt(log.length + i + 1);
        return Object.freeze({
          id: event.id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          streamName,
          streamRevision: BigInt(existing.length + i),
          globalPosition: globalPosition(seq, seq),
          recordedAt: Object.freeze(new StoredTime(recordedAt)),
          data: frozenCopy(event.data),
          metadata: frozenCopy(event.metadata),
        });
      });
      // Nothing above can fail past this point, so the batch lands whole or not at all.
      for (const event of recorded) {
        log.push(event);
        existing.push(event);
        byId.set(event.id, event);
      }
      streams.set(streamName, existing);
      const last = recorded[recorded.length - 1];
      if (last === undefined)
        return E.left(validationError([{ path: 'events', message: 'a batch needs at least one event' }]));
      queueMicrotask(() => listeners.forEach((listener) => listener()));
      return E.right<StoreError, AppendResult>({
        nextExpectedRevision: last.streamRevision,
        lastPosition: last.globalPosition,
        events: recorded,
        alreadyStored: false,
      });
    });

  const readStream: EventStore['readStream'] = (name, readOptions = {}) =>
    task(() => {
      const parsed = parseStreamName(name);
      if (E.isLeft(parsed)) return parsed;
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      const events = streams.get(name);
      if (events === undefined || events.length === 0) return E.left(streamNotFound(name));
      const lastRevision = events.length - 1;
      const backwards = readOptions.direction === 'backwards';
      const from = readOptions.from ?? (backwards ? BigInt(lastRevision) : 0n);
      if (typeof from !== 'bigint' || from < 0n) {
        return E.left(
          validationError([
            { path: 'from', message: `expected a revision (bigint >= 0), got ${String(from)}` },
          ]),
        );
      }
      const page: RecordedEvent[] = [];
      // Revisions are array indexes here: the loop counts in numbers, a revision past the end stops it at once.
      const start = from > BigInt(lastRevision) ? lastRevision + 1 : Number(from);
      if (backwards) {
        for (let r = Math.min(start, lastRevision); r >= 0 && page.length < max.right; r--) {
          const event = events[r];
          if (event !== undefined) page.push(event);
        }
      } else {
        for (let r = start; r <= lastRevision && page.length < max.right; r++) {
          const event = events[r];
          if (event !== undefined) page.push(event);
        }
      }
      return E.right(streamPage(page, BigInt(lastRevision), readOptions.direction));
    });

  const readAll: EventStore['readAll'] = (readOptions = {}) =>
    task(() => {
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      let start = 0;
      if (readOptions.after !== undefined) {
        if (!GlobalPositionCodec.is(readOptions.after)) {
          return E.left(
            validationError([
              { path: 'after', message: `expected a global position, got ${String(readOptions.after)}` },
            ]),
          );
        }
        start = Number(globalPositionParts(readOptions.after).major);
      }
      const events: RecordedEvent[] = [];
      let index = start;
      let next = readOptions.after;
      for (; index < log.length && events.length < max.right; index++) {
        const event = log[index];
        if (event === undefined) break;
        next = event.globalPosition;
        if (matchesFilter(event, readOptions.filter)) events.push(event);
      }
      const page: AllPage = { events, next, isEnd: index >= log.length };
      return E.right(page);
    });

  const countAll: NonNullable<EventStore['countAll']> = (countOptions = {}) =>
    task(() => {
      const start =
        countOptions.after === undefined ? 0 : Number(globalPositionParts(countOptions.after).major);
      let count = 0;
      for (let index = start; index < log.length; index++) {
        const event = log[index];
        if (event !== undefined && matchesFilter(event, countOptions.filter)) count += 1;
      }
      return E.right(count);
    });

  const onCommit = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    ...createMemoryReadModelStore(clock),
    ...inProcessLeases(),
    appendToStream,
    countAll,
    readStream,
    readAll,
    subscribeToAll: (subscribeOptions, handler) => {
      const subscription = catchUpSubscription(
        { readAll, onCommit, pollIntervalMs: 1000, pageSize: 500, maxReadFailures: 1 },
        subscribeOptions,
        handler,
      );
      if (closed) void subscription.stop();
      subscriptions.add(subscription);
      void subscription.ended.finally(() => subscriptions.delete(subscription));
      return subscription;
    },
    readSnapshot: (name) => () => Promise.resolve(E.right(O.fromNullable(snapshots.get(name)))),
    writeSnapshot: (snapshot) => () => {
      const current = snapshots.get(snapshot.streamName);
      // A late writer never replaces a newer snapshot of the same version.
      if (
        current === undefined ||
        current.version !== snapshot.version ||
        current.streamRevision < snapshot.streamRevision
      ) {
        snapshots.set(snapshot.streamName, structuredClone(snapshot));
      }
      return Promise.resolve(E.right(undefined));
    },
    size: () => log.length,
    close: async () => {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
    },
  };
};

/** `'any'` and `'stream_exists'` accept a repeat wherever the original landed. */
const isLooseExpectation = (expected: unknown): boolean => expected === 'any' || expected === 'stream_exists';

/**
 * A stored event's time: a `Date` (a reader sees no difference) whose setters throw, since freezing a `Date`
 * does not stop `setTime`. Shared by every reader of the event, it can no more be changed than the event.
 */
class StoredTime extends Date {}
for (const name of Object.getOwnPropertyNames(Date.prototype)) {
  if (!name.startsWith('set')) continue;
  Object.defineProperty(StoredTime.prototype, name, {
    value: function refuse(): never {
      throw new TypeError(`a stored event's recordedAt cannot be changed (${name})`);
    },
    writable: false,
    enumerable: false,
    configurable: false,
  });
}
Object.freeze(StoredTime.prototype);

/**
 * A deep, frozen copy of appended JSON (the batch check lets nothing else in): a walk over plain objects and
 * arrays, several times cheaper than `structuredClone`, freezing each copy as it is made. The caller keeps what
 * it appended and may change it; the store's copy never changes. Anything that is not plain JSON is cloned
 * as it was, and frozen.
 */
const frozenCopy = <A>(value: A): A => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as A;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return Object.freeze(structuredClone(value));
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = frozenCopy((value as Record<string, unknown>)[key]);
    // A `__proto__` member of parsed JSON is a field like any other, not the copy's prototype.
    if (key === '__proto__') {
      Object.defineProperty(copied, key, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copied[key] = field;
  }
  return Object.freeze(copied) as A;
};
