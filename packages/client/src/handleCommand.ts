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
import { holdsPersonalData } from './protection/protectEventStore.js';
import { RecentMap } from './RecentMap.js';

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
   * How many streams' latest state are kept for the next command on them; 1,000 by default (none for a store
   * that reveals personal data, see `protectEventStore`), 0 keeps none. See {@link createCommandHandler}.
   */
  readonly cachedStates?: number;
  /**
   * Called with a function that forgets every remembered outcome and cached state, for an owner that must
   * drop them (the client does when a data subject is forgotten: both hold decrypted events and states).
   */
  readonly onOutcomes?: (forgetAll: () => void) => void;
}

/**
 * What travels with a command besides its data. Every field is optional: `commandId` defaults to a new
 * UUIDv7, `correlationId` to the command id.
 *
 * - `commandId`: send the same id again (a retried HTTP request, a double click) and the first outcome is
 *   returned, nothing is decided or appended twice. The outcomes of commands sent with an id are remembered in
 *   the process (refusals included); a command's events carry its id, so the stream answers a repeat too;
 * - `expectedRevision`: the revision the caller's screen showed; when given, a conflict is returned as
 *   `WrongExpectedRevision` instead of being retried, so a user never overwrites what they have not seen.
 *   `'no_stream'` for a new aggregate also saves the read of a stream that cannot exist yet (the module
 *   methods that start an aggregate pass it).
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
  /**
   * The command ids of the events this state was built from (after its snapshot, when loaded from one), or
   * `undefined` when there were more than {@link MAX_REMEMBERED_IDS}.
   */
  readonly commandIds: Set<string> | undefined;
}

/** A stream's state as this process last saw it, kept for the next command on the stream. */
interface CachedState extends Omit<Loaded<unknown, unknown>, 'earlier' | 'revision'> {
  /** Which aggregate built the state: another definition of the same stream's category never uses it. */
  readonly aggregate: object;
  readonly revision: bigint;
}

/** Command ids remembered per cached stream, beyond which a command with its own id loads the stream again. */
const MAX_REMEMBERED_IDS = 2_000;

/**
 * Builds `handleCommand` over an environment: validate the command with its codec, load the stream (from a
 * snapshot when there is one), decide, append at the revision it was loaded at, and on a conflict re-load and
 * re-decide, a bounded number of times. A repeated `commandId` gets its first outcome back.
 *
 * Two things make a command cheap in a process that handles a stream more than once, without changing what
 * it decides:
 *
 * - **Commands on one stream take turns** within the process: the second starts when the first has settled,
 *   so they never refuse each other's appends (processes still meet as before, at the store's expected
 *   revision). Commands on different streams run side by side.
 * - **The latest state of recently used streams is kept** (`cachedStates`, 1,000 streams by default). A command
 *   on a cached stream is decided on that state and appended at its revision with no read at all: if another
 *   process appended in between, the store refuses the append, and the handler reads only the events after
 *   the cached revision and decides again (no wait, no try counted). A refusal or a decision to do nothing is
 *   never given on an unread state: the stream's new events are read first. The state is built by the same
 *   `evolve` over the same events as a load, so it is the state a load would give.
 *
 * @category commands
 * @since 0.1.0
 */
