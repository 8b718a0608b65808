import type {
  AllFilter,
  EventHandler,
  GlobalPosition,
  RecordedEvent,
  StoreError,
  Subscription,
  SubscriptionEnd,
} from '@adal/core';
import { matchesFilter } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ResubscribePolicy } from './backoff.js';
import { afterDrop, createBackoff } from './backoff.js';
import type { EsdbConsumerStrategy, EsdbDriver, EsdbPersistentItem } from './driver.js';
import {
  esdbReason,
  fromEsdbError,
  fromEsdbEvent,
  isSystemEvent,
  toEsdbPosition,
  toEsdbServerFilter,
} from './mapping.js';

/**
 * How the server shares a group's events among its consumers: one after the other (`round_robin`), the events
 * of one stream to the same consumer while it is connected (`pinned`), or all to one consumer with the others
 * standing by (`dispatch_to_single`).
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export type ConsumerStrategy = 'round_robin' | 'pinned' | 'dispatch_to_single';

/**
 * Options of {@link EventStoreDbEventStore.subscribeToGroup}. `group`, `filter`, `startFrom`,
 * `consumerStrategy`, `maxRetries` and `messageTimeoutMs` are the group's settings: they take effect when the
 * group is created (by the first consumer to join it) and are kept by the server after that.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export interface GroupSubscriptionOptions {
  /** The group's name: every portal instance that joins the same name shares its events. */
  readonly group: string;
  /** Which events the group delivers; system events are never delivered. */
  readonly filter?: AllFilter;
  /** Where a new group starts: the start of `$all` (the default), its end, or after a position. */
  readonly startFrom?: 'start' | 'end' | { readonly after: GlobalPosition };
  /** `round_robin` by default. */
  readonly consumerStrategy?: ConsumerStrategy;
  /** How many times an event whose handler failed (or timed out) is sent again before it is parked; 10. */
  readonly maxRetries?: number;
  /** After how long without an answer the server sends an event again; 30 s. */
  readonly messageTimeoutMs?: number;
  /** How many events the server sends this consumer ahead of its acknowledgements; 10. */
  readonly bufferSize?: number;
  /** How a dropped connection comes back (as for catch-up subscriptions). */
  readonly resubscribe?: ResubscribePolicy;
  /** Told when an event is parked after its last retry: an operator replays parked events from the server's UI. */
  readonly onParked?: (event: RecordedEvent, cause: unknown) => void;
}

const STRATEGIES: Readonly<Record<ConsumerStrategy, EsdbConsumerStrategy>> = {
  round_robin: 'RoundRobin',
  pinned: 'Pinned',
  dispatch_to_single: 'DispatchToSingle',
};

/**
 * Joins a persistent subscription group on `$all`, creating the group first if it does not exist. The server
 * keeps the group's checkpoint and shares its events among every consumer connected to it, so several portal
 * instances can run one handler between them without a lease. Delivery is at least once: an event is
 * acknowledged after its handler settles; a handler that throws gets the event again (`maxRetries` times),
 * then the event is parked and the consumer goes on. Events outside the filter, system events and events
 * that are not Adal's are acknowledged without calling the handler. A dropped connection comes back on its
 * own; a group deleted meanwhile is created again. Access denied, too many drops in a row or `stop()` end it.
 */
export const groupSubscription = (
  driver: Pick<EsdbDriver, 'createPersistentSubscriptionToAll' | 'subscribeToPersistentSubscriptionToAll'>,
  options: GroupSubscriptionOptions,
  handler: EventHandler,
): Subscription => {
  const maxRetries = options.maxRetries ?? 10;
  const backoff = createBackoff(options.resubscribe);
  const startAfter = typeof options.startFrom === 'object' ? options.startFrom.after : undefined;
  let stopped = false;
  let current: { readonly unsubscribe: () => Promise<void> } | undefined;

  /** Creates the group; one that exists already (another instance made it) is fine. */
  const ensureGroup = async (): Promise<StoreError | undefined> => {
    try {
      await driver.createPersistentSubscriptionToAll(options.group, {
        startFrom:
          startAfter !== undefined
            ? toEsdbPosition(startAfter)
            : options.startFrom === 'end'
              ? 'end'
              : 'start',
        filter: toEsdbServerFilter(options.filter),
        consumerStrategy: STRATEGIES[options.consumerStrategy ?? 'round_robin'],
        maxRetryCount: maxRetries,
        messageTimeoutMs: options.messageTimeoutMs ?? 30_000,
      });
      return undefined;
    } catch (cause) {
      const error = fromEsdbError(cause);
      return esdbReason(error) === 'group_exists' ? undefined : error;
    }
  };

  /** Handles one item and settles it with the server; a failure to settle is a dropped connection. */
  const settle = async (item: EsdbPersistentItem): Promise<void> => {
    const raw = item.event;
    const event = raw === undefined || isSystemEvent(raw) ? undefined : fromEsdbEvent(raw);
    if (
      event === undefined ||
      E.isLeft(event) ||
      (startAfter !== undefined && event.right.globalPosition <= startAfter) ||
      !matchesFilter(event.right, options.filter)
    ) {
      await item.ack();
      return;
    }
    try {
      await handler(event.right);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      if (item.retryCount < maxRetries) {
        await item.nack('retry', reason);
      } else {
        await item.nack('park', reason);
        options.onParked?.(event.right, cause);
      }
      return;
    }
    await item.ack();
  };

  const run = async (): Promise<SubscriptionEnd> => {
    let drops = 0;
    let needsGroup = true;
    while (!stopped) {
      let failure: StoreError | undefined = needsGroup ? await ensureGroup() : undefined;
      if (failure === undefined) {
        needsGroup = false;
        const subscription = driver.subscribeToPersistentSubscriptionToAll(options.group, {
          bufferSize: options.bufferSize ?? 10,
        });
        current = subscription;
        try {
          for await (const item of subscription) {
            if (stopped) return { _tag: 'Stopped' };
            await settle(item);
            drops = 0;
          }
        } catch (cause) {
          failure = fromEsdbError(cause);
        }
      }
      if (stopped) break;
      // A group deleted while we were away is made again on the next try.
      if (failure !== undefined && esdbReason(failure) === 'group_not_found') needsGroup = true;
      drops += 1;
      const end = await afterDrop(
        backoff,
        failure,
        drops,
        `EventStoreDB: the group ${options.group} ended the subscription`,
      );
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
