import type { EventStore, RecordedEvent } from '@adal/core';
import { createMemoryEventStore } from '@adal/adapters/memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createAdalClient } from '../src/index.js';
import { SnapshottedTally, Tally } from './fixtures/Tally.js';

const STREAM = 'report-KZ-71-school-42';
const fixedClock = () => new Date('2026-11-28T09:00:00.000Z');
const counter = () => {
  let n = 0;
  return () => `00000000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}`;
};

const setup = (options: { maxRetries?: number; store?: EventStore } = {}) => {
  const memory = createMemoryEventStore();
  const store = options.store ?? memory;
  const client = createAdalClient({
    store,
    snapshots: memory,
    clock: fixedClock,
    newId: counter(),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return { memory, client };
};

const stored = async (store: EventStore, name = STREAM): Promise<RecordedEvent[]> => {
  const page = await store.readStream(name, { max: 10_000 })();
  return E.isRight(page) ? [...page.right.events] : [];
};

const ok = <A, B>(result: E.Either<A, B>): B => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

const fail = <A, B>(result: E.Either<A, B>): A => {
  if (E.isRight(result)) throw new Error('expected a refusal, got success');
  return result.left;
};

describe('handleCommand', () => {
  it('decides, appends at the loaded revision and returns the events, state and next revision', async () => {
    const { client, memory } = setup();
    const submitted = ok(
      await client.handleCommand(
        Tally,
        STREAM,
        { type: 'Submit', title: 'School build, Astana' },
        {
          commandId: 'cmd-1',
          actor: { role: 'citizen' },
        },
      )(),
    );
    expect(submitted.events).toEqual([{ type: 'Submitted', data: { title: 'School build, Astana' } }]);
    expect(submitted.state).toEqual({ status: 'submitted', notes: 0 });
    expect(submitted.nextExpectedRevision).toBe(0n);
    expect(submitted.alreadyHandled).toBe(false);
    const registered = ok(await client.handleCommand(Tally, STREAM, { type: 'Register' })());
    expect(registered.nextExpectedRevision).toBe(1n);
    const events = await stored(memory);
    expect(events.map((e) => e.type)).toEqual(['Submitted', 'Registered']);
    expect(events[0]?.metadata).toEqual({
      commandId: 'cmd-1',
      correlationId: 'cmd-1',
      actor: { role: 'citizen' },
      occurredAt: '2026-11-28T09:00:00.000Z',
      // The client chains every event it appends (DESIGN §6).
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown as string,
    });
    expect(events[1]?.metadata.prevHash).toBe(events[0]?.metadata.hash);
    expect(events[0]?.id).toBe(submitted.recorded[0]?.id);
  });

  it('writes the current schema version and reads older versions through the upcaster', async () => {
    const { client, memory } = setup();
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    // An answer written by an older release, at schema version 1 (no language).
    ok(
      await memory.appendToStream(STREAM, [
        {
          id: '00000000-0000-7000-8000-0000000000ff',
          type: 'Answered',
          schemaVersion: 1,
          data: { text: 'old' },
          metadata: {},
        },
      ])(),
    );
    const refused = fail(
      await client.handleCommand(Tally, STREAM, { type: 'Answer', text: 'again', language: 'kk' })(),
    );
    expect(refused).toEqual({ _tag: 'AlreadyAnswered' });
    const other = 'report-KZ-71-other';
    ok(await client.handleCommand(Tally, other, { type: 'Submit', title: 't' })());
    ok(await client.handleCommand(Tally, other, { type: 'Answer', text: 'new', language: 'kk' })());
    expect((await stored(memory, other))[1]).toMatchObject({
      type: 'Answered',
      schemaVersion: 2,
      data: { text: 'new', language: 'kk' },
    });
  });

  describe('refuses bad input with a typed error naming the field, and appends nothing', () => {
    const cases: [string, string, unknown, object | undefined, string, RegExp][] = [
      [
        'an unknown field',
        STREAM,
        { type: 'Submit', title: 't', extra: 1 },
        undefined,
        'ValidationError',
        /extra: unknown field/,
      ],
      [
        'a wrong type',
        STREAM,
        { type: 'Submit', title: 42 },
        undefined,
        'ValidationError',
        /title: expected string, got 42/,
      ],
      ['a missing field', STREAM, { type: 'Submit' }, undefined, 'ValidationError', /title/],
      ['not an object', STREAM, 'Submit', undefined, 'ValidationError', /expected/],
      [
        'a bad stream name',
        'report-42',
        { type: 'Submit', title: 't' },
        undefined,
        'InvalidStreamName',
        /streamName: the region/,
      ],
      [
        'another category',
        'case-KZ-71-1',
        { type: 'Submit', title: 't' },
        undefined,
        'WrongStreamCategory',
        /streamName: Tally lives in "report-…"/,
      ],
      [
        'a bad actor',
        STREAM,
        { type: 'Submit', title: 't' },
        { actor: { role: 'citizen', name: 'Aigerim' } },
        'ValidationError',
        /options\.actor\.name: unknown field/,
      ],
      [
        'an empty command id',
        STREAM,
        { type: 'Submit', title: 't' },
        { commandId: '' },
        'ValidationError',
        /options\.commandId/,
      ],
    ];
    for (const [what, stream, command, options, tag, message] of cases) {
      it(what, async () => {
        const { client, memory } = setup();
        const error = fail(await client.handleCommand(Tally, stream, command, options)());
        expect(error._tag).toBe(tag);
        expect('message' in error ? error.message : '').toMatch(message);
        expect(memory.size()).toBe(0);
      });
    }
  });

  it('returns the rule a command broke as a tagged error and appends nothing', async () => {
    const { client, memory } = setup();
    expect(fail(await client.handleCommand(Tally, STREAM, { type: 'Register' })())).toEqual({
      _tag: 'NotSubmitted',
    });
    expect(memory.size()).toBe(0);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const { client, memory } = setup();
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await client.handleCommand(Tally, STREAM, { type: 'Register' })());
    const again = ok(await client.handleCommand(Tally, STREAM, { type: 'Register' })());
    expect(again.events).toEqual([]);
    expect(again.nextExpectedRevision).toBe(1n);
    expect(memory.size()).toBe(2);
  });

  it('retries on a conflict by re-loading and re-deciding, so concurrent commands from many processes all land once', async () => {
    const memory = createMemoryEventStore();
    // A client per writer: each is another process with its own cached states, meeting only at the store.
    const clients = Array.from({ length: 20 }, () => createAdalClient({ store: memory, maxRetries: 50 }));
    ok(
      await createAdalClient({ store: memory }).handleCommand(Tally, STREAM, {
        type: 'Submit',
        title: 't',
      })(),
    );
    const results = await Promise.all(
      clients.map((client, i) => client.handleCommand(Tally, STREAM, { type: 'Note', note: `n${i}` })()),
    );
    results.forEach(ok);
    const events = await stored(memory);
    expect(events).toHaveLength(21);
    expect(new Set(events.slice(1).map((e) => (e.data as { note: string }).note)).size).toBe(20);
    const last = results.map(ok).reduce((max, r) => (r.state.notes > max ? r.state.notes : max), 0);
    expect(last).toBe(20);
  });

  it('gives up after its tries with ConcurrencyConflict, and the losers append nothing', async () => {
    const memory = createMemoryEventStore();
    const clients = Array.from({ length: 10 }, () => createAdalClient({ store: memory, maxRetries: 0 }));
    ok(
      await createAdalClient({ store: memory }).handleCommand(Tally, STREAM, {
        type: 'Submit',
        title: 't',
      })(),
    );
    const results = await Promise.all(
      clients.map((client, i) => client.handleCommand(Tally, STREAM, { type: 'Note', note: `n${i}` })()),
    );
    const won = results.filter(E.isRight).length;
    const conflicts = results.filter((r) => E.isLeft(r) && r.left._tag === 'ConcurrencyConflict').length;
    expect(won).toBe(1);
    expect(conflicts).toBe(9);
    expect(memory.size()).toBe(2);
  });

  it("returns WrongExpectedRevision without retrying when the caller's expected revision is stale", async () => {
    const { client, memory } = setup();
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' })());
    const stale = fail(
      await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'b' }, { expectedRevision: 0n })(),
    );
    expect(stale).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 0n, actual: 1n });
    expect(memory.size()).toBe(2);
    ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'b' }, { expectedRevision: 1n })());
  });

  describe('a repeated commandId gets its first outcome', () => {
    it('a success is not appended twice', async () => {
      const { client, memory } = setup();
      ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
      const first = ok(
        await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-1' })(),
      );
      const second = ok(
        await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-1' })(),
      );
      expect(second).toEqual({ ...first, alreadyHandled: true });
      expect(memory.size()).toBe(2);
    });

    it('an id reused on another stream never returns that stream’s outcome', async () => {
      const { client, memory } = setup();
      const other = 'report-KZ-75-someone-else';
      ok(
        await client.handleCommand(Tally, other, { type: 'Submit', title: 'secret' }, { commandId: 'c-9' })(),
      );
      // The same id on this stream is handled here, as a command of its own.
      const mine = ok(
        await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 'mine' }, { commandId: 'c-9' })(),
      );
      expect(mine.streamName).toBe(STREAM);
      expect(mine.alreadyHandled).toBe(false);
      expect(mine.events).toEqual([{ type: 'Submitted', data: { title: 'mine' } }]);
      expect(memory.size()).toBe(2);
    });

    it('a refusal stays the answer even after the state changed', async () => {
      const { client, memory } = setup();
      expect(
        fail(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-2' })()),
      ).toEqual({
        _tag: 'NotSubmitted',
      });
      ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
      expect(
        fail(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-2' })()),
      ).toEqual({
        _tag: 'NotSubmitted',
      });
      expect(memory.size()).toBe(1);
    });

    it('another process (a fresh client on the same store) finds it in the stream', async () => {
      const { client, memory } = setup();
      ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
      const first = ok(
        await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-3' })(),
      );
      ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'b' })());
      const restarted = createAdalClient({ store: memory, clock: fixedClock, newId: counter() });
      const again = ok(
        await restarted.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-3' })(),
      );
      expect(again.alreadyHandled).toBe(true);
      expect(again.recorded.map((e) => e.id)).toEqual(first.recorded.map((e) => e.id));
      expect(again.events).toEqual(first.events);
      expect(memory.size()).toBe(3);
    });

    it('two concurrent sends of one command store it once', async () => {
      const memory = createMemoryEventStore();
      const a = createAdalClient({ store: memory });
      const b = createAdalClient({ store: memory });
      ok(await a.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
      const [x, y] = await Promise.all([
        a.handleCommand(Tally, STREAM, { type: 'Note', note: 'once' }, { commandId: 'c-4' })(),
        b.handleCommand(Tally, STREAM, { type: 'Note', note: 'once' }, { commandId: 'c-4' })(),
      ]);
      expect(ok(x).recorded.map((e) => e.id)).toEqual(ok(y).recorded.map((e) => e.id));
      expect(memory.size()).toBe(2);
    });
  });

  describe('snapshots', () => {
    const spyReads = (store: EventStore, froms: (bigint | undefined)[]): EventStore => ({
      ...store,
      readStream: (name, options) => {
        froms.push(options?.from);
        return store.readStream(name, options);
      },
    });

    it('loads from the latest snapshot and reads only the tail, with the same state as a full replay', async () => {
      const memory = createMemoryEventStore();
      const froms: (bigint | undefined)[] = [];
      const client = createAdalClient({ store: spyReads(memory, froms), snapshots: memory });
      ok(await client.handleCommand(SnapshottedTally, STREAM, { type: 'Submit', title: 't' })());
      for (let i = 0; i < 24; i++)
        ok(await client.handleCommand(SnapshottedTally, STREAM, { type: 'Note', note: `${i}` })());
      const snapshot = await memory.readSnapshot(STREAM)();
      expect(
        E.isRight(snapshot) && snapshot.right._tag === 'Some'
          ? snapshot.right.value.streamRevision
          : undefined,
      ).toBe(19n);
      // Another process (nothing cached) loads it.
      froms.length = 0;
      const other = createAdalClient({ store: spyReads(memory, froms), snapshots: memory });
      const withSnapshot = ok(
        await other.handleCommand(SnapshottedTally, STREAM, { type: 'Note', note: 'last' })(),
      );
      expect(froms[0]).toBe(20n);
      const plain = createAdalClient({ store: memory });
      const full = ok(await plain.handleCommand(Tally, STREAM, { type: 'Register' })());
      expect(withSnapshot.state).toEqual({ status: 'submitted', notes: 25 });
      expect(full.state).toEqual({ status: 'registered', notes: 25 });
    });

    it('ignores a snapshot of another version or one that does not decode', async () => {
      const memory = createMemoryEventStore();
      const client = createAdalClient({ store: memory, snapshots: memory });
      ok(await client.handleCommand(SnapshottedTally, STREAM, { type: 'Submit', title: 't' })());
      await memory.writeSnapshot({
        streamName: STREAM,
        streamRevision: 0n,
        version: 'tally-0',
        state: { status: 'answered', notes: 99 },
      })();
      const r1 = ok(await client.handleCommand(SnapshottedTally, STREAM, { type: 'Note', note: 'x' })());
      expect(r1.state).toEqual({ status: 'submitted', notes: 1 });
      const other = 'report-KZ-71-broken';
      ok(await client.handleCommand(SnapshottedTally, other, { type: 'Submit', title: 't' })());
      await memory.writeSnapshot({
        streamName: other,
        streamRevision: 0n,
        version: 'tally-1',
        state: { status: 'lost' },
      })();
      const r2 = ok(await client.handleCommand(SnapshottedTally, other, { type: 'Note', note: 'x' })());
      expect(r2.state).toEqual({ status: 'submitted', notes: 1 });
    });
  });

  it('refuses to decide on a stream with an event it cannot read', async () => {
    const { client, memory } = setup();
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(
      await memory.appendToStream(STREAM, [
        {
          id: '00000000-0000-7000-8000-0000000000ee',
          type: 'Vanished',
          schemaVersion: 1,
          data: {},
          metadata: {},
        },
      ])(),
    );
    const error = fail(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' })());
    expect(error).toMatchObject({
      _tag: 'EventDecodeFailed',
      eventId: '00000000-0000-7000-8000-0000000000ee',
    });
    expect(memory.size()).toBe(2);
  });
});