export const createCommandHandler = (environment: CommandEnvironment): HandleCommand => {
  const maxRetries = environment.maxRetries ?? 5;
  const outcomes = new RecentMap<unknown>(environment.rememberOutcomes ?? 10_000);
  // A store revealing personal data keeps no states by default: a subject forgotten elsewhere (another
  // instance, the `adal forget` command) must not stay readable in this process's memory.
  const keptStates = environment.cachedStates ?? (holdsPersonalData(environment.store) ? 0 : 1_000);
  const states = new RecentMap<CachedState>(keptStates);
  environment.onOutcomes?.(() => {
    outcomes.clear();
    states.clear();
  });
  const { store } = environment;
  const turns = new Map<string, Promise<unknown>>();

  /** Runs `work` once every command on `streamName` started before it in this process has settled. */
  const inTurn = async <A>(streamName: string, work: () => Promise<A>): Promise<A> => {
    const before = turns.get(streamName);
    const mine = before === undefined ? work() : before.then(work, work);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    turns.set(streamName, settled);
    try {
      return await mine;
    } finally {
      if (turns.get(streamName) === settled) turns.delete(streamName);
    }
  };

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
      const rememberedOutcome = (): Result | undefined => {
        const remembered = outcomes.get(outcomeKey) as Result | undefined;
        // The first outcome again, marked as such, as it is when another process finds it in the stream.
        if (remembered === undefined || E.isLeft(remembered)) return remembered;
        return E.right({ ...remembered.right, alreadyHandled: true });
      };
      const remembered = options.commandId === undefined ? undefined : rememberedOutcome();
      if (remembered !== undefined) return remembered;

      const finish = (result: Result): Result => {
        // Only a caller's own id can come again. Conflicts and outages are not outcomes of the command: a
        // retry with the same id may succeed.
        if (options.commandId !== undefined && (E.isRight(result) || !isTransient(result.left)))
          outcomes.set(outcomeKey, result);
        return result;
      };

      const handle = async (): Promise<Result> => {
        // The same command sent twice at once: the second waited for the first, whose outcome is now known.
        const settled = options.commandId === undefined ? undefined : rememberedOutcome();
        if (settled !== undefined) return settled;
        // A fresh id cannot be in the stream; an id of the caller's can, so the cached state is only used when
        // every command id it was built from is known.
        const cachedFor = (): CachedState | undefined => {
          const cached = states.get(streamName);
          if (cached === undefined || cached.aggregate !== aggregate) return undefined;
          if (options.commandId !== undefined && cached.commandIds?.has(commandId) !== false)
            return undefined;
          return cached;
        };
        // The first try may decide on the cached state unread; after that, the stream's new events are read.
        let unread = true;
        let attempt = 0;
        while (attempt <= maxRetries) {
          const cached = cachedFor();
          // A caller expecting no stream is decided for on the initial state, as a new stream's would be.
          const fresh = cached === undefined && options.expectedRevision === 'no_stream';
          const trusted =
            unread &&
            (fresh ||
              (cached !== undefined &&
                (options.expectedRevision === undefined || options.expectedRevision === cached.revision)));
          let loaded: Loaded<Event, State>;
          if (trusted && cached === undefined) {
            loaded = {
              state: aggregate.decider.initialState,
              revision: 'no_stream',
              snapshotRevision: undefined,
              earlier: [],
              commandIds: new Set(),
            };
          } else if (trusted && cached !== undefined) {
            loaded = { ...(cached as Omit<CachedState, 'aggregate'> & { state: State }), earlier: [] };
          } else {
            const read = await load(aggregate, streamName, commandId, cached);
            if (E.isLeft(read)) {
              states.delete(streamName);
              return read;
            }
            loaded = read.right;
            keep(aggregate, loaded);
          }
          const { state, revision, earlier } = loaded;

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
          const decidedNothing = E.isLeft(decision) || decision.right.length === 0;
          if (trusted && decidedNothing) {
            // Not on a state nobody has read: another process may have changed the stream meanwhile.
            unread = false;
            continue;
          }
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
            if (trusted && appended.left._tag !== 'StoreUnavailable') {
              // The state decided on may be behind the stream (or the append refused for what the stream
              // holds): read what is new and decide again, at once, as if the stream had been read to begin
              // with — the command may be found there, or refused.
              unread = false;
              continue;
            }
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
            attempt += 1;
            await pause(attempt);
            continue;
          }

          const after = replay(aggregate.decider, events, state);
          const next = appended.right.nextExpectedRevision;
          const snapshotRevision = await maybeSnapshot(
            aggregate,
            streamName,
            after,
            next,
            loaded.snapshotRevision,
          );
          keep(aggregate, {
            state: after,
            revision: next,
            snapshotRevision,
            commandIds: withId(loaded.commandIds, commandId),
          });
          return finish(
            E.right({
              streamName,
              commandId,
              events,
              recorded: appended.right.events,
              state: after,
              nextExpectedRevision: next,
              alreadyHandled: false,
            }),
          );
        }
        // The loop returns on its last try; this line only satisfies the compiler.
        return E.left(storeUnavailable('the command handler ran out of tries'));
      };

      return inTurn(streamName, handle);

      function keep(forAggregate: object, loaded: Omit<Loaded<unknown, unknown>, 'earlier'>): void {
        if (loaded.revision === 'no_stream') return;
        states.set(streamName, { ...loaded, revision: loaded.revision, aggregate: forAggregate });
      }
    };

  /**
   * Loads a stream's state: from `cached` (reading only the events after it), else from the latest snapshot
   * and the events after it, else from the whole stream.
   */
  async function load<Command, Event extends { readonly type: string; readonly data: unknown }, State, Err>(
    aggregate: Aggregate<Command, Event, State, Err>,
    streamName: string,
    commandId: string,
    cached: CachedState | undefined,
  ): Promise<E.Either<CommandError<Err>, Loaded<Event, State>>> {
    let state = aggregate.decider.initialState;
    let revision: StreamState = 'no_stream';
    let snapshotRevision: bigint | undefined;
    // The ids of the commands a stream holds are gathered only for a state that is kept.
    let commandIds: Set<string> | undefined = keptStates > 0 ? new Set() : undefined;
    const policy = aggregate.snapshot;
    if (cached !== undefined) {
      state = cached.state as State;
      revision = cached.revision;
      snapshotRevision = cached.snapshotRevision;
      // The same set, grown in place: commands on one stream take turns, so no other command is using it.
      commandIds = cached.commandIds;
    } else if (policy !== undefined && environment.snapshots !== undefined) {
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
        const id = recorded.metadata.commandId;
        if (id === commandId) earlier.push({ recorded, event: event.right });
        if (commandIds !== undefined && id !== undefined) {
          commandIds.add(id);
          if (commandIds.size > MAX_REMEMBERED_IDS) commandIds = undefined;
        }
      }
      from = page.right.next;
    }
    return E.right({ state, revision, snapshotRevision, earlier, commandIds });
  }

  /** Writes a snapshot when the policy's interval has passed; returns the revision of the latest snapshot. */
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
  ): Promise<bigint | undefined> {
    const policy = aggregate.snapshot;
    if (policy === undefined || environment.snapshots === undefined) return snapshotRevision;
    const since = snapshotRevision === undefined ? revision + 1n : revision - snapshotRevision;
    if (since < BigInt(policy.every)) return snapshotRevision;
    // A failed snapshot write costs a longer load next time, never a wrong state: it is not the command's error.
    const written = await environment.snapshots.writeSnapshot({
      streamName,
      streamRevision: revision,
      version: policy.version,
      state: policy.codec.encode(state) as never,
    })();
    return E.isRight(written) ? revision : snapshotRevision;
  }
};

/** The ids with one more (the same set), or `undefined` (not all known) once there are too many to keep. */
const withId = (ids: Set<string> | undefined, id: string): Set<string> | undefined => {
  if (ids === undefined || ids.size >= MAX_REMEMBERED_IDS) return undefined;
  ids.add(id);
  return ids;
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
