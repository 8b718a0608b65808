/**
 * The contract suite must catch a broken store. Each mutant below breaks one rule of DESIGN §3 on top of the
 * correct memory store; the cases for that rule must fail against it (and pass against the real store, which
 * MemoryEventStore.test.ts shows).
 */
import { randomUUID } from 'node:crypto';
import type { AllPage, EventStore, EventHandler, RecordedEvent } from '@adal/core';
import { parseStreamName } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/memory.js';
import type { ContractStoreFactory } from '../src/testing.js';
import { contractCases } from '../src/testing.js';

type Mutate = (store: EventStore) => Partial<EventStore>;

const mutant =
  (mutate: Mutate, ignoreLimits = false): ContractStoreFactory =>
  async ({ limits }) => {
    const real = createMemoryEventStore(ignoreLimits ? {} : { limits });
    const store: EventStore = { ...real, ...mutate(real) };
    return { store, snapshots: real, teardown: () => real.close() };
  };

const filterHandler = (
  handler: EventHandler,
  keep: (e: RecordedEvent, index: number) => boolean,
): EventHandler => {
  let index = 0;
  return (e) => (keep(e, index++) ? handler(e) : undefined);
};

const mutants: {
  readonly breaks: string;
  readonly rules: readonly string[];
  readonly factory: ContractStoreFactory;
}[] = [
  {
    breaks: 'ignores the expected revision',
    rules: ['expected revision', '§3.1 one winner per revision'],
    factory: mutant((real) => ({
      appendToStream: (name, events) => real.appendToStream(name, events, { expectedRevision: 'any' }),
    })),
  },
  {
    breaks: 'stores a batch event by event',
    rules: ['§3.2 atomic batch'],
    factory: mutant((real) => ({
      appendToStream: (name, events, options) => async () => {
        let last = await real.appendToStream(name, events.slice(0, 1), options)();
        for (const e of events.slice(1)) {
          if (E.isLeft(last)) return last;
          last = await real.appendToStream(name, [e])();
        }
        return last;
      },
    })),
  },
  {
    breaks: 'writes a losing batch aside before refusing it',
    rules: ['§3.1 losers leave no trace'],
    factory: mutant((real) => ({
      appendToStream: (name, events, options) => async () => {
        const result = await real.appendToStream(name, events, options)();
        if (E.isLeft(result) && result.left._tag === 'WrongExpectedRevision') {
          const category = name.split('-')[0] ?? 'x';
          await real.appendToStream(
            `${category}-KZ-00-rejected`,
            events.map((e) => ({ ...e, id: randomUUID() })),
          )();
        }
        return result;
      },
    })),
  },
  {
    breaks: 'gives every append new ids (no idempotency)',
    rules: ['idempotent append'],
    factory: mutant((real) => ({
      appendToStream: (name, events, options) =>
        real.appendToStream(
          name,
          events.map((e) => ({ ...e, id: randomUUID() })),
          options,
        ),
    })),
  },
  {
    breaks: 'accepts any stream name',
    rules: ['bad input'],
    factory: mutant((real) => ({
      appendToStream: (name, events, options) =>
        E.isLeft(parseStreamName(name))
          ? real.appendToStream(`junk-KZ-00-${randomUUID()}`, events)
          : real.appendToStream(name, events, options),
    })),
  },
  {
    breaks: 'ignores its batch limits',
    rules: ['bad input'],
    factory: mutant(() => ({}), true),
  },
  {
    breaks: 'reads streams forwards whatever the direction',
    rules: ['read paging and direction'],
    factory: mutant((real) => ({
      readStream: (name, options) => real.readStream(name, { ...options, direction: 'forwards' }),
    })),
  },
  {
    breaks: 'returns $all pages in reverse',
    rules: ['§3.3 $all order'],
    factory: mutant((real) => ({
      readAll: (options) => async () =>
        E.map((page: AllPage) => ({ ...page, events: [...page.events].reverse() }))(
          await real.readAll(options)(),
        ),
    })),
  },
  {
    breaks: 'drops one event in seven from subscriptions',
    rules: ['subscription catch-up then live', '§3.4 resume from a checkpoint'],
    factory: mutant((real) => ({
      subscribeToAll: (options, handler) =>
        real.subscribeToAll(
          options,
          filterHandler(handler, (_, i) => i % 7 !== 6),
        ),
    })),
  },
  {
    breaks: 'resumes subscriptions from the start',
    rules: ['§3.4 resume from a checkpoint'],
    factory: mutant((real) => ({
      subscribeToAll: (options, handler) =>
        real.subscribeToAll({ ...(options.filter ? { filter: options.filter } : {}) }, handler),
    })),
  },
  {
    // Everything else frozen as stored: only the shared time can be changed, and the change is seen by all.
    breaks: 'hands every reader the same changeable recordedAt of a stored event',
    rules: ['round trip'],
    factory: mutant((real) => {
      const times = new Map<string, Date>();
      const sharedTime = (event: RecordedEvent): RecordedEvent => {
        let time = times.get(event.id);
        if (time === undefined) {
          time = new Date(event.recordedAt.getTime());
          times.set(event.id, time);
        }
        return { ...event, recordedAt: time };
      };
      return {
        readStream: (name, options) => async () => {
          const page = await real.readStream(name, options)();
          return E.isLeft(page)
            ? page
            : E.right({ ...page.right, events: page.right.events.map(sharedTime) });
        },
      };
    }),
  },
];

describe('the contract suite catches broken stores', () => {
  for (const m of mutants) {
    it(`fails a store that ${m.breaks} (rules: ${m.rules.join(', ')})`, async () => {
      for (const rule of m.rules) {
        const cases = contractCases.filter((c) => c.rule === rule);
        expect(cases.length, `cases for ${rule}`).toBeGreaterThan(0);
        const outcomes = await Promise.allSettled(cases.map((c) => c.run(m.factory)));
        const failed = outcomes.filter((o) => o.status === 'rejected').length;
        expect(failed, `cases of "${rule}" that caught the mutant`).toBeGreaterThan(0);
      }
    }, 60_000);
  }
});
