/**
 * The chained store appends at a revision the command handler has just read without reading the tail again,
 * and the chain it makes is the one a fresh read of the tail would give.
 */
import { createMemoryEventStore } from '@adal/adapters/memory';
import type { EventStore, ReadStreamOptions } from '@adal/core';
import { CitizenReport, GENESIS_HASH } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { chainEventStore, createAdalClient, eventHash } from '../../src/index.js';

const AT = '2026-03-04T06:30:00.000Z';
const submit = {
  type: 'SubmitReport',
  at: AT,
  channel: 'map',
  region: 'KZ-71',
  point: { lat: 51.128, lon: 71.43 },
  category: 'constructionQuality',
  description: { text: 'Walls are built with cheaper bricks than the estimate says', language: 'en' },
  evidence: [],
  reporter: { kind: 'anonymous', receiptHash: 'scrypt$N=16384$c2FsdA$receipt' },
};
const followUp = {
  type: 'PostFollowUp',
  at: AT,
  author: 'office',
  text: { text: 'Planned', language: 'en' },
};
const STREAM = 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';

const countingReads = (store: EventStore) => {
  const reads: ReadStreamOptions[] = [];
  const counted: EventStore = {
    ...store,
    readStream: (name, options = {}) => {
      reads.push(options);
      return store.readStream(name, options);
    },
  };
  return { counted, reads };
};

describe('eventHash', () => {
  // Chains written by earlier versions must keep verifying: the hash of a fixed event is pinned here, worked
  // out once with `createHash('sha256').update(prevHash).update(canonical JSON of the event)`.
  const event = {
    id: '0190f3c2-7b1e-7c4a-9d2e-000000000001',
    streamName: STREAM,
    streamRevision: 3n,
    type: 'FollowUpPosted',
    schemaVersion: 1,
    data: {
      at: AT,
      text: { text: 'Қаражат «жұмсалды» \u2028 ✓', language: 'kk' },
      author: 'office',
    },
    metadata: { commandId: 'c-1', correlationId: 'k-1', occurredAt: AT, prevHash: 'ab'.repeat(32) },
  };

  it('is SHA-256 over the previous hash and the canonical JSON of the event, as it always was', () => {
    expect(eventHash(event)).toBe('c6863a2740a3e1bf9f9a1ee3fc212b5717d7b1875e0985fbc39a7e2c30d271a9');
    // The event's own hash is not covered, and the first event of a stream chains onto the genesis hash.
    const first = { ...event, streamRevision: 0n, metadata: { commandId: 'c-1' } };
    expect(eventHash({ ...first, metadata: { ...first.metadata, hash: 'f'.repeat(64) } })).toBe(
      '8f4571a07cdf924f05e7aff894acd777b9966f6b7f0be7c90d7a3a056da2d737',
    );
    expect(GENESIS_HASH).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('chainEventStore', () => {
  it('chains a command onto the tail the handler loaded, without reading it again', async () => {
    const store = createMemoryEventStore();
    const { counted, reads } = countingReads(store);
    const client = createAdalClient({ store: counted });
    expect(E.isRight(await client.handleCommand(CitizenReport, STREAM, submit)())).toBe(true);
    for (let i = 0; i < 3; i++) {
      reads.length = 0;
      expect(E.isRight(await client.handleCommand(CitizenReport, STREAM, followUp)())).toBe(true);
      // The handler's load only: no read of one event at the expected revision.
      expect(reads.filter((options) => options.max === 1)).toEqual([]);
    }
    const page = await store.readStream(STREAM)();
    if (E.isLeft(page)) throw new Error(page.left.message);
    let prevHash = GENESIS_HASH;
    for (const event of page.right.events) {
      expect(event.metadata.prevHash).toBe(prevHash);
      expect(event.metadata.hash).toBe(eventHash(event));
      prevHash = event.metadata.hash ?? '';
    }
    expect(page.right.events).toHaveLength(4);
  });

  it('reads the tail when it has not seen the stream, as another process appended it', async () => {
    const store = createMemoryEventStore();
    const other = chainEventStore(store);
    const first = createAdalClient({ store: other });
    expect(E.isRight(await first.handleCommand(CitizenReport, STREAM, submit)())).toBe(true);
    const { counted, reads } = countingReads(store);
    const chained = chainEventStore(counted);
    const tail = await store.readStream(STREAM, { direction: 'backwards', max: 1 })();
    if (E.isLeft(tail)) throw new Error(tail.left.message);
    const appended = await chained.appendToStream(
      STREAM,
      [
        {
          id: '0190f3c2-7b1e-7c4a-9d2e-000000000001',
          type: 'FollowUpPosted',
          schemaVersion: 1,
          data: {},
          metadata: {},
        },
      ],
      { expectedRevision: 0n },
    )();
    expect(reads).toEqual([{ from: 0n, max: 1 }]);
    if (E.isLeft(appended)) throw new Error(appended.left.message);
    expect(appended.right.events[0]?.metadata.prevHash).toBe(tail.right.events[0]?.metadata.hash);
  });
});
