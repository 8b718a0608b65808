import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../src/index.js';
import { DeciderSpecFailed, DeciderSpecification, deepEqual } from '../src/testing.js';

// A door: opening an open door is refused, closing a closed one changes nothing.
type Command = 'open' | 'close';
type Event =
  | { readonly type: 'Opened'; readonly data: { readonly by: string } }
  | { readonly type: 'Closed'; readonly data: Record<string, never> };
type State = 'open' | 'closed';
interface AlreadyOpen {
  readonly _tag: 'AlreadyOpen';
  readonly since: string;
}

const opened = (by = 'officer'): Event => ({ type: 'Opened', data: { by } });
const closed: Event = { type: 'Closed', data: {} };

const door: Decider<Command, Event, State, AlreadyOpen> = {
  initialState: 'closed',
  evolve: (_, event) => (event.type === 'Opened' ? 'open' : 'closed'),
  decide: (command, state) =>
    command === 'open'
      ? state === 'open'
        ? E.left({ _tag: 'AlreadyOpen', since: 'earlier' })
        : E.right([opened()])
      : E.right(state === 'open' ? [closed] : []),
};

const spec = DeciderSpecification.for(door);

// Runs a specification step and gives back what it threw, or undefined when it passed.
const thrown = (step: () => void): unknown => {
  try {
    step();
    return undefined;
  } catch (error) {
    return error;
  }
};

const failsWith = (step: () => void, message: string): void => {
  const error = thrown(step);
  expect(error).toBeInstanceOf(DeciderSpecFailed);
  expect(error instanceof Error ? error.message : '').toBe(message);
};

describe('DeciderSpecFailed', () => {
  it('is an Error named DeciderSpecFailed', () => {
    const error = new DeciderSpecFailed('x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DeciderSpecFailed');
    expect(error.message).toBe('x');
  });
});

describe('then', () => {
  it('passes when the command produces exactly the expected events', () => {
    expect(thrown(() => spec.given([]).when('open').then([opened()]))).toBeUndefined();
    expect(thrown(() => spec.given([opened(), closed]).when('open').then([opened()]))).toBeUndefined();
    expect(thrown(() => spec.given([]).when('close').then([]))).toBeUndefined();
  });

  it('fails when the events differ', () => {
    failsWith(
      () =>
        spec
          .given([])
          .when('open')
          .then([opened('auditor')]),
      'expected the events [{"type":"Opened","data":{"by":"auditor"}}], got [{"type":"Opened","data":{"by":"officer"}}]',
    );
    failsWith(
      () => spec.given([]).when('open').then([]),
      'expected the events [], got [{"type":"Opened","data":{"by":"officer"}}]',
    );
    failsWith(
      () => spec.given([]).when('open').then([opened(), opened()]),
      'expected the events [{"type":"Opened","data":{"by":"officer"}},{"type":"Opened","data":{"by":"officer"}}], got [{"type":"Opened","data":{"by":"officer"}}]',
    );
  });

  it('fails when the command is refused', () => {
    failsWith(
      () => spec.given([opened()]).when('open').then([opened()]),
      'expected the command to be accepted, but it was refused with {"_tag":"AlreadyOpen","since":"earlier"}',
    );
  });
});

describe('thenNothingHappens', () => {
  it('passes when the command is accepted with no event', () => {
    expect(thrown(() => spec.given([]).when('close').thenNothingHappens())).toBeUndefined();
    expect(thrown(() => spec.given([opened(), closed]).when('close').thenNothingHappens())).toBeUndefined();
  });

  it('fails when the command produces events', () => {
    failsWith(
      () => spec.given([opened()]).when('close').thenNothingHappens(),
      'expected no event, got [{"type":"Closed","data":{}}]',
    );
  });

  it('fails when the command is refused', () => {
    const error = thrown(() => spec.given([opened()]).when('open').thenNothingHappens());
    expect(error).toBeInstanceOf(DeciderSpecFailed);
  });
});

describe('thenState', () => {
  it('hands the state after the new events, and the events, to the check', () => {
    const seen: Array<{ state: State; events: readonly Event[] }> = [];
    spec
      .given([])
      .when('open')
      .thenState((state, events) => {
        seen.push({ state, events });
      });
    spec
      .given([opened()])
      .when('close')
      .thenState((state, events) => {
        seen.push({ state, events });
      });
    expect(seen).toEqual([
      { state: 'open', events: [opened()] },
      { state: 'closed', events: [closed] },
    ]);
  });

  it('passes when the check passes and fails with what the check throws', () => {
    expect(
      thrown(() =>
        spec
          .given([])
          .when('open')
          .thenState((state) => expect(state).toBe('open')),
      ),
    ).toBeUndefined();
    const error = thrown(() =>
      spec
        .given([])
        .when('open')
        .thenState((state) => expect(state).toBe('closed')),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof Error ? error.message : '').toMatch(/expected 'open' to be 'closed'/);
  });

  it('fails when the command is refused, without calling the check', () => {
    let called = false;
    const error = thrown(() =>
      spec
        .given([opened()])
        .when('open')
        .thenState(() => {
          called = true;
        }),
    );
    expect(error).toBeInstanceOf(DeciderSpecFailed);
    expect(called).toBe(false);
  });
});

