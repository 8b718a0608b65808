import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { replay } from '../src/index.js';
import type { Decider } from '../src/index.js';
import { DeciderSpecification } from '../src/testing.js';

// A counter of open reports in a region: the smallest decider with a rule that can be broken.
type Command =
  | { readonly type: 'Open'; readonly count: number }
  | { readonly type: 'Close'; readonly count: number }
  | { readonly type: 'Archive' };
type Event =
  | { readonly type: 'Opened'; readonly data: { readonly count: number } }
  | { readonly type: 'Closed'; readonly data: { readonly count: number } }
  | { readonly type: 'Archived'; readonly data: Record<string, never> };
interface State {
  readonly open: number;
  readonly closed: number;
  readonly archived: boolean;
}
type Refusal =
  | { readonly _tag: 'NotThatManyOpen'; readonly open: number; readonly count: number }
  | { readonly _tag: 'Archived' };

const counter: Decider<Command, Event, State, Refusal> = {
  initialState: { open: 0, closed: 0, archived: false },
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
        return { ...state, open: state.open + event.data.count };
      case 'Closed':
        return { ...state, open: state.open - event.data.count, closed: state.closed + event.data.count };
      case 'Archived':
        return { ...state, archived: true };
    }
  },
  decide: (command, state) => {
    if (state.archived) return command.type === 'Archive' ? E.right([]) : E.left({ _tag: 'Archived' });
    switch (command.type) {
      case 'Open':
        return E.right([{ type: 'Opened', data: { count: command.count } }]);
      case 'Close':
        return command.count > state.open
          ? E.left({ _tag: 'NotThatManyOpen', open: state.open, count: command.count })
          : E.right([{ type: 'Closed', data: { count: command.count } }]);
      case 'Archive':
        return E.right([{ type: 'Archived', data: {} }]);
    }
  },
};

const count = fc.integer({ min: 1, max: 1_000 });
const event: fc.Arbitrary<Event> = fc.oneof(
  count.map((n) => ({ type: 'Opened' as const, data: { count: n } })),
  count.map((n) => ({ type: 'Closed' as const, data: { count: n } })),
  fc.constant({ type: 'Archived' as const, data: {} }),
);
const command: fc.Arbitrary<Command> = fc.oneof(
  count.map((n) => ({ type: 'Open' as const, count: n })),
  count.map((n) => ({ type: 'Close' as const, count: n })),
  fc.constant({ type: 'Archive' as const }),
);
const state: fc.Arbitrary<State> = fc.record({
  open: fc.integer(),
  closed: fc.nat(),
  archived: fc.boolean(),
});

const spec = DeciderSpecification.for(counter);

describe('replay', () => {
  it('gives the initial state for no events, and the given state when starting from one', () => {
    expect(replay(counter, [])).toEqual(counter.initialState);
    fc.assert(
      fc.property(state, (from) => {
        expect(replay(counter, [], from)).toBe(from);
      }),
    );
  });

  it('is deterministic: the same events give equal states', () => {
    fc.assert(
      fc.property(fc.array(event), (events) => {
        expect(replay(counter, events)).toEqual(replay(counter, [...events]));
      }),
    );
  });

  it('replaying a then b equals replaying b from the state a left', () => {
    fc.assert(
      fc.property(fc.array(event), fc.array(event), (a, b) => {
        expect(replay(counter, [...a, ...b])).toEqual(replay(counter, b, replay(counter, a)));
      }),
    );
  });

  it('applies every event once, in order', () => {
    // A decider whose state is the list of events it saw.
    const log: Decider<never, Event, readonly Event[], never> = {
      initialState: [],
      evolve: (seen, e) => [...seen, e],
      decide: () => E.right([]),
    };
    fc.assert(
      fc.property(fc.array(event), (events) => {
        expect(replay(log, events)).toEqual(events);
      }),
    );
  });

  it('reads any iterable, such as a generator, without needing an array', () => {
    fc.assert(
      fc.property(fc.array(event), (events) => {
        function* one(): Generator<Event> {
          yield* events;
        }
        expect(replay(counter, one())).toEqual(replay(counter, events));
      }),
    );
  });

  it('does not change the state it starts from', () => {
    fc.assert(
      fc.property(state, fc.array(event), (from, events) => {
        const copy = structuredClone(from);
        replay(counter, events, from);
        expect(from).toEqual(copy);
      }),
    );
  });
});

describe('the example decider', () => {
  it('opens and closes reports', () => {
    spec
      .given([])
      .when({ type: 'Open', count: 3 })
      .then([{ type: 'Opened', data: { count: 3 } }]);
    spec
      .given([{ type: 'Opened', data: { count: 3 } }])
      .when({ type: 'Close', count: 2 })
      .thenState((s) => {
        expect(s).toEqual({ open: 1, closed: 2, archived: false });
      });
  });

  it('refuses to close more reports than are open', () => {
    spec
      .given([{ type: 'Opened', data: { count: 1 } }])
      .when({ type: 'Close', count: 2 })
      .thenFails((error) => {
        expect(error).toEqual({ _tag: 'NotThatManyOpen', open: 1, count: 2 });
      });
  });

  it('archives once; archiving again changes nothing, and nothing else is accepted', () => {
    spec
      .given([{ type: 'Archived', data: {} }])
      .when({ type: 'Archive' })
      .thenNothingHappens();
    spec
      .given([{ type: 'Archived', data: {} }])
      .when({ type: 'Open', count: 1 })
      .thenFails('Archived');
  });

  it('never lets a command sequence leave a negative number of open reports', () => {
    fc.assert(
      fc.property(fc.array(command), (commands) => {
        let current = counter.initialState;
        for (const c of commands) {
          const decided = counter.decide(c, current);
          if (E.isRight(decided)) current = replay(counter, decided.right, current);
          expect(current.open).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
