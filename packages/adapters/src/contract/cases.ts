import type { AllPage, EventStore, RecordedEvent, StoreLimits, StreamPage } from '@adal/core';
import { compareGlobalPositions } from '@adal/core';
import type { ContractStore, ContractStoreFactory } from './support.js';
import {
  assert,
  category,
  CONTRACT_LIMITS,
  defined,
  event,
  events,
  eventually,
  leftTag,
  readAllOf,
  readStreamAll,
  right,
  stream,
} from './support.js';

/**
 * One rule of the store contract, runnable against any factory.
 *
 * @category contract
 * @since 0.1.0
 */
export interface ContractCase {
  /** The DESIGN §3 rule (or port rule) the case proves. */
  readonly rule: string;
  readonly name: string;
  readonly run: (factory: ContractStoreFactory) => Promise<void>;
}

const withStore =
  (
    body: (store: EventStore, context: ContractStore, limits: StoreLimits) => Promise<void>,
    limits = CONTRACT_LIMITS,
  ) =>
  async (factory: ContractStoreFactory): Promise<void> => {
    const context = await factory({ limits });
    try {
      await body(context.store, context, limits);
    } finally {
      await context.teardown?.();
    }
  };

const positionsIncrease = (found: readonly RecordedEvent[], what: string) => {
  for (let i = 1; i < found.length; i++) {
    const previous = found[i - 1];
    const current = found[i];
    if (previous === undefined || current === undefined) continue;
    assert.ok(
      compareGlobalPositions(previous.globalPosition, current.globalPosition) < 0,
      `${what}: positions must increase`,
    );
  }
};

const ids = (found: readonly { readonly id: string }[]) => found.map((e) => e.id);

