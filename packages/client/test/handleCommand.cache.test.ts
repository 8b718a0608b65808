/**
 * The command handler within one process: commands on a stream take turns, and the latest state of a stream
 * is kept so the next command on it needs no read, without ever deciding differently from a fresh load.
 */
import type { EventStore } from '@adal/core';
import { createMemoryEventStore } from '@adal/adapters/memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createAdalClient, createCommandHandler } from '../src/index.js';
import { SnapshottedTally, Tally } from './fixtures/Tally.js';

const STREAM = 'report-KZ-71-school-42';

const ok = <A, B>(result: E.Either<A, B>): B => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** A store that records where every stream read starts and counts the appends it refused. */
const watched = (store: EventStore) => {
  const reads: (bigint | undefined)[] = [];
  let refused = 0;
  const spied: EventStore = {
    ...store,
    readStream: (name, options) => {
      reads.push(options?.from);
      return store.readStream(name, options);
    },
    appendToStream: (name, events, options) => async () => {
      const result = await store.appendToStream(name, events, options)();
      if (E.isLeft(result) && result.left._tag === 'WrongExpectedRevision') refused += 1;
      return result;
    },
  };
  return { store: spied, reads, refused: () => refused };
};

describe('handleCommand within one process', () => {
  it('commands on one stream take turns: twenty sent at once all land, none refused by the store', async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    const client = createAdalClient({ store: spy.store, maxRetries: 0 });
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.handleCommand(Tally, STREAM, { type: 'Note', note: `n${i}` })(),
      ),
    );
    // With no retries allowed, a single refused append would have failed a command.
    expect(results.map((r) => ok(r).state.notes)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(spy.refused()).toBe(0);
    expect(memory.size()).toBe(21);
  });

  it('commands on different streams are not held back by a slow one', async () => {
    const memory = createMemoryEventStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: EventStore = {
      ...memory,
      appendToStream: (name, events, options) => async () => {
        if (name === STREAM) await gate;
        return memory.appendToStream(name, events, options)();
      },
    };
    const client = createAdalClient({ store: slow });
    const held = client.handleCommand(Tally, STREAM, { type: 'Submit', title: 'slow' })();
    const other = ok(
      await client.handleCommand(Tally, 'report-KZ-75-other', { type: 'Submit', title: 'x' })(),
    );
    expect(other.nextExpectedRevision).toBe(0n);
    release();
    expect(ok(await held).nextExpectedRevision).toBe(0n);
  });

  it('a stream this process just handled is appended to with no read, and decided as a fresh load would', async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    const client = createAdalClient({ store: spy.store });
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' })());
    spy.reads.length = 0;
    const cached = ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'b' })());
    expect(spy.reads).toEqual([]);
    const fresh = ok(
      await createAdalClient({ store: memory }).handleCommand(Tally, STREAM, { type: 'Register' })(),
    );
    expect(cached.state).toEqual({ status: 'submitted', notes: 2 });
    expect(fresh.state).toEqual({ ...cached.state, status: 'registered' });
    expect(cached.nextExpectedRevision).toBe(2n);
  });

  it("after another process's append, the store refuses once; only the new events are read and nothing is lost", async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    const here = createAdalClient({ store: spy.store, maxRetries: 0 });
    const there = createAdalClient({ store: memory });
    ok(await here.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await here.handleCommand(Tally, STREAM, { type: 'Note', note: 'here' })());
    ok(await there.handleCommand(Tally, STREAM, { type: 'Note', note: 'there' })());
    spy.reads.length = 0;
    // No retries are allowed: the refusal of the cached revision is not counted as one.
    const result = ok(await here.handleCommand(Tally, STREAM, { type: 'Note', note: 'here again' })());
    expect(spy.refused()).toBe(1);
    expect(spy.reads).toEqual([2n]);
    expect(result.state.notes).toBe(3);
    expect(result.nextExpectedRevision).toBe(3n);
    expect(memory.size()).toBe(4);
  });

  it('a decision to do nothing, or a refusal, is never given on a state nobody read', async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    const here = createAdalClient({ store: spy.store });
    const there = createAdalClient({ store: memory });
    ok(await here.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await here.handleCommand(Tally, STREAM, { type: 'Register' })());
    ok(await there.handleCommand(Tally, STREAM, { type: 'Note', note: 'there' })());
    spy.reads.length = 0;
    // Registering again changes nothing; the answer still reflects the note written elsewhere.
    const nothing = ok(await here.handleCommand(Tally, STREAM, { type: 'Register' })());
    expect(nothing.events).toEqual([]);
    expect(nothing.nextExpectedRevision).toBe(2n);
    expect(nothing.state).toEqual({ status: 'registered', notes: 1 });
    expect(spy.reads).toEqual([2n]);

    ok(await there.handleCommand(Tally, STREAM, { type: 'Answer', text: 'done', language: 'en' })());
    spy.reads.length = 0;
    const refused = await here.handleCommand(Tally, STREAM, {
      type: 'Answer',
      text: 'again',
      language: 'en',
    })();
    expect(refused).toEqual(E.left({ _tag: 'AlreadyAnswered' }));
    expect(spy.reads).toEqual([3n]);
  });

  it("a caller's command id among the cached events is answered from the stream when its outcome is forgotten", async () => {
    const memory = createMemoryEventStore();
    let n = 0;
    const handle = createCommandHandler({
      store: memory,
      clock: () => new Date('2026-11-28T09:00:00.000Z'),
      newId: () => `00000000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}`,
      rememberOutcomes: 0,
    });
    ok(await handle(Tally, STREAM, { type: 'Submit', title: 't' })());
    const first = ok(await handle(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-1' })());
    ok(await handle(Tally, STREAM, { type: 'Note', note: 'b' })());
    const again = ok(await handle(Tally, STREAM, { type: 'Note', note: 'a' }, { commandId: 'c-1' })());
    expect(again.alreadyHandled).toBe(true);
    expect(again.recorded.map((e) => e.id)).toEqual(first.recorded.map((e) => e.id));
    expect(memory.size()).toBe(3);
  });

  it('with cachedStates 0, every command reads its stream', async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    const client = createAdalClient({ store: spy.store, cachedStates: 0 });
    ok(await client.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    spy.reads.length = 0;
    ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'a' })());
    ok(await client.handleCommand(Tally, STREAM, { type: 'Note', note: 'b' })());
    expect(spy.reads).toEqual([0n, 0n]);
  });

  it('a state built by another definition of the aggregate is not used, and forgetting drops every state', async () => {
    const memory = createMemoryEventStore();
    const spy = watched(memory);
    let forget: () => void = () => undefined;
    let n = 0;
    const handle = createCommandHandler({
      store: spy.store,
      snapshots: memory,
      clock: () => new Date('2026-11-28T09:00:00.000Z'),
      newId: () => `00000000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}`,
      onOutcomes: (forgetAll) => {
        forget = forgetAll;
      },
    });
    ok(await handle(Tally, STREAM, { type: 'Submit', title: 't' })());
    spy.reads.length = 0;
    ok(await handle(SnapshottedTally, STREAM, { type: 'Note', note: 'a' })());
    expect(spy.reads).toEqual([0n]);
    spy.reads.length = 0;
    ok(await handle(SnapshottedTally, STREAM, { type: 'Note', note: 'b' })());
    expect(spy.reads).toEqual([]);
    forget();
    ok(await handle(SnapshottedTally, STREAM, { type: 'Note', note: 'c' })());
    expect(spy.reads).toEqual([0n]);
  });

  it("a caller's expected revision other than the cached one reads the stream first", async () => {
    const memory = createMemoryEventStore();
    const here = createAdalClient({ store: memory });
    const there = createAdalClient({ store: memory });
    ok(await here.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' })());
    ok(await there.handleCommand(Tally, STREAM, { type: 'Note', note: 'there' })());
    const seen = ok(
      await here.handleCommand(Tally, STREAM, { type: 'Note', note: 'here' }, { expectedRevision: 1n })(),
    );
    expect(seen.state.notes).toBe(2);
    const stale = await here.handleCommand(
      Tally,
      STREAM,
      { type: 'Note', note: 'late' },
      { expectedRevision: 1n },
    )();
    expect(E.isLeft(stale) && stale.left._tag).toBe('WrongExpectedRevision');
    expect(memory.size()).toBe(3);
  });

  describe("a caller expecting no stream ('no_stream')", () => {
    it('is decided for on the initial state with no read', async () => {
      const memory = createMemoryEventStore();
      const spy = watched(memory);
      const client = createAdalClient({ store: spy.store });
      const created = ok(
        await client.handleCommand(
          Tally,
          STREAM,
          { type: 'Submit', title: 't' },
          { expectedRevision: 'no_stream' },
        )(),
      );
      expect(created.nextExpectedRevision).toBe(0n);
      expect(spy.reads).toEqual([]);
    });

    it('on a stream that exists, answers as if it had read it: the first outcome, a refusal, or the conflict', async () => {
      const memory = createMemoryEventStore();
      const there = createAdalClient({ store: memory });
      const first = ok(
        await there.handleCommand(Tally, STREAM, { type: 'Submit', title: 't' }, { commandId: 'c-1' })(),
      );
      const here = createAdalClient({ store: memory });
      const noStream = { expectedRevision: 'no_stream' as const };
      const again = ok(
        await here.handleCommand(
          Tally,
          STREAM,
          { type: 'Submit', title: 't' },
          { ...noStream, commandId: 'c-1' },
        )(),
      );
      expect(again.alreadyHandled).toBe(true);
      expect(again.recorded.map((e) => e.id)).toEqual(first.recorded.map((e) => e.id));
      expect(await here.handleCommand(Tally, STREAM, { type: 'Submit', title: 'u' }, noStream)()).toEqual(
        E.left({ _tag: 'AlreadySubmitted' }),
      );
      const conflict = await createAdalClient({ store: memory }).handleCommand(
        Tally,
        STREAM,
        { type: 'Note', note: 'n' },
        noStream,
      )();
      expect(E.isLeft(conflict) && conflict.left).toMatchObject({
        _tag: 'WrongExpectedRevision',
        actual: 0n,
      });
      expect(memory.size()).toBe(1);
    });
  });
});
