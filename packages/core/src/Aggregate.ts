import type * as t from 'io-ts/lib/index.js';
import type { Decider } from './Decider.js';
import type { EventRegistry } from './EventRegistry.js';

/**
 * How an aggregate's state is snapshotted: `version` names the shape of the state (change it whenever
 * `evolve` or the state changes, and old snapshots are ignored), `codec` writes and reads it, and a snapshot
 * is taken after a command once at least `every` events were appended since the last one.
 *
 * @category decider
 * @since 0.1.0
 */
export interface SnapshotPolicy<State> {
  readonly version: string;
  readonly codec: t.Type<State, unknown, unknown>;
  readonly every: number;
}

/**
 * A decider with everything needed to run it against a store: the stream category it lives in, the codec
 * that validates its commands, the registry of its events, and an optional snapshot policy.
 *
 * @category decider
 * @since 0.1.0
 */
export interface Aggregate<
  Command,
  Event extends { readonly type: string; readonly data: unknown },
  State,
  Err,
> {
  readonly name: string;
  readonly category: string;
  readonly decider: Decider<Command, Event, State, Err>;
  readonly commands: t.Type<Command, unknown, unknown>;
  readonly events: EventRegistry<Event>;
  readonly snapshot?: SnapshotPolicy<State>;
}

/**
 * Declares an aggregate; the identity function, there for type inference and for the docs.
 *
 * @category decider
 * @since 0.1.0
 */
export const defineAggregate = <
  Command,
  Event extends { readonly type: string; readonly data: unknown },
  State,
  Err,
>(
  aggregate: Aggregate<Command, Event, State, Err>,
): Aggregate<Command, Event, State, Err> => aggregate;