/** The rules about expected revisions and the one winner per revision. */
const revisionCases: ContractCase[] = [
  {
    rule: 'expected revision',
    name: "'no_stream' creates a stream at revisions 0..n-1 and refuses an existing stream",
    run: withStore(async (store) => {
      const name = stream(category());
      const first = right(
        await store.appendToStream(name, events(3), { expectedRevision: 'no_stream' })(),
        'first append',
      );
      assert.equal(first.nextExpectedRevision, 2n);
      assert.deepEqual(
        first.events.map((e) => e.streamRevision),
        [0n, 1n, 2n],
      );
      assert.equal(first.alreadyStored, false);
      const again = leftTag(
        await store.appendToStream(name, events(1), { expectedRevision: 'no_stream' })(),
        'WrongExpectedRevision',
        'second no_stream',
      );
      assert.equal(again._tag === 'WrongExpectedRevision' && again.actual, 2n);
      assert.equal(again._tag === 'WrongExpectedRevision' && again.expected, 'no_stream');
    }),
  },
  {
    rule: 'expected revision',
    name: "'stream_exists' refuses a missing stream (actual 'no_stream') and accepts an existing one",
    run: withStore(async (store) => {
      const name = stream(category());
      const refused = leftTag(
        await store.appendToStream(name, events(1), { expectedRevision: 'stream_exists' })(),
        'WrongExpectedRevision',
        'missing stream',
      );
      assert.equal(refused._tag === 'WrongExpectedRevision' && refused.actual, 'no_stream');
      assert.equal((await readStreamAll(store, name)).length, 0, 'the refused batch left nothing');
      right(await store.appendToStream(name, events(1), { expectedRevision: 'any' })(), 'create');
      const ok = right(
        await store.appendToStream(name, events(2), { expectedRevision: 'stream_exists' })(),
        'existing',
      );
      assert.equal(ok.nextExpectedRevision, 2n);
    }),
  },
  {
    rule: 'expected revision',
    name: 'an exact revision must match; a mismatch names expected and actual, also against a missing stream',
    run: withStore(async (store) => {
      const name = stream(category());
      const missing = leftTag(
        await store.appendToStream(name, events(1), { expectedRevision: 0n })(),
        'WrongExpectedRevision',
        'missing stream',
      );
      assert.equal(missing._tag === 'WrongExpectedRevision' && missing.actual, 'no_stream');
      right(await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' })(), 'create');
      const stale = leftTag(
        await store.appendToStream(name, events(1), { expectedRevision: 0n })(),
        'WrongExpectedRevision',
        'stale',
      );
      assert.equal(stale._tag === 'WrongExpectedRevision' && stale.expected, 0n);
      assert.equal(stale._tag === 'WrongExpectedRevision' && stale.actual, 1n);
      const ahead = leftTag(
        await store.appendToStream(name, events(1), { expectedRevision: 5n })(),
        'WrongExpectedRevision',
        'ahead',
      );
      assert.equal(ahead._tag === 'WrongExpectedRevision' && ahead.actual, 1n);
      const ok = right(await store.appendToStream(name, events(1), { expectedRevision: 1n })(), 'exact');
      assert.equal(ok.nextExpectedRevision, 2n);
    }),
  },
  {
    rule: 'expected revision',
    name: "'any' (and no option at all) appends whatever the stream's state",
    run: withStore(async (store) => {
      const name = stream(category());
      right(await store.appendToStream(name, events(1), { expectedRevision: 'any' })(), 'any on missing');
      right(await store.appendToStream(name, events(1))(), 'default on existing');
      assert.deepEqual(
        (await readStreamAll(store, name)).map((e) => e.streamRevision),
        [0n, 1n],
      );
    }),
  },
  {
    rule: '§3.1 one winner per revision',
    name: 'concurrent appends at one expected revision: exactly one wins, every loser gets WrongExpectedRevision',
    run: withStore(async (store) => {
      const cat = category();
      let won = 0;
      for (let round = 0; round < 5; round++) {
        const name = stream(cat);
        right(
          await store.appendToStream(name, events(round + 1), { expectedRevision: 'no_stream' })(),
          'seed',
        );
        const expected = BigInt(round);
        const batches = Array.from({ length: 16 }, (_, i) => events(1 + (i % 3), i * 10));
        const results = await Promise.all(
          batches.map((batch) => store.appendToStream(name, batch, { expectedRevision: expected })()),
        );
        const winners = results.flatMap((r, i) => (r._tag === 'Right' ? [i] : []));
        assert.equal(winners.length, 1, `round ${round}: exactly one winner, got ${winners.length}`);
        for (const r of results) if (r._tag === 'Left') assert.equal(r.left._tag, 'WrongExpectedRevision');
        const winner = batches[winners[0] ?? -1] ?? [];
        won += winner.length;
        const stored = await readStreamAll(store, name);
        assert.deepEqual(
          ids(stored.slice(round + 1)),
          winner.map((e) => e.id),
          `round ${round}: the stream holds the winner's batch and nothing else`,
        );
      }
      assert.equal(
        (await readAllOf(store, cat)).length,
        15 + won,
        '$all holds the seeds and the winners only',
      );
    }),
  },
  {
    rule: '§3.1 losers leave no trace',
    name: 'a refused batch is nowhere: not in its stream, not in $all, and its ids stay free',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      right(await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' })(), 'seed');
      const loser = events(3, 100);
      leftTag(
        await store.appendToStream(name, loser, { expectedRevision: 0n })(),
        'WrongExpectedRevision',
        'loser',
      );
      const winner = right(
        await store.appendToStream(name, events(1, 200), { expectedRevision: 1n })(),
        'winner',
      );
      assert.equal(winner.nextExpectedRevision, 2n, 'the loser took no revision');
      const all = await readAllOf(store, cat);
      assert.equal(all.length, 3);
      for (const e of loser) assert.ok(!ids(all).includes(e.id), 'no loser event in $all');
      // The loser's ids were never taken: they can be used for a new stream.
      right(
        await store.appendToStream(stream(cat), loser, { expectedRevision: 'no_stream' })(),
        'ids are free',
      );
    }),
  },
];

