import {
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionExistsError,
} from '@eventstore/db-client';
import type {
  EsdbDriver,
  EsdbPersistentItem,
  EsdbPersistentSettings,
  EsdbPersistentSubscription,
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbServerFilter,
} from '../src/eventstoredb/driver.js';

/**
 * Persistent subscription groups of the fake server, with the rules the server documents: the group keeps
 * its place in `$all`; each consumer gets at most `bufferSize` unacknowledged events; `RoundRobin` deals
 * events out in turn, `Pinned` sends a stream's events to one consumer, `DispatchToSingle` to the first;
 * `nack('retry')` sends the event again with its retry count up, `park` puts it aside, `skip` drops it; the
 * unacknowledged events of a consumer that leaves go to the others. Message timeouts are not modelled.
 */
export interface FakeGroups extends Pick<
  EsdbDriver,
  'createPersistentSubscriptionToAll' | 'subscribeToPersistentSubscriptionToAll'
> {
  /** Call after every append: deals new events out. */
  readonly onAppend: () => void;
  /** Drops every consumer's connection with this error (as a network failure does). */
  readonly dropConsumers: (error: unknown) => void;
  /** Deletes a group (its consumers are dropped with the server's "does not exist" error). */
  readonly deleteGroup: (group: string) => void;
  /** The events parked in a group, and how many times a group was created. */
  readonly parked: (group: string) => readonly EsdbRecordedEvent[];
  readonly created: () => number;
}

interface Pending {
  readonly event: EsdbRecordedEvent;
  readonly retryCount: number;
}

interface Consumer {
  readonly bufferSize: number;
  readonly inFlight: Map<string, Pending>;
  readonly deliver: (item: EsdbPersistentItem) => void;
  readonly fail: (error: unknown) => void;
}

interface Group {
  readonly settings: EsdbPersistentSettings;
  readonly passes: (event: EsdbRecordedEvent) => boolean;
  next: number;
  readonly pending: Pending[];
  readonly parked: EsdbRecordedEvent[];
  readonly consumers: Consumer[];
  turn: number;
}

const key = (event: EsdbRecordedEvent) => `${event.streamId}@${event.revision}`;

const serverError = (group: string) => ({
  code: 6,
  message: `6 ALREADY_EXISTS: group ${group} exists`,
  details: '',
  metadata: { getMap: () => ({ 'stream-name': '$all', 'group-name': group }) },
});

