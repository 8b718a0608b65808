import { EventEmitter } from 'node:events';
import { UnavailableError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import type { EsdbRecordedEvent, EsdbSubscriptionItem } from '../src/eventstoredb/driver.js';
import type { SubscriptionSource } from '../src/eventstoredb/subscriptionQueue.js';
import { queuedItems } from '../src/eventstoredb/subscriptionQueue.js';

/** A stand-in for the client's subscription: a readable stream's events, and pause/resume. */
const source = () => {
  const emitter = new EventEmitter();
  let pauses = 0;
  let resumes = 0;
  const stream = Object.assign(emitter, {
    pause: () => (pauses += 1),
    resume: () => (resumes += 1),
  }) as unknown as SubscriptionSource & EventEmitter;
  return { stream, pauses: () => pauses, resumes: () => resumes };
};

const recorded = (n: number): EsdbRecordedEvent => ({
  streamId: 'report-KZ-71-1',
  id: `id-${n}`,
  type: 'Happened',
  revision: BigInt(n),
  data: { n },
  metadata: {},
  created: new Date(0),
  position: { commit: BigInt(n), prepare: BigInt(n) },
});

const toEvent = (resolved: { readonly event?: EsdbRecordedEvent }) => resolved.event;

const take = async (items: AsyncIterable<EsdbSubscriptionItem>, count: number) => {
  const got: EsdbSubscriptionItem[] = [];
  for await (const item of items) {
    got.push(item);
    if (got.length === count) break;
  }
  return got;
};

describe('EventStoreDB driver: the subscription queue', () => {
  it('yields events and caughtUp in the order the client emitted them, at once', async () => {
    const { stream } = source();
    const items = queuedItems(stream, toEvent);
    stream.emit('data', { event: recorded(0) });
    stream.emit('data', {}); // a resolved event without an event (a link to a deleted one) is skipped
    stream.emit('caughtUp');
    const got = await take(items, 2);
    expect(got.map((i) => i._tag)).toEqual(['Event', 'CaughtUp']);
    const later = take(items, 1);
    stream.emit('data', { event: recorded(1) });
    expect(await later).toEqual([{ _tag: 'Event', event: recorded(1) }]);
  });

  it('delivers what was queued, then throws the error of a drop', async () => {
    const { stream } = source();
    const items = queuedItems(stream, toEvent);
    stream.emit('data', { event: recorded(0) });
    stream.emit('error', new UnavailableError(undefined, 'connection reset'));
    const got: EsdbSubscriptionItem[] = [];
    await expect(
      (async () => {
        for await (const item of items) got.push(item);
      })(),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(got).toHaveLength(1);
  });

  it('ends when the stream ends', async () => {
    const { stream } = source();
    const items = queuedItems(stream, toEvent);
    stream.emit('end');
    expect(await take(items, 1)).toEqual([]);
  });

  it('pauses the stream while the handler lags, and resumes it once drained', async () => {
    const { stream, pauses, resumes } = source();
    const items = queuedItems(stream, toEvent);
    for (let n = 0; n < 300; n++) stream.emit('data', { event: recorded(n) });
    expect(pauses()).toBe(1);
    await take(items, 200);
    expect(resumes()).toBe(1);
  });
});