/** Idempotency and atomicity. */
const batchCases: ContractCase[] = [
  {
    rule: 'idempotent append',
    name: 'appending the same event ids again at the same expected revision succeeds once and stores nothing new',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      const batch = events(3);
      const first = right(
        await store.appendToStream(name, batch, { expectedRevision: 'no_stream' })(),
        'first',
      );
      const repeat = right(
        await store.appendToStream(name, batch, { expectedRevision: 'no_stream' })(),
        'repeat',
      );
      assert.equal(repeat.alreadyStored, true);
      assert.equal(repeat.nextExpectedRevision, first.nextExpectedRevision);
      assert.deepEqual(
        repeat.events.map((e) => e.globalPosition),
        first.events.map((e) => e.globalPosition),
      );
      const withAny = right(
        await store.appendToStream(name, batch, { expectedRevision: 'any' })(),
        'repeat with any',
      );
      assert.equal(withAny.alreadyStored, true);
      right(await store.appendToStream(name, events(2), { expectedRevision: 2n })(), 'more');
      const late = right(
        await store.appendToStream(name, batch, { expectedRevision: 'no_stream' })(),
        'late repeat',
      );
      assert.equal(late.alreadyStored, true, 'a repeat is recognised after the stream moved on');
      assert.equal((await readStreamAll(store, name)).length, 5);
      assert.equal((await readAllOf(store, cat)).length, 5);
    }),
  },
  {
    rule: 'idempotent append',
    name: 'stored ids in another stream, or a repeat at another revision, are refused and store nothing',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      const batch = events(2);
      right(await store.appendToStream(name, batch, { expectedRevision: 'no_stream' })(), 'first');
      leftTag(
        await store.appendToStream(stream(cat), batch, { expectedRevision: 'no_stream' })(),
        'DuplicateEventId',
        'other stream',
      );
      leftTag(
        await store.appendToStream(name, batch, { expectedRevision: 0n })(),
        'WrongExpectedRevision',
        'other revision',
      );
      leftTag(
        await store.appendToStream(name, [event(1), ...batch], { expectedRevision: 1n })(),
        'DuplicateEventId',
        'partly stored',
      );
      assert.equal((await readAllOf(store, cat)).length, 2);
    }),
  },
  {
    rule: '§3.2 atomic batch',
    name: 'a batch with one bad event stores none of it, and the error names the field',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      const bad = [event(1), event(2), { ...event(3), id: 'not-a-uuid' }];
      const error = leftTag(
        await store.appendToStream(name, bad, { expectedRevision: 'no_stream' })(),
        'ValidationError',
        'bad id',
      );
      assert.match(error.message, /events\.2\.id/);
      const clash = events(1);
      right(await store.appendToStream(stream(cat), clash)(), 'other stream');
      leftTag(
        await store.appendToStream(name, [event(4), event(5), ...clash], { expectedRevision: 'no_stream' })(),
        'DuplicateEventId',
        'clash',
      );
      const twice = event(6);
      leftTag(
        await store.appendToStream(name, [twice, event(7), twice])(),
        'ValidationError',
        'id twice in a batch',
      );
      leftTag(
        await store.appendToStream(name, [{ ...event(8), data: { n: 1n } as never }])(),
        'ValidationError',
        'non-JSON data',
      );
      leftTag(await store.appendToStream(name, [])(), 'ValidationError', 'empty batch');
      assert.equal((await readStreamAll(store, name)).length, 0);
      assert.equal((await readAllOf(store, cat)).length, 1);
    }),
  },
  {
    rule: 'bad input',
    name: 'bad stream names are refused with InvalidStreamName, on append and on read, and nothing is stored',
    run: withStore(async (store) => {
      const cat = category();
      const bad = [
        '',
        '$all',
        cat,
        `${cat}-42`,
        `Report-KZ-71-1`,
        `${cat}-KZ-7-1`,
        `${cat}-KZ-71-`,
        `${cat}-KZ-71-a b`,
        `${cat}-kz-71-1`,
      ];
      for (const name of bad) {
        const error = leftTag(
          await store.appendToStream(name, events(1))(),
          'InvalidStreamName',
          `append to ${JSON.stringify(name)}`,
        );
        assert.match(error.message, /streamName/);
        leftTag(await store.readStream(name)(), 'InvalidStreamName', `read ${JSON.stringify(name)}`);
      }
      assert.equal((await readAllOf(store, cat)).length, 0);
    }),
  },
  {
    rule: 'bad input',
    name: 'oversize batches (too many events, too many bytes) are refused with BatchTooLarge and store nothing',
    run: withStore(async (store, _context, limits) => {
      const cat = category();
      const name = stream(cat);
      const tooMany = leftTag(
        await store.appendToStream(name, events(limits.maxBatchEvents + 1))(),
        'BatchTooLarge',
        'events',
      );
      assert.ok(
        tooMany._tag === 'BatchTooLarge' &&
          tooMany.unit === 'events' &&
          tooMany.limit === limits.maxBatchEvents,
      );
      const big = 'ж'.repeat(Math.ceil(limits.maxBatchBytes / 4));
      const tooBig = leftTag(
        await store.appendToStream(name, [event(1, { text: big }), event(2, { text: big }), event(3)])(),
        'BatchTooLarge',
        'bytes',
      );
      assert.ok(tooBig._tag === 'BatchTooLarge' && tooBig.unit === 'bytes');
      right(await store.appendToStream(name, events(limits.maxBatchEvents))(), 'a batch at the limit');
      assert.equal((await readAllOf(store, cat)).length, limits.maxBatchEvents);
    }),
  },
  {
    rule: 'round trip',
    name: 'data, metadata and types come back as appended; readers cannot change what is stored',
    run: withStore(async (store) => {
      const name = stream(category());
      const data = {
        text: 'Мектеп құрылысы — Астана',
        amount: '2100000000000',
        nested: { list: [1, 2.5, null, true] },
      };
      const appended = {
        ...event(1, data, 'ReportSubmitted'),
        schemaVersion: 3,
        metadata: { commandId: 'cmd-1', actor: { role: 'citizen' } },
      };
      const result = right(await store.appendToStream(name, [appended])(), 'append');
      const stored = defined((await readStreamAll(store, name))[0], 'the stored event');
      assert.equal(stored.id, appended.id);
      assert.equal(stored.type, 'ReportSubmitted');
      assert.equal(stored.schemaVersion, 3);
      assert.equal(stored.streamName, name);
      assert.deepEqual(stored.data, data);
      assert.deepEqual(stored.metadata, appended.metadata);
      assert.ok(stored.recordedAt instanceof Date && !Number.isNaN(stored.recordedAt.getTime()));
      const expectedData = structuredClone(data);
      const expectedMetadata = structuredClone(appended.metadata);
      const recordedAt = stored.recordedAt.getTime();
      // A store may hand out copies or frozen values: a change either throws a TypeError or is not stored.
      const attempt = (change: () => void) => {
        try {
          change();
        } catch (error) {
          assert.ok(error instanceof TypeError, `a refused change throws a TypeError, got ${String(error)}`);
        }
      };
      attempt(() => {
        (stored.data as { text: string }).text = 'changed';
      });
      attempt(() => {
        (stored.data as { nested: { list: unknown[] } }).nested.list.push('more');
      });
      attempt(() => {
        (stored.metadata as { actor: { role: string } }).actor.role = 'officer';
      });
      attempt(() => {
        (stored.metadata as { commandId?: string }).commandId = 'cmd-2';
      });
      // The event itself and its time, which a store may hand out as they are stored.
      attempt(() => {
        (stored as { type: string }).type = 'Changed';
      });
      attempt(() => {
        stored.recordedAt.setTime(0);
      });
      attempt(() => {
        stored.recordedAt.setUTCFullYear(1999);
      });
      // What an append returns may be the caller's own objects (its to change), never the stored ones.
      attempt(() => {
        (defined(result.events[0], 'the appended event').data as { amount: string }).amount = '0';
      });
      const [again] = await readStreamAll(store, name);
      assert.deepEqual(again?.data, expectedData);
      assert.deepEqual(again?.metadata, expectedMetadata);
      assert.equal(again?.type, 'ReportSubmitted');
      assert.equal(again?.recordedAt.getTime(), recordedAt);
    }),
  },
];

