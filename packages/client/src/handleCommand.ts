import type {
  Actor,
  Aggregate,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  SnapshotStore,
  StreamState,
} from '@adal/core';
import {
  Actor as ActorCodec,
  parseStreamName,
  replay,
  storeUnavailable,
  streamNameParts,
  toValidationError,
  validationError,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { CommandError, ConcurrencyConflict, EventDecodeFailed } from './CommandError.js';
import type { IdGenerator } from './uuidv7.js';
import { OutcomeCache } from './OutcomeCache.js';

/**
 * What the command handler needs from the world. Tests pass a fixed clock and a counting id generator.
 *
 * @category commands
 * @since 0.1.0
 */
export interface CommandEnvironment {
  readonly store: EventStore;
  readonly snapshots?: SnapshotStore;
  readonly clock: () => Date;
  readonly newId: IdGenerator;
  /** Tries after a `WrongExpectedRevision`, each re-loading and re-deciding; 5 by default. */
  readonly maxRetries?: number;
  /** How many outcomes are remembered by `commandId` in this process; 10,000 by default. */
  readonly rememberOutcomes?: number;
  /**
   * Called with a function that forgets every remembered outcome, for an owner that must drop them (the
   * client does when a data subject is forgotten: outcomes hold decrypted events and states).
   */
  readonly onOutcomes?: (forgetAll: () => void) => void;
}

/**
 * What travels with a command besides its data. Every field is optional: `commandId` defaults to a new
 * UUIDv7, `correlationId` to the command id.
 *
 * - `commandId`: send the same id again (a retried HTTP request, a double click) and the first outcome is
 *   returned, nothing is decided or appended twice;
 * - `expectedRevision`: the revision the caller's screen showed; when given, a conflict is returned as
 *   `WrongExpectedRevision` instead of being retried, so a user never overwrites what they have not seen.
 *
 * @category commands
 * @since 0.1.0
 */
export interface CommandOptions {
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly expectedRevision?: ExpectedRevision;
}

/**
 * A handled command: the events it produced (decoded, and as recorded), the state after them, and the
 * revision to expect next. `alreadyHandled` is true when the `commandId` had been handled before and this
 * is its first outcome again.
 *
 * @category commands
 * @since 0.1.0
 */
export interface CommandResult<Event, State> {
  readonly streamName: string;
  readonly commandId: string;
  readonly events: readonly Event[];
  readonly recorded: readonly RecordedEvent[];
  readonly state: State;
  readonly nextExpectedRevision: StreamState;
  readonly alreadyHandled: boolean;
}

/**
 * Handles one command against one stream.
 *
 * @category commands
 * @since 0.1.0
 */
export type HandleCommand = <
  Command,
  Event extends { readonly type: string; readonly data: unknown },
  State,
  Err,
>(
  aggregate: Aggregate<Command, Event, State, Err>,
  streamName: string,
  command: unknown,
  options?: CommandOptions,
) => TE.TaskEither<CommandError<Err>, CommandResult<Event, State>>;

interface Loaded<Event, State> {
  readonly state: State;
  readonly revision: StreamState;
  readonly snapshotRevision: bigint | undefined;
  /** Events of this stream already carrying the command's id: the command was handled before. */
  readonly earlier: readonly { readonly recorded: RecordedEvent; readonly event: Event }[];
}

/**
 * Builds `handleCommand` over an environment: validate the command with its codec, load the stream (from a
 * snapshot when there is one), decide, append at the revision it was loaded at, and on a conflict re-load and
 * re-decide, a bounded number of times. A repeated `commandId` gets its first outcome back.
 *
 * @category commands
 * @since 0.1.0
 */
export const createCommandHandler = (environment: CommandEnvironment): HandleCommand => {
  const maxRetries = environment.maxRetries ?? 5;
  const outcomes = new OutcomeCache(environment.rememberOutcomes ?? 10_000);
  environment.onOutcomes?.(() => outcomes.clear());
  const { store } = environment;

  return <Command, Event extends { readonly type: string; readonly data: unknown }, State, Err>(
      aggregate: Aggregate<Command, Event, State, Err>,
      streamName: string,
      input: unknown,
      options: CommandOptions = {},
    ): TE.TaskEither<CommandError<Err>, CommandResult<Event, State>> =>
    async () => {
      type Result = E.Either<CommandError<Err>, CommandResult<Event, State>>;
      const name = parseStreamName(streamName);
      if (E.isLeft(name)) return name;
      const category = streamNameParts(name.right).category;
      if (category !== aggregate.category) {
        return E.left({
          _tag: 'WrongStreamCategory',
          streamName,
          expected: aggregate.category,
          message: `streamName: ${aggregate.name} lives in "${aggregate.category}-…" streams, got "${streamName}"`,
        });
      }
      const badOptions = checkOptions(options);
      if (badOptions !== undefined) return E.left(badOptions);
      const decoded = aggregate.commands.decode(input);
      if (E.isLeft(decoded)) return E.left(toValidationError(decoded.left));
      const command = decoded.right;
      const commandId = options.commandId ?? environment.newId();

      // Keyed by stream and command id: an id reused on another stream must not return that stream's outcome.
      const outcomeKey = `${streamName}\u0000${commandId}`;
      const remembered = outcomes.get<Result>(outcomeKey);
      // The first outcome again, marked as such, as it is when another process finds it in the stream.
      if (remembered !== undefined) {
        return E.isRight(remembered) ? E.right({ ...remembered.right, alreadyHandled: true }) : remembered;
      }

      const finish = (result: Result): Result => {
        // Conflicts and outages are not outcomes of the command: a retry with the same id may succeed.
        if (E.isRight(result) || !isTransient(result.left)) outcomes.set(outcomeKey, result);
        return result;
      };

      for (let attempt = 0; attempt <= maxRetries; attempt++) {
        if (attempt > 0) await pause(attempt);
        const loaded = await load(aggregate, name.right, commandId);
        if (E.isLeft(loaded)) return loaded;
        const { state, revision, earlier } = loaded.right;

        if (earlier.length > 0) {
          return finish(
            E.right({
              streamName,
              commandId,
              events: earlier.map((e) => e.event),
              recorded: earlier.map((e) => e.recorded),
              state,
              nextExpectedRevision: revision,
              alreadyHandled: true,
            }),
          );
        }

        const decision = aggregate.decider.decide(command, state);
        if (E.isLeft(decision)) return finish(E.left(decision.left));
        const events = decision.right;
        if (events.length === 0) {
          return finish(
            E.right({
              streamName,
              commandId,
              events,
              recorded: [],
              state,
              nextExpectedRevision: revision,
              alreadyHandled: false,
            }),
          );
        }

        const metadata = metadataFor(commandId, options, environment.clock());
        const toAppend: EventToAppend[] = events.map((event) => ({
          id: environment.newId(),
          ...aggregate.events.encode(event),
          metadata,
        }));
        const expectedRevision = options.expectedRevision ?? revision;
        const appended = await store.appendToStream(streamName, toAppend, { expectedRevision })();
        if (E.isLeft(appended)) {
          if (appended.left._tag !== 'WrongExpectedRevision' || options.expectedRevision !== undefined) {
            return finish(E.left(appended.left));
          }
          if (attempt === maxRetries) {
            const attempts = maxRetries + 1;
            const conflict: ConcurrencyConflict = {
              _tag: 'ConcurrencyConflict',
              streamName,
              attempts,
              message: `stream ${streamName} kept changing: ${attempts} tries were refused, the last with: ${appended.left.message}`,
              last: appended.left,
            };
            return E.left(conflict);
          }
          continue;
        }

        const after = replay(aggregate.decider, events, state);
        await maybeSnapshot(
          aggregate,
          streamName,
          after,
          appended.right.nextExpectedRevision,
          loaded.right.snapshotRevision,
        );
        return finish(
          E.right({
            streamName,
            commandId,
            events,
            recorded: appended.right.events,
            state: after,
            nextExpectedRevision: appended.right.nextExpectedRevision,
            alreadyHandled: false,
          }),
        );
      }
      // The loop returns on its last try; this line only satisfies the compiler.
      return E.left(storeUnavailable('the command handler ran out of tries'));
    };

  async function load<Command, Event extends { readonly type: string; readonly data: unknown }, State, Err>(
    aggregate: Aggregate<Command, Event, State, Err>,
    streamName: string,
    commandId: string,
  ): Promise<E.Either<CommandError<Err>, Loaded<Event, State>>> {
    let state = aggregate.decider.initialState;
    let revision: StreamState = 'no_stream';
    let snapshotRevision: bigint | undefined;
    const policy = aggregate.snapshot;
    if (policy !== undefined && environment.snapshots !== undefined) {
      const snapshot = await environment.snapshots.readSnapshot(streamName)();
      // A snapshot that cannot be read or decoded is skipped: the stream itself is the truth.
      if (
        E.isRight(snapshot) &&
        snapshot.right._tag === 'Some' &&
        snapshot.right.value.version === policy.version
      ) {
        const decodedState = policy.codec.decode(snapshot.right.value.state);
        if (E.isRight(decodedState)) {
          state = decodedState.right;
          revision = snapshot.right.value.streamRevision;
          snapshotRevision = revision;
        }
      }
    }
    const earlier: { recorded: RecordedEvent; event: Event }[] = [];
    let from: bigint | undefined = revision === 'no_stream' ? 0n : revision + 1n;
    while (from !== undefined) {
      const page = await store.readStream(streamName, { from, max: 1000 })();
      if (E.isLeft(page)) {
        if (page.left._tag === 'StreamNotFound') break;
        return E.left(page.left);
      }
      for (const recorded of page.right.events) {
        const event = aggregate.events.decode(recorded);
        if (E.isLeft(event)) return E.left(decodeFailed(streamName, recorded, event.left));
        state = aggregate.decider.evolve(state, event.right);
        revision = recorded.streamRevision;
        if (recorded.metadata.commandId === commandId) earlier.push({ recorded, event: event.right });
      }
      from = page.right.next;
    }
    return E.right({ state, revision, snapshotRevision, earlier });
  }

  async function maybeSnapshot<
    Command,
    Event extends { readonly type: string; readonly data: unknown },
    State,
    Err,
  >(
    aggregate: Aggregate<Command, Event, State, Err>,
    streamName: string,
    state: State,
    revision: bigint,
    snapshotRevision: bigint | undefined,
  ): Promise<void> {
    const policy = aggregate.snapshot;
    if (policy === undefined || environment.snapshots === undefined) return;
    const since = snapshotRevision === undefined ? revision + 1n : revision - snapshotRevision;
    if (since < BigInt(policy.every)) return;
    // A failed snapshot write costs a longer load next time, never a wrong state: it is not the command's error.
    await environment.snapshots.writeSnapshot({
      streamName,
      streamRevision: revision,
      version: policy.version,
      state: policy.codec.encode(state) as never,
    })();
  }
};

const isTransient = (error: unknown): boolean => {
  const tag =
    typeof error === 'object' && error !== null ? (error as { readonly _tag?: unknown })._tag : undefined;
  return tag === 'WrongExpectedRevision' || tag === 'StoreUnavailable' || tag === 'ConcurrencyConflict';
};

/**
 * The wait before retry `attempt` (1, 2, …) after a conflict: half a millisecond, doubling with each attempt
 * up to 50 ms, of which a random half is waited, so writers that keep colliding spread out, and a stream that
 * is only briefly contended costs a millisecond or two, not tens. (A retry with no wait at all was tried:
 * writers that collided then collided again, thirteen times as often.)
 */
const pause = (attempt: number): Promise<void> => {
  const ceiling = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + (Math.random() * ceiling) / 2));
};

