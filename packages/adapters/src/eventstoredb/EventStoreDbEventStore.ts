import type {
  AllPage,
  AppendResult,
  EventHandler,
  EventStore,
  GlobalPosition,
  RecordedEvent,
  StoreError,
  StoreLimits,
  StoreUnavailable,
  SubscribeOptions,
  Subscription,
  SubscriptionEnd,
} from '@adal/core';
import {
  checkAppendBatch,
  checkPageSize,
  DEFAULT_STORE_LIMITS,
  GlobalPositionCodec,
  matchesFilter,
  parseStreamName,
  storeUnavailable,
  streamNotFound,
  streamPage,
  validationError,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ResubscribePolicy } from './backoff.js';
import { afterDrop, createBackoff } from './backoff.js';
import type { EsdbDriver, EsdbPosition, EsdbRecordedEvent } from './driver.js';
import type { GroupSubscriptionOptions } from './groupSubscription.js';
import { groupSubscription } from './groupSubscription.js';
import type { EsdbClientLibrary } from './clientDriver.js';
import { eventStoreDbClientDriver } from './clientDriver.js';
import {
  fromEsdbError,
  fromEsdbEvent,
  fromEsdbPosition,
  isSystemEvent,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEsdbServerFilter,
} from './mapping.js';

/**
 * Options of the EventStoreDB store.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export interface EventStoreDbOptions {
  /** `esdb://localhost:2113?tls=false` for one node, `esdb+discover://a:2113,b:2113,c:2113` for a cluster. */
  readonly connectionString: string;
  /** The client library: `@eventstore/db-client` (`'eventstoredb'`, the default) or `@kurrent/kurrentdb-client`. */
  readonly library?: EsdbClientLibrary;
  /** Limits on one append; {@link EVENTSTOREDB_DEFAULT_LIMITS} by default. */
  readonly limits?: StoreLimits;
  /** How a dropped subscription comes back: first pause, longest pause, and how many tries in a row. */
  readonly resubscribe?: ResubscribePolicy;
}

/**
 * The event store on EventStoreDB: the port, plus the server's persistent subscriptions.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export interface EventStoreDbEventStore extends EventStore {
  /**
   * Joins a persistent subscription group on `$all` (created by the first consumer that joins it): the server
   * keeps the checkpoint and shares the group's events among all its consumers, at least once each. For work
   * that several portal instances share without a lease, such as sending notifications; a read model whose
   * documents depend on event order belongs to the projection runner (one owner at a time, by lease).
   *
   * @example
   * // const notifications = store.subscribeToGroup(
   * //   { group: 'notify-citizens', filter: { eventTypes: ['ReportAnswered'] } },
   * //   async (event) => { await sendNotice(event); }, // safe to run twice for one event
   * // );
   */
  readonly subscribeToGroup: (options: GroupSubscriptionOptions, handler: EventHandler) => Subscription;
}

