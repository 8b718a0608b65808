import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@adal/core';
import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { createEventStoreDbEventStore } from '../src/eventstoredb/EventStoreDbEventStore.js';
import { createFakeEsdb } from './EventStoreDbFakeDriver.js';

// Persistent subscription groups, driven through the adapter against the fake server's groups (which follow
// the server's documented rules; EventStoreDbFakeGroups.ts). What the server itself does is for the live suite.

const event = (n: number, type = 'Happened'): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: { n },
  metadata: {},
});
const n = (e: RecordedEvent) => (e.data as { n: number }).n;

const eventually = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

const setUp = async (streams: number, perStream: number) => {
  const fake = createFakeEsdb();
  const store = createEventStoreDbEventStore(fake, { resubscribe: { initialDelayMs: 1, maxDelayMs: 4 } });
  let k = 0;
  for (let s = 0; s < streams; s++) {
    for (let i = 0; i < perStream; i++) {
      await store.appendToStream(`report-KZ-71-g${s}`, [event(k++)])();
    }
  }
  return { fake, store, total: k };
};

describe('EventStoreDB persistent subscription groups', () => {
  it('shares the events among the consumers of a group: each handled once, by one of them', async () => {
    const { fake, store, total } = await setUp(4, 10);
    const byConsumer: number[][] = [[], []];
    const consumers = byConsumer.map((seen) =>
      store.subscribeToGroup({ group: 'notify' }, (e) => {
        seen.push(n(e));
      }),
    );
    await eventually(() => byConsumer.flat().length === total, 'every event');
    await store.appendToStream('report-KZ-71-g0', [event(total)])();
    await eventually(() => byConsumer.flat().length === total + 1, 'a live event');
    expect(byConsumer.flat().sort((a, b) => a - b)).toEqual([...Array(total + 1).keys()]);
    // Both took a share, and the group was created once: the second consumer found it there.
    expect(byConsumer[0]?.length).toBeGreaterThan(0);
    expect(byConsumer[1]?.length).toBeGreaterThan(0);
    expect(fake.groups.created()).toBe(1);
    await Promise.all(consumers.map((c) => c.stop()));
    expect(await consumers[0]?.ended).toEqual({ _tag: 'Stopped' });
  });

  it('pinned: the events of one stream go to one consumer, in order', async () => {
    const { store, total } = await setUp(6, 5);
    const seen: { consumer: number; stream: string; n: number }[] = [];
    const consumers = [0, 1].map((consumer) =>
      store.subscribeToGroup({ group: 'pinned', consumerStrategy: 'pinned' }, (e) => {
        seen.push({ consumer, stream: e.streamName, n: n(e) });
      }),
    );
    await eventually(() => seen.length === total, 'every event');
    for (const stream of new Set(seen.map((s) => s.stream))) {
      const ofStream = seen.filter((s) => s.stream === stream);
      expect(new Set(ofStream.map((s) => s.consumer)).size).toBe(1);
      expect(ofStream.map((s) => s.n)).toEqual([...ofStream.map((s) => s.n)].sort((a, b) => a - b));
    }
    await Promise.all(consumers.map((c) => c.stop()));
  });

  it('sends a failed event again, parks it after the last retry, and goes on with the others', async () => {
    const { fake, store } = await setUp(1, 3);
    const tries = new Map<number, number>();
    const parked: number[] = [];
    const handled: number[] = [];
    const consumer = store.subscribeToGroup(
      { group: 'poison', maxRetries: 2, onParked: (e) => parked.push(n(e)) },
      (e) => {
        tries.set(n(e), (tries.get(n(e)) ?? 0) + 1);
        if (n(e) === 1) throw new Error('cannot send this notice');
        handled.push(n(e));
      },
    );
    await eventually(() => parked.length === 1 && handled.length === 2, 'the poison event parked');
    expect(tries.get(1)).toBe(3); // the first try and two retries
    expect(handled).toEqual([0, 2]);
    expect(fake.groups.parked('poison').map((e) => e.id)).toHaveLength(1);
    await consumer.stop();
  });

  it('comes back after a dropped connection: nothing is lost, unacknowledged events come again', async () => {
    const { fake, store, total } = await setUp(2, 5);
    const seen: number[] = [];
    let release: (() => void) | undefined;
    const consumer = store.subscribeToGroup({ group: 'drop' }, async (e) => {
      seen.push(n(e));
      // The sixth event is in the handler when the connection drops, so it is never acknowledged.
      if (seen.length === 6) await new Promise<void>((resolve) => (release = resolve));
    });
    await eventually(() => release !== undefined, 'the handler to hold an event');
    fake.groups.dropConsumers(new UnavailableError(undefined, 'connection reset'));
    release?.();
    await store.appendToStream('report-KZ-71-g0', [event(total)])();
    await eventually(() => new Set(seen).size === total + 1, 'every event after the drop');
    expect(seen.length).toBeGreaterThanOrEqual(total + 1); // at least once
    await consumer.stop();
  });

  it('creates the group again when it was deleted while consumers were connected', async () => {
    const { fake, store, total } = await setUp(1, 3);
    const seen: number[] = [];
    const consumer = store.subscribeToGroup({ group: 'deleted' }, (e) => {
      seen.push(n(e));
    });
    await eventually(() => seen.length === total, 'the first pass');
    fake.groups.deleteGroup('deleted');
    await eventually(() => fake.groups.created() === 2, 'the group made again');
    // A group made again starts where its settings say (the start of $all): at least once, again.
    await eventually(() => seen.length === 2 * total, 'the second pass');
    await consumer.stop();
  });

  it('delivers only the filtered events; system and foreign events are acknowledged unseen', async () => {
    const fake = createFakeEsdb();
    const store = createEventStoreDbEventStore(fake);
    await store.appendToStream('report-KZ-71-f', [
      event(1, 'ReportAnswered'),
      event(2, 'ReportRegistered'),
    ])();
    await fake.append(
      'legacy_stream',
      [{ id: randomUUID(), type: 'ReportAnswered', data: {}, metadata: {} }],
      'any',
    );
    await store.appendToStream('report-KZ-75-f', [event(3, 'ReportAnswered')])();
    const seen: number[] = [];
    const consumer = store.subscribeToGroup(
      { group: 'answers', filter: { streamPrefixes: ['report-', 'legacy'], eventTypes: ['ReportAnswered'] } },
      (e) => {
        seen.push(n(e));
      },
    );
    await eventually(() => seen.length === 2, 'the answers');
    await store.appendToStream('report-KZ-71-f', [event(4, 'ReportClosed'), event(5, 'ReportAnswered')])();
    await eventually(() => seen.length === 3, 'the live answer');
    expect(seen).toEqual([1, 3, 5]);
    expect(fake.groups.parked('answers')).toEqual([]);
    await consumer.stop();
  });

  it('a new group starts where told: at the end, or strictly after a position', async () => {
    const { store, total } = await setUp(1, 4);
    const page = await store.readAll()();
    if (page._tag === 'Left') throw new Error(page.left.message);
    const second = page.right.events[1];
    if (second === undefined) throw new Error('no second event');
    const fromEnd: number[] = [];
    const afterSecond: number[] = [];
    const a = store.subscribeToGroup({ group: 'from-end', startFrom: 'end' }, (e) => {
      fromEnd.push(n(e));
    });
    const b = store.subscribeToGroup({ group: 'after', startFrom: { after: second.globalPosition } }, (e) => {
      afterSecond.push(n(e));
    });
    await eventually(() => afterSecond.length === 2, 'the events after the second');
    await store.appendToStream('report-KZ-71-g0', [event(total)])();
    await eventually(() => fromEnd.length === 1 && afterSecond.length === 3, 'the live event');
    expect(fromEnd).toEqual([total]);
    expect(afterSecond).toEqual([2, 3, total]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('ends with StoreFailed, without retrying, when access to the group is denied', async () => {
    const fake = createFakeEsdb();
    let creates = 0;
    const store = createEventStoreDbEventStore({
      ...fake,
      createPersistentSubscriptionToAll: () => {
        creates += 1;
        return Promise.reject(new AccessDeniedError(undefined, 'access denied'));
      },
    });
    const consumer = store.subscribeToGroup(
      { group: 'denied', resubscribe: { initialDelayMs: 1 } },
      () => undefined,
    );
    const end = await consumer.ended;
    expect(end).toMatchObject({ _tag: 'StoreFailed', error: { reason: 'access_denied' } });
    expect(creates).toBe(1);
  });

  it('store.close() stops its group consumers', async () => {
    const { store } = await setUp(1, 1);
    const consumer = store.subscribeToGroup({ group: 'closing' }, () => undefined);
    await store.close();
    expect(await consumer.ended).toEqual({ _tag: 'Stopped' });
  });
});