/** Reads of streams and of $all. */
const readCases: ContractCase[] = [
  {
    rule: 'read paging and direction',
    name: 'a stream reads forwards and backwards in pages, from any revision, with nothing missed or repeated',
    run: withStore(async (store) => {
      const name = stream(category());
      right(await store.appendToStream(name, events(25))(), 'append');
      const forward = right(await store.readStream(name, { max: 10 })(), 'first page');
      assert.deepEqual(
        forward.events.map((e) => e.streamRevision),
        Array.from({ length: 10 }, (_, i) => BigInt(i)),
      );
      assert.equal(forward.next, 10n);
      assert.equal(forward.streamRevision, 24n);
      const collected: bigint[] = [];
      let from: bigint | undefined = 0n;
      while (from !== undefined) {
        const page: StreamPage = right(await store.readStream(name, { from, max: 7 })(), 'page');
        collected.push(...page.events.map((e) => e.streamRevision));
        from = page.next;
      }
      assert.deepEqual(
        collected,
        Array.from({ length: 25 }, (_, i) => BigInt(i)),
      );
      const back = right(await store.readStream(name, { direction: 'backwards', max: 10 })(), 'backwards');
      assert.deepEqual(
        back.events.map((e) => e.streamRevision),
        Array.from({ length: 10 }, (_, i) => BigInt(24 - i)),
      );
      assert.equal(back.next, 14n);
      const backAll: bigint[] = [];
      let before: bigint | undefined = 24n;
      while (before !== undefined) {
        const page: StreamPage = right(
          await store.readStream(name, { from: before, direction: 'backwards', max: 6 })(),
          'back page',
        );
        backAll.push(...page.events.map((e) => e.streamRevision));
        before = page.next;
      }
      assert.deepEqual(
        backAll,
        Array.from({ length: 25 }, (_, i) => BigInt(24 - i)),
      );
      const middle = right(await store.readStream(name, { from: 20n })(), 'from 20');
      assert.deepEqual(
        middle.events.map((e) => e.streamRevision),
        [20n, 21n, 22n, 23n, 24n],
      );
      assert.equal(middle.next, undefined);
      const past = right(await store.readStream(name, { from: 30n })(), 'past the end');
      assert.equal(past.events.length, 0);
      leftTag(await store.readStream(stream(category()))(), 'StreamNotFound', 'missing stream');
      leftTag(await store.readStream(name, { max: 0 })(), 'ValidationError', 'max 0');
    }),
  },
  {
    rule: '§3.3 $all order',
    name: '$all gives every committed event once, in one total order, page by page, after a position',
    run: withStore(async (store) => {
      const cat = category();
      const names = [stream(cat, 'a'), stream(cat, 'b'), stream(cat, 'c', 'KZ-75')];
      const appended: string[] = [];
      for (let i = 0; i < 30; i++) {
        const batch = events(1 + (i % 2), i * 2);
        right(await store.appendToStream(names[i % 3] ?? '', batch)(), 'append');
        appended.push(...batch.map((e) => e.id));
      }
      const all = await readAllOf(store, cat);
      assert.deepEqual(ids(all), appended, 'sequential appends read back in append order');
      positionsIncrease(all, '$all');
      const paged: RecordedEvent[] = [];
      let after = undefined as RecordedEvent['globalPosition'] | undefined;
      for (;;) {
        const page: AllPage = right(
          await store.readAll({
            max: 4,
            filter: { streamPrefixes: [`${cat}-`] },
            ...(after === undefined ? {} : { after }),
          })(),
          'page',
        );
        paged.push(...page.events);
        if (page.isEnd || page.next === undefined) break;
        after = page.next;
      }
      assert.deepEqual(ids(paged), appended, 'small pages give the same sequence');
      const middle = defined(all[10], 'the 11th event');
      const rest = right(
        await store.readAll({
          after: middle.globalPosition,
          filter: { streamPrefixes: [`${cat}-`] },
          max: 1000,
        })(),
        'after',
      );
      assert.deepEqual(ids(rest.events), appended.slice(11), '`after` is exclusive');
    }),
  },
  {
    rule: '§3.3 $all order',
    name: '$all filters by stream prefix and event type, and a filtered page still moves forward',
    run: withStore(async (store) => {
      const cat = category();
      for (let i = 0; i < 20; i++) {
        right(
          await store.appendToStream(stream(cat, i % 2, i % 2 === 0 ? 'KZ-71' : 'KZ-75'), [
            event(i, { i }, i % 4 === 0 ? 'Rare' : 'Common'),
          ])(),
          'append',
        );
      }
      const rare = await (async () => {
        const found: RecordedEvent[] = [];
        let after = undefined as RecordedEvent['globalPosition'] | undefined;
        for (;;) {
          const page: AllPage = right(
            await store.readAll({
              max: 2,
              filter: { streamPrefixes: [`${cat}-`], eventTypes: ['Rare'] },
              ...(after === undefined ? {} : { after }),
            })(),
            'page',
          );
          found.push(...page.events);
          if (page.isEnd || page.next === undefined) return found;
          after = page.next;
        }
      })();
      assert.deepEqual(
        rare.map((e) => (e.data as { i: number }).i),
        [0, 4, 8, 12, 16],
      );
      const region = await readAllOf(store, `${cat}-KZ-75`);
      assert.ok(region.length > 0 && region.every((e) => e.streamName.startsWith(`${cat}-KZ-75-`)));
      const all = await readAllOf(store, cat);
      assert.equal(all.length, 20);
    }),
  },
  {
    rule: '§3.1 one winner per revision',
    name: 'concurrent appends to many streams all land, each stream contiguous, each event once in $all',
    run: withStore(async (store) => {
      const cat = category();
      const names = Array.from({ length: 8 }, (_, i) => stream(cat, i));
      const results = await Promise.all(
        Array.from({ length: 64 }, (_, i) => store.appendToStream(names[i % 8] ?? '', events(2, i * 2))()),
      );
      results.forEach((r) => right(r, 'concurrent append'));
      for (const name of names) {
        assert.deepEqual(
          (await readStreamAll(store, name)).map((e) => e.streamRevision),
          Array.from({ length: 16 }, (_, i) => BigInt(i)),
        );
      }
      const all = await readAllOf(store, cat);
      assert.equal(all.length, 128);
      assert.equal(new Set(ids(all)).size, 128);
      positionsIncrease(all, '$all');
    }),
  },
];