const FIRST_PAUSE_MS = 0.5;
const MAX_PAUSE_MS = 50;

const metadataFor = (commandId: string, options: CommandOptions, now: Date): EventMetadata => ({
  commandId,
  correlationId: options.correlationId ?? commandId,
  ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
  ...(options.actor === undefined ? {} : { actor: options.actor }),
  occurredAt: now.toISOString(),
});

const decodeFailed = (
  streamName: string,
  recorded: RecordedEvent,
  cause: EventDecodeFailed['cause'],
): EventDecodeFailed => ({
  _tag: 'EventDecodeFailed',
  streamName,
  eventId: recorded.id,
  message: `event ${recorded.id} (${recorded.type} v${recorded.schemaVersion}) of ${streamName} cannot be read: ${cause.message}`,
  cause,
});

const checkOptions = (options: CommandOptions) => {
  const issues: { path: string; message: string }[] = [];
  for (const key of ['commandId', 'correlationId', 'causationId'] as const) {
    const value: unknown = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.length === 0 || value.length > 200)) {
      issues.push({
        path: `options.${key}`,
        message: 'expected a non-empty string of at most 200 characters',
      });
    }
  }
  if (options.actor !== undefined) {
    const actor = ActorCodec.decode(options.actor);
    if (E.isLeft(actor)) {
      for (const issue of toValidationError(actor.left).issues) {
        issues.push({
          path: issue.path === '' ? 'options.actor' : `options.actor.${issue.path}`,
          message: issue.message,
        });
      }
    }
  }
  return issues.length > 0 ? validationError(issues) : undefined;
};
