import type { Either } from 'fp-ts/lib/Either.js';

/**
 * The pure heart of an aggregate: how its state follows from its events, and which events a command
 * produces from a state. `evolve` is total and pure; `decide` never throws and refuses a command with a
 * tagged error that names the broken rule.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import type { Decider } from '@adal/core';
 * type Ev = { type: 'Opened'; data: {} } | { type: 'Closed'; data: {} };
 * const door: Decider<'open' | 'close', Ev, 'open' | 'closed', { _tag: 'AlreadyOpen' }> = {
 *   initialState: 'closed',
 *   evolve: (_, e) => (e.type === 'Opened' ? 'open' : 'closed'),
 *   decide: (c, s) =>
 *     c === 'open' ? (s === 'open' ? E.left({ _tag: 'AlreadyOpen' }) : E.right([{ type: 'Opened', data: {} }]))
 *                  : E.right(s === 'open' ? [{ type: 'Closed', data: {} }] : []),
 * };
 *
 * @category decider
 * @since 0.1.0
 */
export interface Decider<Command, Event, State, Err> {
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => Either<Err, readonly Event[]>;
}

/**
 * Folds events over a decider's initial state (or a given state).
 *
 * @category decider
 * @since 0.1.0
 */
export const replay = <Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  events: Iterable<Event>,
  from: State = decider.initialState,
): State => {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
