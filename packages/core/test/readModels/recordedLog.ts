/**
 * A log of recorded events, as a store would record them for `projectEvents`: each event encoded by its
 * registry and recorded with a stream revision, a global position and an id. Events come from running
 * commands through aggregates, as the client would, or are appended as a test already has them.
 */
import * as E from 'fp-ts/lib/Either.js';
import type {
  Aggregate,
  EventRegistry,
  Projection,
  ProjectionSources,
  RecordedEvent,
} from '../../src/index.js';
import { globalPosition, parseStreamName, projectEvents } from '../../src/index.js';

type DomainEvent = { readonly type: string; readonly data: unknown };

export interface RecordedLog {
  /** Every event recorded so far, in global order. */
  readonly events: readonly RecordedEvent[];
  /** Records events on a stream, encoded by their registry (the stream's aggregate state is not kept). */
  readonly append: <Ev extends DomainEvent>(
    registry: Pick<EventRegistry<Ev>, 'encode'>,
    stream: string,
    events: readonly Ev[],
  ) => void;
  /**
   * Runs a command on a stream: its events are recorded and returned, or the refusal is returned and
   * nothing is recorded.
   */
  readonly run: <C, Ev extends DomainEvent, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C,
  ) => E.Either<Err, readonly Ev[]>;
  /** Like `run`, for a command the test knows is accepted: a refusal fails the test. */
  readonly accept: <C, Ev extends DomainEvent, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
    command: C,
  ) => readonly Ev[];
  /** The state of a stream, replayed by its aggregate's decider. */
  readonly state: <C, Ev extends DomainEvent, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
  ) => S;
}

export const recordedLog = (): RecordedLog => {
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, bigint>();
  const states = new Map<string, unknown>();
  const append: RecordedLog['append'] = (registry, stream, domainEvents) => {
    const streamName = parseStreamName(stream);
    if (E.isLeft(streamName)) throw new Error(streamName.left.message);
    for (const event of domainEvents) {
      const revision = (revisions.get(stream) ?? -1n) + 1n;
      revisions.set(stream, revision);
      const position = BigInt(events.length + 1);
      events.push({
        id: `00000000-0000-7000-8000-${position.toString(16).padStart(12, '0')}`,
        ...registry.encode(event),
        streamName: streamName.right,
        streamRevision: revision,
        globalPosition: globalPosition(position, 0n),
        recordedAt: new Date(Date.UTC(2026, 0, 1) + events.length * 1000),
        metadata: {},
      });
    }
  };
  const state: RecordedLog['state'] = <C, Ev extends DomainEvent, S, Err>(
    aggregate: Aggregate<C, Ev, S, Err>,
    stream: string,
  ): S => (states.get(stream) as S | undefined) ?? aggregate.decider.initialState;
  const run: RecordedLog['run'] = (aggregate, stream, command) => {
    const before = state(aggregate, stream);
    const decided = aggregate.decider.decide(command, before);
    if (E.isLeft(decided)) return decided;
    states.set(
      stream,
      decided.right.reduce((current, event) => aggregate.decider.evolve(current, event), before),
    );
    append(aggregate.events, stream, decided.right);
    return decided;
  };
  return {
    events,
    append,
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

/** A log of one registry's events, appended as the test has them. */
export const registryLog = <Ev extends DomainEvent>(registry: Pick<EventRegistry<Ev>, 'encode'>) => {
  const log = recordedLog();
  return {
    events: log.events,
    append: (stream: string, events: readonly Ev[]): void => log.append(registry, stream, events),
  };
};

/** The documents a projection makes of the events; a projection that fails fails the test. */
export const documentsOf = <S extends ProjectionSources, Doc>(
  projection: Projection<S, Doc>,
  events: readonly RecordedEvent[],
): ReadonlyMap<string, Doc> => {
  const documents = projectEvents(projection, events);
  if (E.isLeft(documents)) throw new Error(documents.left.message);
  return documents.right;
};
