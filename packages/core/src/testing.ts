/**
 * `@adal/core/testing`: given/when/then specifications for deciders, usable with any test runner (a failed
 * expectation throws {@link DeciderSpecFailed}, which every runner reports as a failure).
 *
 * @packageDocumentation
 */
import type { Decider } from './Decider.js';
import { replay } from './Decider.js';

/**
 * Thrown when a decider does not do what its specification says.
 *
 * @category testing
 * @since 0.1.0
 */
export class DeciderSpecFailed extends Error {
  override readonly name = 'DeciderSpecFailed';
}

/**
 * The outcome expectations of one `given(...).when(...)`.
 *
 * @category testing
 * @since 0.1.0
 */
export interface DeciderThen<Event, State, Err> {
  /** The command is accepted and produces exactly these events. */
  then(expected: readonly Event[]): void;
  /** The command is accepted and produces no event (it was already done, or changes nothing). */
  thenNothingHappens(): void;
  /** The command is accepted; `check` inspects the events and the resulting state. */
  thenState(check: (state: State, events: readonly Event[]) => void): void;
  /** The command is refused with an error of this `_tag`, or one that passes `check`. */
  thenFails(expected: string | ((error: Err) => void)): void;
}

/**
 * A specification of a decider: `given(events).when(command).then(events)`.
 *
 * @category testing
 * @since 0.1.0
 */
export interface DeciderSpecification<Command, Event, State, Err> {
  given(events: readonly Event[]): { when(command: Command): DeciderThen<Event, State, Err> };
}

/**
 * Builds a given/when/then specification for a decider.
 *
 * @example
 * import { DeciderSpecification } from '@adal/core/testing';
 * // const spec = DeciderSpecification.for(door);
 * // spec.given([]).when('open').then([{ type: 'Opened', data: {} }]);
 * // spec.given([{ type: 'Opened', data: {} }]).when('open').thenFails('AlreadyOpen');
 *
 * @category testing
 * @since 0.1.0
 */
export const DeciderSpecification = {
  for: <Command, Event, State, Err>(
    decider: Decider<Command, Event, State, Err>,
  ): DeciderSpecification<Command, Event, State, Err> => ({
    given: (history) => ({
      when: (command) => {
        const run = () => {
          const state = replay(decider, history);
          return { state, result: decider.decide(command, state) };
        };
        const accepted = (): { state: State; events: readonly Event[] } => {
          const { state, result } = run();
          if (result._tag === 'Left') {
            throw new DeciderSpecFailed(
              `expected the command to be accepted, but it was refused with ${show(result.left)}`,
            );
          }
          return { state, events: result.right };
        };
        return {
          then: (expected) => {
            const { events } = accepted();
            if (!deepEqual(events, expected)) {
              throw new DeciderSpecFailed(`expected the events ${show(expected)}, got ${show(events)}`);
            }
          },
          thenNothingHappens: () => {
            const { events } = accepted();
            if (events.length > 0) throw new DeciderSpecFailed(`expected no event, got ${show(events)}`);
          },
          thenState: (check) => {
            const { state, events } = accepted();
            check(replay(decider, events, state), events);
          },
          thenFails: (expected) => {
            const { result } = run();
            if (result._tag === 'Right') {
              throw new DeciderSpecFailed(
                `expected the command to be refused, but it produced ${show(result.right)}`,
              );
            }
            if (typeof expected === 'function') {
              expected(result.left);
              return;
            }
            const tag = (result.left as { readonly _tag?: unknown } | null)?._tag;
            if (tag !== expected) {
              throw new DeciderSpecFailed(`expected a refusal tagged ${expected}, got ${show(result.left)}`);
            }
          },
        };
      },
    }),
  }),
};

/**
 * Structural equality for test expectations: plain objects, arrays, dates, bigints and primitives.
 *
 * @category testing
 * @since 0.1.0
 */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) {
    // A date has no own keys, so without this check it would equal every empty object.
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
};

const show = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