/**
 * 1,000 events and 1,000,000 bytes of JSON per append: the server refuses a write over its `MaxAppendSize`
 * (1 MiB by default), so the other stores' 4 MiB would let batches through that the server refuses.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export const EVENTSTOREDB_DEFAULT_LIMITS: StoreLimits = {
  maxBatchEvents: DEFAULT_STORE_LIMITS.maxBatchEvents,
  maxBatchBytes: 1_000_000,
};

/**
 * Connects to EventStoreDB (or KurrentDB) through `@eventstore/db-client`, which must be installed. Nothing
 * is sent to the server until the first operation. A missing client library or a malformed connection string
 * is a `StoreUnavailable`, never an exception.
 *
 * @example
 * import { connectEventStoreDb } from '@adal/adapters/eventstoredb';
 * // const opened = await connectEventStoreDb({ connectionString: 'esdb://localhost:2113?tls=false' })();
 * // if (opened._tag === 'Right') { const store = opened.right; }
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export const connectEventStoreDb =
  (options: EventStoreDbOptions): TE.TaskEither<StoreUnavailable, EventStoreDbEventStore> =>
  async () => {
    try {
      return E.right(
        createEventStoreDbEventStore(
          await eventStoreDbClientDriver(options.connectionString, options.library),
          options,
        ),
      );
    } catch (error) {
      return E.left(
        storeUnavailable(
          `could not connect to EventStoreDB (is "${options.library === 'kurrentdb' ? '@kurrent/kurrentdb-client' : '@eventstore/db-client'}" installed, and the connection string right?): ${error instanceof Error ? error.message : String(error)}`,
          error,
        ),
      );
    }
  };

/**
 * The store over any driver. Meant for tests (a fake driver) and for other clients of the same server.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export const createEventStoreDbEventStore = (
  driver: EsdbDriver,
  options: Omit<EventStoreDbOptions, 'connectionString'> = {},
): EventStoreDbEventStore => {
  const limits = options.limits ?? EVENTSTOREDB_DEFAULT_LIMITS;
  const subscriptions = new Set<Subscription>();

  const appendToStream: EventStore['appendToStream'] =
    (name, events, appendOptions = {}) =>
    async () => {
      // A batch is written as one append, never split: splitting would break the atomicity of DESIGN §3.2.
      // The default limits keep batches below the server's maximum append size; one over it is refused.
      const checked = checkAppendBatch(name, events, appendOptions.expectedRevision ?? 'any', limits);
      if (E.isLeft(checked)) return checked;
      const { streamName, expectedRevision } = checked.right;
      const batch = checked.right.events;
      let next: bigint;
      let position: EsdbPosition | undefined;
      try {
        const result = await driver.append(
          streamName,
          batch.map(toEsdbEventData),
          toEsdbExpectedRevision(expectedRevision),
        );
        next = result.nextExpectedRevision;
        position = result.position;
      } catch (cause) {
        return E.left(fromEsdbError(cause, { streamName, expected: expectedRevision }));
      }
      // The server answers with the last revision and the log position only; the events as recorded are
      // read back. The server answers an idempotent repeat with the original's revisions and no position
      // (commit -1 on the wire), which is how a repeat is told from a new write.
      const first = next - BigInt(batch.length) + 1n;
      const read = await readEvents(() =>
        driver.readStream(streamName, {
          fromRevision: first < 0n ? 0n : first,
          direction: 'forwards',
          maxCount: batch.length,
        }),
      );
      if (E.isLeft(read)) return read;
      const recorded = read.right;
      const last = recorded[recorded.length - 1];
      if (last === undefined)
        return E.left(storeUnavailable(`EventStoreDB: could not read back ${streamName}`));
      const result: AppendResult = {
        nextExpectedRevision: next,
        lastPosition: last.globalPosition,
        events: recorded,
        alreadyStored: position === undefined || last.globalPosition !== fromEsdbPosition(position),
      };
      return E.right(result);
    };

  const readEvents = async (
    read: () => AsyncIterable<EsdbRecordedEvent>,
    streamName?: string,
  ): Promise<E.Either<StoreError, RecordedEvent[]>> => {
    const found: RecordedEvent[] = [];
    try {
      for await (const raw of read()) {
        const event = fromEsdbEvent(raw);
        if (E.isRight(event)) found.push(event.right);
      }
    } catch (cause) {
      return E.left(fromEsdbError(cause, streamName === undefined ? {} : { streamName }));
    }
    return E.right(found);
  };

  const readStream: EventStore['readStream'] =
    (name, readOptions = {}) =>
    async () => {
      const parsed = parseStreamName(name);
      if (E.isLeft(parsed)) return parsed;
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      const direction = readOptions.direction ?? 'forwards';
      const from = readOptions.from;
      if (from !== undefined && (typeof from !== 'bigint' || from < 0n)) {
        return E.left(
          validationError([
            { path: 'from', message: `expected a revision (bigint >= 0), got ${String(from)}` },
          ]),
        );
      }
      // The stream's last revision bounds `next`: one more read of a single event, backwards from the end.
      const tail = await readEvents(
        () => driver.readStream(name, { fromRevision: 'end', direction: 'backwards', maxCount: 1 }),
        name,
      );
      if (E.isLeft(tail)) return tail;
      const lastEvent = tail.right[0];
      if (lastEvent === undefined) return E.left(streamNotFound(name));
      const start = from ?? (direction === 'backwards' ? 'end' : 'start');
      const events = await readEvents(
        () =>
          driver.readStream(name, {
            fromRevision:
              typeof start === 'bigint' && direction === 'backwards' && start > lastEvent.streamRevision
                ? 'end'
                : start,
            direction,
            maxCount: max.right,
          }),
        name,
      );
      if (E.isLeft(events)) return events;
      return E.right(streamPage(events.right, lastEvent.streamRevision, direction));
    };

  const readAll: EventStore['readAll'] =
    (readOptions = {}) =>
    async () => {
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      const after = readOptions.after;
      if (after !== undefined && !GlobalPositionCodec.is(after)) {
        return E.left(
          validationError([{ path: 'after', message: `expected a global position, got ${String(after)}` }]),
        );
      }
      // A read of `$all` starts at its position inclusively, so one more event is asked for and the one at
      // `after` dropped. The client offers no server-side filter on reads, only on subscriptions.
      const found: RecordedEvent[] = [];
      let next: GlobalPosition | undefined = after;
      let examined = 0;
      let past = 0;
      const ask = max.right + (after === undefined ? 0 : 1);
      try {
        for await (const raw of driver.readAll({
          fromPosition: after === undefined ? 'start' : toEsdbPosition(after),
          maxCount: ask,
        })) {
          examined += 1;
          if (raw.position === undefined) continue;
          // Every event examined moves `next`, ours or not, so a page of only foreign or system events
          // still moves the reader on.
          const position = fromEsdbPosition(raw.position);
          if (after !== undefined && position <= after) continue;
          next = position;
          past += 1;
          const event = fromEsdbEvent(raw);
          if (isSystemEvent(raw) || E.isLeft(event)) continue;
          if (matchesFilter(event.right, readOptions.filter)) found.push(event.right);
          if (past === max.right) break;
        }
      } catch (cause) {
        return E.left(fromEsdbError(cause));
      }
      const page: AllPage = { events: found, next, isEnd: examined < ask && past < max.right };
      return E.right(page);
    };

  const track = (subscription: Subscription): Subscription => {
    subscriptions.add(subscription);
    void subscription.ended.finally(() => subscriptions.delete(subscription));
    return subscription;
  };
  const subscribeToAll: EventStore['subscribeToAll'] = (subscribeOptions, handler) =>
    track(resubscribingSubscription(driver, subscribeOptions, handler, options.resubscribe));
  const subscribeToGroup: EventStoreDbEventStore['subscribeToGroup'] = (groupOptions, handler) =>
    track(
      groupSubscription(
        driver,
        groupOptions.resubscribe === undefined && options.resubscribe !== undefined
          ? { ...groupOptions, resubscribe: options.resubscribe }
          : groupOptions,
        handler,
      ),
    );

  return {
    appendToStream,
    readStream,
    readAll,
    subscribeToAll,
    subscribeToGroup,
    close: async () => {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await driver.close();
    },
  };
};

/**
 * A catch-up subscription that survives drops: when the server ends or breaks the subscription, it waits
 * (doubling the pause) and subscribes again from the position of the last event its handler settled, so
 * nothing is skipped and nothing repeated. Only a fault of ours (access denied), a handler failure, too many
 * drops in a row or `stop()` end it.
 */