describe('thenFails', () => {
  it('passes when the command is refused with the expected tag', () => {
    expect(thrown(() => spec.given([opened()]).when('open').thenFails('AlreadyOpen'))).toBeUndefined();
  });

  it('fails when the refusal has another tag', () => {
    failsWith(
      () => spec.given([opened()]).when('open').thenFails('DoorLocked'),
      'expected a refusal tagged DoorLocked, got {"_tag":"AlreadyOpen","since":"earlier"}',
    );
  });

  it('fails when the command is accepted', () => {
    failsWith(
      () => spec.given([]).when('open').thenFails('AlreadyOpen'),
      'expected the command to be refused, but it produced [{"type":"Opened","data":{"by":"officer"}}]',
    );
    failsWith(
      () =>
        spec
          .given([])
          .when('close')
          .thenFails(() => undefined),
      'expected the command to be refused, but it produced []',
    );
  });

  it('hands the error to a check, and fails with what the check throws', () => {
    const errors: AlreadyOpen[] = [];
    spec
      .given([opened()])
      .when('open')
      .thenFails((error) => {
        errors.push(error);
      });
    expect(errors).toEqual([{ _tag: 'AlreadyOpen', since: 'earlier' }]);
    const error = thrown(() =>
      spec
        .given([opened()])
        .when('open')
        .thenFails((e) => {
          expect(e.since).toBe('yesterday');
        }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DeciderSpecFailed);
  });

  it('fails on a tag when the error has no tag at all', () => {
    const bare: Decider<Command, Event, State, string> = { ...door, decide: () => E.left('no') };
    failsWith(
      () => DeciderSpecification.for(bare).given([]).when('open').thenFails('no'),
      'expected a refusal tagged no, got "no"',
    );
  });
});

describe('given', () => {
  it('replays the history before deciding', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean()), (openings) => {
        const history = openings.map((open) => (open ? opened() : closed));
        const isOpen = openings.length > 0 && openings[openings.length - 1] === true;
        if (isOpen) spec.given(history).when('open').thenFails('AlreadyOpen');
        else spec.given(history).when('open').then([opened()]);
      }),
    );
  });

  it('shows bigints in failure messages instead of throwing on them', () => {
    const amounts: Decider<
      'pay',
      { readonly type: 'Paid'; readonly data: { readonly tiyn: bigint } },
      null,
      never
    > = {
      initialState: null,
      evolve: (state) => state,
      decide: () => E.right([{ type: 'Paid', data: { tiyn: 15n } }]),
    };
    failsWith(
      () =>
        DeciderSpecification.for(amounts)
          .given([])
          .when('pay')
          .then([{ type: 'Paid', data: { tiyn: 16n } }]),
      'expected the events [{"type":"Paid","data":{"tiyn":"16n"}}], got [{"type":"Paid","data":{"tiyn":"15n"}}]',
    );
  });
});

describe('deepEqual', () => {
  it('is true of a value and its deep copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(deepEqual(value, structuredClone(value))).toBe(true);
      }),
    );
  });

  it('is false when one leaf differs', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        expect(deepEqual({ [key]: value, marker: 1 }, { [key]: value, marker: 2 })).toBe(false);
        expect(deepEqual([value, 1], [value, 2])).toBe(false);
      }),
    );
  });

  it('compares dates by instant and bigints by value', () => {
    expect(deepEqual(new Date(5), new Date(5))).toBe(true);
    expect(deepEqual(new Date(5), new Date(6))).toBe(false);
    expect(deepEqual({ a: 10n ** 30n }, { a: 10n ** 30n })).toBe(true);
    expect(deepEqual(1n, 2n)).toBe(false);
  });

  it('tells a date from an object or a number', () => {
    expect(deepEqual(new Date(0), {})).toBe(false);
    expect(deepEqual({}, new Date(0))).toBe(false);
    expect(deepEqual(new Date(0), 0)).toBe(false);
  });

  it('tells arrays from objects and counts keys', () => {
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual({ 0: 'a' }, ['a'])).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });

  it('treats a key holding undefined as absent', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
