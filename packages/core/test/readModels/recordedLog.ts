/**
 * A log of recorded events built by running commands through aggregates, as the client would on a store:
 * each accepted command's events are encoded by the aggregate's registry and recorded with a stream
 * revision, a global position and an id, ready for `projectEvents`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate, RecordedEvent, StreamName } from '../../src/index.js';
import { globalPosition } from '../../src/index.js';

export interface RecordedLog {
  /** Every event recorded so far, in global order. */
  readonly events: readonly RecordedEvent[];
  /**
   * Runs a command on a stream: its events are recorded and returned, or the refusal is returned and
   * nothing is recorded.
   */
  readonly run: <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C,
  ) => E.Either<Err, readonly Ev[]>;
  /** Like `run`, for a command the test knows is accepted: a refusal fails the test. */
  readonly accept: <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C,
  ) => readonly Ev[];
  /** The state of a stream, replayed by its aggregate's decider. */
  readonly state: <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
  ) => S;
}

export const recordedLog = (): RecordedLog => {
  const events: RecordedEvent[] = [];
  const streams = new Map<string, { state: unknown; revision: bigint }>();
  const state = <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
  ): S => (streams.get(stream)?.state as S | undefined) ?? aggregate.decider.initialState;
  const run = <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C,
  ): E.Either<Err, readonly Ev[]> => {
    const before = state(aggregate, stream);
    const decided = aggregate.decider.decide(command, before);
    if (E.isLeft(decided)) return decided;
    let current = before;
    let revision = streams.get(stream)?.revision ?? -1n;
    for (const event of decided.right) {
      current = aggregate.decider.evolve(current, event);
      revision += 1n;
      const position = BigInt(events.length + 1);
      const encoded = aggregate.events.encode(event);
      events.push({
        id: `00000000-0000-7000-8000-${position.toString(16).padStart(12, '0')}`,
        type: encoded.type,
        schemaVersion: encoded.schemaVersion,
        streamName: stream as StreamName,
        streamRevision: revision,
        globalPosition: globalPosition(position, 0n),
        recordedAt: new Date(Date.UTC(2026, 0, 1) + events.length * 1000),
        data: encoded.data,
        metadata: {},
      });
    }
    streams.set(stream, { state: current, revision });
    return decided;
  };
  return {
    events,
    run,
    accept: (aggregate, stream, command) => {
      const result = run(aggregate, stream, command);
      if (E.isLeft(result))
        throw new Error(`expected ${stream} to accept the command, got ${JSON.stringify(result.left)}`);
      return result.right;
    },
    state,
  };
};