export const resubscribingSubscription = (
  driver: Pick<EsdbDriver, 'subscribeToAll'>,
  options: SubscribeOptions,
  handler: EventHandler,
  policy: ResubscribePolicy = {},
): Subscription => {
  const filter = toEsdbServerFilter(options.filter);
  const backoff = createBackoff(policy);
  let stopped = false;
  let current: { readonly unsubscribe: () => Promise<void> } | undefined;

  const run = async (): Promise<SubscriptionEnd> => {
    let after = options.after;
    let drops = 0;
    while (!stopped) {
      const subscription = driver.subscribeToAll({
        fromPosition: after === undefined ? 'start' : toEsdbPosition(after),
        filter,
      });
      current = subscription;
      let failure: StoreError | undefined;
      try {
        for await (const item of subscription) {
          if (stopped) return { _tag: 'Stopped' };
          if (item._tag === 'CaughtUp') {
            drops = 0;
            options.onCaughtUp?.(after);
            continue;
          }
          const raw = item.event;
          if (isSystemEvent(raw)) continue;
          const event = fromEsdbEvent(raw);
          if (E.isLeft(event)) continue;
          // The server may replay the event at the position it was asked to start from.
          if (after !== undefined && event.right.globalPosition <= after) continue;
          if (!matchesFilter(event.right, options.filter)) continue;
          drops = 0;
          try {
            await handler(event.right);
          } catch (cause) {
            return { _tag: 'HandlerFailed', event: event.right, cause };
          }
          after = event.right.globalPosition;
        }
      } catch (cause) {
        failure = fromEsdbError(cause);
      }
      if (stopped) break;
      drops += 1;
      const end = await afterDrop(backoff, failure, drops, 'EventStoreDB: the subscription ended');
      if (end !== undefined) return end;
    }
    return { _tag: 'Stopped' };
  };

  const ended = run();
  return {
    ended,
    stop: async () => {
      stopped = true;
      backoff.cancel();
      await current?.unsubscribe();
      await ended;
    },
  };
};