export const createFakeGroups = (
  log: readonly EsdbRecordedEvent[],
  after: (a: EsdbPosition, b: EsdbPosition) => boolean,
  copy: (e: EsdbRecordedEvent) => EsdbRecordedEvent,
): FakeGroups => {
  const groups = new Map<string, Group>();
  let created = 0;
  // A start past the last event waits at the end.
  const atOrPast = (index: number) => (index < 0 ? log.length : index);

  const passesFilter = (filter: EsdbServerFilter) => {
    const regex = filter.regex === undefined ? undefined : new RegExp(filter.regex);
    return (e: EsdbRecordedEvent) => {
      const value = filter.filterOn === 'streamName' ? e.streamId : e.type;
      return regex !== undefined
        ? regex.test(value)
        : (filter.prefixes ?? []).some((p) => value.startsWith(p));
    };
  };

  const pick = (group: Group, event: EsdbRecordedEvent): Consumer | undefined => {
    const free = group.consumers.filter((c) => c.inFlight.size < c.bufferSize);
    switch (group.settings.consumerStrategy) {
      case 'DispatchToSingle':
        return free.includes(group.consumers[0] as Consumer) ? group.consumers[0] : undefined;
      case 'Pinned': {
        const hash = [...event.streamId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
        const pinned = group.consumers[Math.abs(hash) % group.consumers.length];
        return pinned !== undefined && free.includes(pinned) ? pinned : undefined;
      }
      case 'RoundRobin': {
        for (let i = 0; i < group.consumers.length; i++) {
          const c = group.consumers[(group.turn + i) % group.consumers.length];
          if (c !== undefined && free.includes(c)) {
            group.turn = (group.turn + i + 1) % group.consumers.length;
            return c;
          }
        }
        return undefined;
      }
    }
  };

  const dispatch = (name: string, group: Group) => {
    for (; group.next < log.length; group.next++) {
      const e = log[group.next] as EsdbRecordedEvent;
      if (group.passes(e)) group.pending.push({ event: e, retryCount: 0 });
    }
    for (let i = 0; i < group.pending.length;) {
      const pending = group.pending[i] as Pending;
      const consumer = group.consumers.length === 0 ? undefined : pick(group, pending.event);
      if (consumer === undefined) {
        i += 1;
        continue;
      }
      group.pending.splice(i, 1);
      consumer.inFlight.set(key(pending.event), pending);
      const settle = (then: () => void) => () => {
        if (consumer.inFlight.delete(key(pending.event))) then();
        dispatch(name, group);
        return Promise.resolve();
      };
      consumer.deliver({
        event: copy(pending.event),
        retryCount: pending.retryCount,
        ack: settle(() => undefined),
        nack: (action) =>
          settle(() => {
            if (action === 'retry')
              group.pending.unshift({ event: pending.event, retryCount: pending.retryCount + 1 });
            if (action === 'park') group.parked.push(pending.event);
          })(),
      });
    }
  };

  /** A consumer that leaves hands its unacknowledged events back, counted as one more try. */
  const leave = (name: string, group: Group, consumer: Consumer) => {
    const at = group.consumers.indexOf(consumer);
    if (at < 0) return;
    group.consumers.splice(at, 1);
    const back = [...consumer.inFlight.values()].map((p) => ({
      event: p.event,
      retryCount: p.retryCount + 1,
    }));
    consumer.inFlight.clear();
    group.pending.unshift(...back);
    dispatch(name, group);
  };

  const subscribe = (name: string, options: { readonly bufferSize: number }): EsdbPersistentSubscription => {
    const queue: EsdbPersistentItem[] = [];
    let failure: { readonly error: unknown } | undefined;
    let closed = false;
    let wake: (() => void) | undefined;
    const consumer: Consumer = {
      bufferSize: options.bufferSize,
      inFlight: new Map(),
      deliver: (item) => {
        queue.push(item);
        wake?.();
      },
      fail: (error) => {
        failure ??= { error };
        wake?.();
      },
    };
    const group = groups.get(name);
    if (group === undefined) {
      consumer.fail(
        new PersistentSubscriptionDoesNotExistError(undefined, { streamName: '$all', groupName: name }),
      );
    } else {
      group.consumers.push(consumer);
      queueMicrotask(() => dispatch(name, group));
    }
    const depart = () => {
      const g = groups.get(name);
      if (g !== undefined) leave(name, g, consumer);
    };
    return {
      unsubscribe: () => {
        closed = true;
        depart();
        wake?.();
        return Promise.resolve();
      },
      [Symbol.asyncIterator]: async function* () {
        try {
          for (;;) {
            if (closed) return;
            const item = queue.shift();
            if (item !== undefined) {
              yield item;
              continue;
            }
            if (failure !== undefined) throw failure.error;
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
          }
        } finally {
          depart();
        }
      },
    };
  };

  return {
    createPersistentSubscriptionToAll: (name, settings) => {
      if (groups.has(name))
        return Promise.reject(new PersistentSubscriptionExistsError(serverError(name) as never));
      created += 1;
      const start = settings.startFrom;
      groups.set(name, {
        settings,
        passes: passesFilter(settings.filter),
        next:
          start === 'start'
            ? 0
            : start === 'end'
              ? log.length
              : atOrPast(log.findIndex((e) => e.position !== undefined && !after(start, e.position))),
        pending: [],
        parked: [],
        consumers: [],
        turn: 0,
      });
      return Promise.resolve();
    },
    subscribeToPersistentSubscriptionToAll: subscribe,
    onAppend: () => groups.forEach((group, name) => dispatch(name, group)),
    dropConsumers: (error) =>
      groups.forEach((group, name) => {
        for (const consumer of [...group.consumers]) {
          leave(name, group, consumer);
          consumer.fail(error);
        }
      }),
    deleteGroup: (name) => {
      const group = groups.get(name);
      groups.delete(name);
      for (const consumer of group?.consumers ?? [])
        consumer.fail(
          new PersistentSubscriptionDoesNotExistError(undefined, { streamName: '$all', groupName: name }),
        );
    },
    parked: (name) => groups.get(name)?.parked ?? [],
    created: () => created,
  };
};