/** Subscriptions. */
const subscriptionCases: ContractCase[] = [
  {
    rule: 'subscription catch-up then live',
    name: 'a subscription delivers stored events, then live ones, each exactly once and in order',
    run: withStore(async (store) => {
      const cat = category();
      const names = [stream(cat, 1), stream(cat, 2)];
      const expected: string[] = [];
      for (let i = 0; i < 30; i++) {
        const batch = events(1, i);
        right(await store.appendToStream(names[i % 2] ?? '', batch)(), 'stored');
        expected.push(...batch.map((e) => e.id));
      }
      const seen: string[] = [];
      let caughtUp = 0;
      const subscription = store.subscribeToAll(
        { filter: { streamPrefixes: [`${cat}-`] }, onCaughtUp: () => (caughtUp += 1) },
        (e) => {
          seen.push(e.id);
        },
      );
      await eventually(() => caughtUp > 0, 'catch-up');
      assert.deepEqual(seen, expected);
      const live = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendToStream(names[i % 2] ?? '', events(1, 100 + i))()),
      );
      const liveIds = live.flatMap((r) => right(r, 'live').events);
      await eventually(() => seen.length >= 50, 'live events');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.stop();
      assert.equal(seen.length, 50, 'nothing repeated');
      assert.deepEqual(seen.slice(0, 30), expected);
      const liveInOrder = [...liveIds]
        .sort((a, b) => compareGlobalPositions(a.globalPosition, b.globalPosition))
        .map((e) => e.id);
      assert.deepEqual(seen.slice(30), liveInOrder, 'live events in $all order');
      assert.deepEqual(await subscription.ended, { _tag: 'Stopped' });
    }),
  },
  {
    rule: '§3.4 resume from a checkpoint',
    name: 'a subscription resumed from its checkpoint continues exactly after the last handled event',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      right(await store.appendToStream(name, events(40))(), 'stored');
      const handled: RecordedEvent[] = [];
      const first = store.subscribeToAll({ filter: { streamPrefixes: [`${cat}-`] } }, async (e) => {
        handled.push(e);
        if (handled.length === 17) void first.stop();
        await Promise.resolve();
      });
      await first.ended;
      assert.equal(handled.length, 17, 'the stopped subscription handled nothing more');
      const checkpoint = defined(handled[handled.length - 1], 'the last handled event').globalPosition;
      right(await store.appendToStream(name, events(10, 40))(), 'appended while stopped');
      const resumed: RecordedEvent[] = [];
      const second = store.subscribeToAll(
        { after: checkpoint, filter: { streamPrefixes: [`${cat}-`] } },
        (e) => {
          resumed.push(e);
        },
      );
      await eventually(() => resumed.length >= 33, 'the rest');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await second.stop();
      const all = await readStreamAll(store, name);
      assert.deepEqual(
        ids([...handled, ...resumed]),
        ids(all),
        'nothing skipped or repeated across the restart',
      );
    }),
  },
  {
    rule: '§3.4 resume from a checkpoint',
    name: 'a failing handler ends the subscription naming the event, which is redelivered on resume',
    run: withStore(async (store) => {
      const cat = category();
      const name = stream(cat);
      right(await store.appendToStream(name, events(5))(), 'stored');
      let checkpoint: RecordedEvent['globalPosition'] | undefined;
      const failing = store.subscribeToAll({ filter: { streamPrefixes: [`${cat}-`] } }, (e) => {
        if (e.streamRevision === 3n) throw new Error('projection bug');
        checkpoint = e.globalPosition;
      });
      const end = await failing.ended;
      assert.equal(end._tag, 'HandlerFailed');
      assert.equal(end._tag === 'HandlerFailed' && end.event.streamRevision, 3n);
      const resumeAfter = defined(checkpoint, 'a checkpoint');
      const redelivered: bigint[] = [];
      const again = store.subscribeToAll(
        { after: resumeAfter, filter: { streamPrefixes: [`${cat}-`] } },
        (e) => {
          redelivered.push(e.streamRevision);
        },
      );
      await eventually(() => redelivered.length >= 2, 'redelivery');
      await again.stop();
      assert.deepEqual(redelivered, [3n, 4n]);
    }),
  },
];

