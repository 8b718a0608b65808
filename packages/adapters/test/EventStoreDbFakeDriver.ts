import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type {
  EsdbDriver,
  EsdbEventData,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbSubscription,
  EsdbSubscriptionItem,
} from '../src/eventstoredb/driver.js';
import type { FakeGroups } from './EventStoreDbFakeGroups.js';
import { createFakeGroups } from './EventStoreDbFakeGroups.js';

/**
 * An in-memory stand-in for an EventStoreDB server behind the driver interface, with the server's rules as
 * its documentation states them (expected versions, idempotent appends by event id, inclusive reads of
 * `$all`, exclusive subscription starts). It throws the client library's own error classes. It proves the
 * adapter's logic, not the server: the live suite does that.
 */
export interface FakeEsdb extends EsdbDriver {
  /** Makes every live subscription fail now (as a dropped connection does). */
  readonly dropSubscriptions: (error?: unknown) => void;
  /** How many subscriptions were opened. */
  readonly subscribeCount: () => number;
  /** The persistent subscription groups: drop consumers, delete a group, see what was parked. */
  readonly groups: Omit<FakeGroups, 'onAppend'>;
}

export const createFakeEsdb = (): FakeEsdb => {
  const log: EsdbRecordedEvent[] = [];
  const streams = new Map<string, EsdbRecordedEvent[]>();
  const listeners = new Set<() => void>();
  const drops = new Set<(error: unknown) => void>();
  let subscribes = 0;
  const positionOf = (index: number): EsdbPosition => ({
    commit: BigInt(index + 1) * 100n,
    prepare: BigInt(index + 1) * 100n - 1n,
  });
  const after = (a: EsdbPosition, b: EsdbPosition) =>
    a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
  const groups = createFakeGroups(
    log,
    (a, b) => after(a, b),
    (e) => copy(e),
  );
  const atOrAfter = (a: EsdbPosition, b: EsdbPosition) =>
    after(a, b) || (a.commit === b.commit && a.prepare === b.prepare);

  const append = (name: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision) => {
    const stream = streams.get(name) ?? [];
    const current = stream.length === 0 ? ('no_stream' as const) : BigInt(stream.length - 1);
    // An idempotent repeat: the same ids already stored in order after the expected revision. The server
    // answers it with the original's last revision and no position. Ids used in other streams are not
    // checked: EventStoreDB does not keep event ids unique across streams.
    const firstId = events[0]?.id;
    const at = stream.findIndex((e) => e.id === firstId);
    if (at >= 0 && events.every((e, i) => stream[at + i]?.id === e.id)) {
      const before = at === 0 ? 'no_stream' : BigInt(at - 1);
      if (expected === 'any' || expected === 'stream_exists' || expected === before) {
        return Promise.resolve({ nextExpectedRevision: BigInt(at + events.length - 1) });
      }
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      expected === current;
    if (!ok) {
      return Promise.reject(
        new WrongExpectedVersionError(undefined, { streamName: name, expected, current }),
      );
    }
    const created = new Date();
    for (const e of events) {
      const recorded: EsdbRecordedEvent = {
        streamId: name,
        id: e.id,
        type: e.type,
        revision: BigInt(stream.length),
        data: structuredClone(e.data),
        metadata: structuredClone(e.metadata),
        created,
        position: positionOf(log.length),
      };
      stream.push(recorded);
      log.push(recorded);
    }
    streams.set(name, stream);
    listeners.forEach((l) => l());
    groups.onAppend();
    return Promise.resolve({
      nextExpectedRevision: BigInt(stream.length - 1),
      position: positionOf(log.length - 1),
    });
  };

  const subscribeToAll: EsdbDriver['subscribeToAll'] = (options) => {
    subscribes += 1;
    let closed = false;
    let failure: { error: unknown } | undefined;
    let wake: (() => void) | undefined;
    const notify = () => wake?.();
    const drop = (error: unknown) => {
      failure = { error };
      notify();
    };
    listeners.add(notify);
    drops.add(drop);
    const cleanUp = () => {
      listeners.delete(notify);
      drops.delete(drop);
    };
    const regex = options.filter.regex === undefined ? undefined : new RegExp(options.filter.regex);
    const passes = (e: EsdbRecordedEvent) => {
      const value = options.filter.filterOn === 'streamName' ? e.streamId : e.type;
      return regex !== undefined
        ? regex.test(value)
        : (options.filter.prefixes ?? []).some((p) => value.startsWith(p));
    };
    const subscription: EsdbSubscription = {
      unsubscribe: () => {
        closed = true;
        notify();
        return Promise.resolve();
      },
      [Symbol.asyncIterator]: async function* (): AsyncGenerator<EsdbSubscriptionItem> {
        try {
          let index =
            options.fromPosition === 'start'
              ? 0
              : log.findIndex(
                  (e) => e.position !== undefined && after(e.position, options.fromPosition as EsdbPosition),
                );
          if (index < 0) index = log.length;
          let caughtUp = false;
          for (;;) {
            if (failure !== undefined) throw failure.error;
            if (closed) return;
            const e = log[index];
            if (e !== undefined) {
              index += 1;
              if (passes(e)) yield { _tag: 'Event', event: copy(e) };
              continue;
            }
            if (!caughtUp) {
              caughtUp = true;
              yield { _tag: 'CaughtUp' };
              continue;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        } finally {
          cleanUp();
        }
      },
    };
    return subscription;
  };

  return {
    append,
    readStream: async function* (name, options) {
      await Promise.resolve();
      const stream = streams.get(name);
      if (stream === undefined) throw new StreamNotFoundError(undefined, name);
      const last = stream.length - 1;
      let r =
        options.fromRevision === 'start'
          ? 0
          : options.fromRevision === 'end'
            ? options.direction === 'backwards'
              ? last
              : last + 1
            : Number(options.fromRevision);
      for (let n = 0; n < options.maxCount; n++) {
        const e = stream[r];
        if (e === undefined) return;
        yield copy(e);
        r += options.direction === 'backwards' ? -1 : 1;
      }
    },
    readAll: async function* (options) {
      await Promise.resolve();
      const from = options.fromPosition;
      const start =
        from === 'start' ? 0 : log.findIndex((e) => e.position !== undefined && atOrAfter(e.position, from));
      if (start < 0) return;
      yield* log.slice(start, start + options.maxCount).map(copy);
    },
    subscribeToAll,
    close: () => Promise.resolve(),
    dropSubscriptions: (error = new Error('connection reset')) => [...drops].forEach((d) => d(error)),
    subscribeCount: () => subscribes,
    createPersistentSubscriptionToAll: groups.createPersistentSubscriptionToAll,
    subscribeToPersistentSubscriptionToAll: groups.subscribeToPersistentSubscriptionToAll,
    groups,
  };
};

/** The server sends fresh bytes on every read: the client makes new objects of them, its `created` too. */
const copy = (e: EsdbRecordedEvent): EsdbRecordedEvent => ({
  ...e,
  data: structuredClone(e.data),
  metadata: structuredClone(e.metadata),
  created: new Date(e.created.getTime()),
});