/** Snapshots, for stores that hold them. */
const snapshotCases: ContractCase[] = [
  {
    rule: 'snapshots',
    name: 'a snapshot is read back as written; a newer one replaces it, an older one does not',
    run: withStore(async (_store, context) => {
      const snapshots = context.snapshots;
      if (snapshots === undefined) return;
      const name = stream(category());
      const none = await snapshots.readSnapshot(name)();
      assert.ok(none._tag === 'Right' && none.right._tag === 'None');
      await snapshots.writeSnapshot({
        streamName: name,
        streamRevision: 9n,
        version: 'v1',
        state: { count: 10 },
      })();
      await snapshots.writeSnapshot({
        streamName: name,
        streamRevision: 19n,
        version: 'v1',
        state: { count: 20 },
      })();
      await snapshots.writeSnapshot({
        streamName: name,
        streamRevision: 4n,
        version: 'v1',
        state: { count: 5 },
      })();
      const read = await snapshots.readSnapshot(name)();
      assert.deepEqual(read._tag === 'Right' && read.right._tag === 'Some' && read.right.value, {
        streamName: name,
        streamRevision: 19n,
        version: 'v1',
        state: { count: 20 },
      });
    }),
  },
];

/**
 * Every case of the store contract (DESIGN §3 and the port's rules that can be checked in one process).
 *
 * @category contract
 * @since 0.1.0
 */
export const contractCases: readonly ContractCase[] = [
  ...revisionCases,
  ...batchCases,
  ...readCases,
  ...subscriptionCases,
  ...snapshotCases,
];
