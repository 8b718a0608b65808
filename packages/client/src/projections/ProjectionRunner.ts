import type {
  AllFilter,
  AnyProjection,
  DocumentChange,
  EventStore,
  GlobalPosition,
  JsonValue,
  Lease,
  LeaseManager,
  ProjectionFailed,
  ProjectionGeneration,
  ReadModelStore,
  RecordedEvent,
  Subscription,
} from '@adal/core';
import { applyToDocuments, decodeForProjection, encodeChanges, projectionFilter } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';

/**
 * Options of a projection runner.
 *
 * @category projections
 * @since 0.1.0
 */
export interface ProjectionRunnerOptions {
  /** Where the events come from. */
  readonly store: Pick<EventStore, 'subscribeToAll' | 'readAll' | 'countAll'>;
  /** Where the documents and checkpoints go (the same PostgreSQL store, for one transaction per batch). */
  readonly readModels: ReadModelStore;
  /**
   * Who owns each projection when several portal instances share the store. Without it, the runner only
   * keeps its own projections apart (fine for one process; give the PostgreSQL store for several).
   */
  readonly leases?: LeaseManager;
  readonly projections: readonly AnyProjection[];
  /** Events applied per commit (one transaction); 500 by default. */
  readonly batchSize?: number;
  /** How long a partial batch waits for more events before it is committed; 50 ms by default. */
  readonly flushAfterMs?: number;
  /** How often a runner without a projection's lease tries to take it; 1 s by default. */
  readonly leaseRetryMs?: number;
  readonly clock?: () => Date;
  /** Told of each commit, failure and change of owner: for logs and progress bars. */
  readonly onEvent?: (event: RunnerEvent) => void;
}

/**
 * What a runner reports as it works.
 *
 * @category projections
 * @since 0.1.0
 */
export type RunnerEvent =
  | {
      readonly _tag: 'Committed';
      readonly name: string;
      readonly generation: number;
      readonly status: 'live' | 'building';
      readonly eventsHandled: number;
      readonly batch: number;
    }
  | { readonly _tag: 'Promoted'; readonly name: string; readonly generation: number }
  | { readonly _tag: 'LeaseTaken'; readonly name: string }
  | { readonly _tag: 'LeaseLost'; readonly name: string }
  | { readonly _tag: 'Failed'; readonly name: string; readonly generation: number; readonly message: string }
  | {
      readonly _tag: 'Retrying';
      readonly name: string;
      readonly generation: number;
      readonly message: string;
    };

/**
 * Where one generation of a projection stands, as {@link ProjectionRunner.status} reports it.
 *
 * @category projections
 * @since 0.1.0
 */
export interface GenerationStatus {
  readonly generation: number;
  readonly version: number;
  readonly status: 'live' | 'building';
  readonly position: GlobalPosition | undefined;
  readonly eventsHandled: number;
  /** Events of the projection's sources committed after its checkpoint (a lower bound when `exact` is false). */
  readonly eventsBehind: number;
  readonly exact: boolean;
  /** How long the oldest event not yet applied has been waiting, in seconds (0 when none). */
  readonly secondsBehind: number;
  /** For a building generation: the share done, from 0 to 100. */
  readonly percent: number;
}

/**
 * A projection as one runner sees it: `running` (this runner owns it), `standby` (another instance owns
 * it), `failed` (it stopped on an event it cannot apply; see `error`) or `stopped`.
 *
 * @category projections
 * @since 0.1.0
 */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly state: 'running' | 'standby' | 'failed' | 'stopped';
  readonly error?: string;
  readonly generations: readonly GenerationStatus[];
}

/**
 * Why a runner call could not be done.
 *
 * @category projections
 * @since 0.1.0
 */
export type RunnerError =
  | { readonly _tag: 'UnknownProjection'; readonly name: string; readonly message: string }
  | { readonly _tag: 'NotOwner'; readonly name: string; readonly message: string }
  | { readonly _tag: 'ProjectionFailed'; readonly name: string; readonly message: string }
  | { readonly _tag: 'Timeout'; readonly message: string }
  | { readonly _tag: 'StoreUnavailable'; readonly message: string };

/**
 * Runs projections: each over `subscribeToAll` from its checkpoint, applying events in batches whose
 * documents and checkpoint are committed together, so a crash never applies an event twice or loses one.
 *
 * @category projections
 * @since 0.1.0
 */
export interface ProjectionRunner {
  /** Starts working: takes the projections' leases it can and runs them; retries the others. */
  readonly start: () => Promise<void>;
  /** Stops every subscription, commits nothing more, releases the leases. */
  readonly stop: () => Promise<void>;
  /** Each projection's state, generations, lag and rebuild progress. */
  readonly status: () => Promise<readonly ProjectionStatus[]>;
  /**
   * Rebuilds a projection from the start into a new generation, beside the live one (which keeps serving
   * queries and keeps up with new events); when the new one has caught up it replaces the old in one step.
   * Only the owner can rebuild. `done` resolves when the new generation is live.
   */
  readonly rebuild: (
    name: string,
  ) => Promise<
    E.Either<
      RunnerError,
      { readonly generation: number; readonly done: Promise<E.Either<RunnerError, void>> }
    >
  >;
  /**
   * Resolves when every projection this runner owns has applied (and committed) every event of its sources
   * committed before the call; `Left` on a failed projection or after `timeoutMs` (30 s by default).
   */
  readonly waitUntilCaughtUp: (options?: {
    readonly timeoutMs?: number;
    readonly names?: readonly string[];
  }) => Promise<E.Either<RunnerError, void>>;
}

const LEASE_PREFIX = 'adal-projection:';

/**
 * Creates a projection runner.
 *
 * @example
 * import { createProjectionRunner } from '@adal/client';
 * // const runner = createProjectionRunner({ store, readModels: store, leases: store, projections: [CASE_STATISTICS] });
 * // await runner.start(); ... await runner.stop();
 *
 * @category projections
 * @since 0.1.0
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const batchSize = options.batchSize ?? 500;
  const flushAfterMs = options.flushAfterMs ?? 50;
  const leaseRetryMs = options.leaseRetryMs ?? 1000;
  const clock = options.clock ?? (() => new Date());
  const leases = options.leases ?? localLeases();
  const emit = (event: RunnerEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure is not the runner's.
    }
  };
  const byName = new Map<string, AnyProjection>();
  for (const projection of options.projections) {
    if (byName.has(projection.name)) throw new Error(`projection ${projection.name} is given twice`);
    byName.set(projection.name, projection);
  }

  interface Owned {
    lease: Lease;
    workers: Map<number, Worker>;
    /** False from taking the lease until the workers are started: a projection then is not caught up yet. */
    started: boolean;
    rebuildDone?: (result: E.Either<RunnerError, void>) => void;
  }
  const owned = new Map<string, Owned>();
  const failures = new Map<string, string>();
  let running = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const ownAll = async () => {
    for (const projection of byName.values()) {
      if (!running) return;
      if (owned.has(projection.name) || failures.has(projection.name)) continue;
      const taken = await leases.tryAcquire(`${LEASE_PREFIX}${projection.name}`)();
      if (E.isLeft(taken) || O.isNone(taken.right)) continue;
      if (!running) {
        await taken.right.value.release();
        return;
      }
      const lease = taken.right.value;
      const entry: Owned = { lease, workers: new Map(), started: false };
      owned.set(projection.name, entry);
      emit({ _tag: 'LeaseTaken', name: projection.name });
      void lease.lost.then(async () => {
        if (owned.get(projection.name) !== entry) return;
        emit({ _tag: 'LeaseLost', name: projection.name });
        await disown(projection.name);
      });
      const started = await startOwned(projection, entry);
      if (E.isLeft(started)) await fail(projection.name, started.left);
      else entry.started = true;
    }
  };

  const scheduleRetry = () => {
    if (!running) return;
    retryTimer = setTimeout(() => {
      void ownAll().finally(scheduleRetry);
    }, leaseRetryMs);
  };

  const disown = async (name: string) => {
    const entry = owned.get(name);
    if (entry === undefined) return;
    owned.delete(name);
    await Promise.all([...entry.workers.values()].map((worker) => worker.stop()));
    await entry.lease.release();
  };

  const fail = async (name: string, message: string) => {
    failures.set(name, message);
    await disown(name);
  };

  /** Reads the projection's generations and starts a worker on each it should run. */
  const startOwned = async (projection: AnyProjection, entry: Owned): Promise<E.Either<string, void>> => {
    const listed = await options.readModels.listGenerations()();
    if (E.isLeft(listed)) return E.left(listed.left.message);
    const mine = listed.right.filter((g) => g.name === projection.name);
    let live = mine.find((g) => g.status === 'live');
    let building = mine.find((g) => g.status === 'building');
    if (live !== undefined && live.version > projection.version) {
      return E.left(
        `projection ${projection.name}: the stored read model was built by version ${live.version}, newer than this code's ${projection.version}`,
      );
    }
    if (live === undefined) {
      const started = await options.readModels.startGeneration(projection.name, projection.version)();
      if (E.isLeft(started)) return E.left(started.left.message);
      live = started.right;
      building = undefined;
    } else if (live.version !== projection.version && building?.version !== projection.version) {
      // The code's reducer changed: rebuild beside the old read model, which serves until then.
      const started = await options.readModels.startGeneration(projection.name, projection.version)();
      if (E.isLeft(started)) return E.left(started.left.message);
      building = started.right;
    }
    if (live.version === projection.version || building === undefined) {
      startWorker(projection, entry, live);
    }
    if (building !== undefined) startWorker(projection, entry, building);
    return E.right(undefined);
  };

  const startWorker = (projection: AnyProjection, entry: Owned, generation: ProjectionGeneration) => {
    const worker = createWorker({
      projection,
      generation,
      store: options.store,
      readModels: options.readModels,
      batchSize,
      flushAfterMs,
      emit,
      onFailed: (message) => {
        emit({ _tag: 'Failed', name: projection.name, generation: generation.generation, message });
        entry.rebuildDone?.(E.left({ _tag: 'ProjectionFailed', name: projection.name, message }));
        void fail(projection.name, message);
      },
      onConflict: (message) => {
        if (owned.get(projection.name) !== entry) return;
        emit({ _tag: 'LeaseLost', name: projection.name });
        emit({ _tag: 'Retrying', name: projection.name, generation: generation.generation, message });
        void disown(projection.name);
      },
      onCaughtUp: async (worker) => {
        if (worker.status !== 'building' || owned.get(projection.name) !== entry) return;
        // The old generation's worker stops first, so none of its commits lands on a retired generation.
        for (const [number, other] of entry.workers) {
          if (number !== worker.generation) {
            entry.workers.delete(number);
            await other.stop();
          }
        }
        const promoted = await options.readModels.promote(projection.name, worker.generation)();
        if (E.isLeft(promoted)) throw new Error(promoted.left.message);
        worker.status = 'live';
        emit({ _tag: 'Promoted', name: projection.name, generation: worker.generation });
        entry.rebuildDone?.(E.right(undefined));
        delete entry.rebuildDone;
      },
    });
    entry.workers.set(generation.generation, worker);
    worker.start();
  };

  const statusOf = async (projection: AnyProjection): Promise<ProjectionStatus> => {
    const entry = owned.get(projection.name);
    const failure = failures.get(projection.name);
    const state =
      failure !== undefined ? 'failed' : entry !== undefined ? 'running' : running ? 'standby' : 'stopped';
    const listed = await options.readModels.listGenerations()();
    const generations = E.isRight(listed) ? listed.right.filter((g) => g.name === projection.name) : [];
    const filter = projectionFilter(projection);
    const now = clock().getTime();
    const described = await Promise.all(
      generations.map(async (g): Promise<GenerationStatus> => {
        const worker = entry?.workers.get(g.generation);
        const position = worker?.position ?? g.position;
        const eventsHandled = worker?.eventsHandled ?? g.eventsHandled;
        const behind = await countBehind(options.store, position, filter);
        const next = await options.store.readAll({
          ...(position === undefined ? {} : { after: position }),
          filter,
          max: 1,
        })();
        const oldest = E.isRight(next) ? next.right.events[0] : undefined;
        const total = eventsHandled + behind.count;
        return {
          generation: g.generation,
          version: g.version,
          status: worker?.status ?? g.status,
          position,
          eventsHandled,
          eventsBehind: behind.count,
          exact: behind.exact,
          secondsBehind: oldest === undefined ? 0 : Math.max(0, (now - oldest.recordedAt.getTime()) / 1000),
          percent: total === 0 ? 100 : Math.floor((eventsHandled / total) * 1000) / 10,
        };
      }),
    );
    return {
      name: projection.name,
      version: projection.version,
      state,
      ...(failure === undefined ? {} : { error: failure }),
      generations: described,
    };
  };

  return {
    start: async () => {
      if (running) return;
      running = true;
      await ownAll();
      scheduleRetry();
    },
    stop: async () => {
      running = false;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      await Promise.all([...owned.keys()].map((name) => disown(name)));
    },
    status: () => Promise.all([...byName.values()].map(statusOf)),
    rebuild: async (name) => {
      const projection = byName.get(name);
      if (projection === undefined) return E.left(unknownProjection(name));
      const entry = owned.get(name);
      if (entry === undefined) {
        return E.left({
          _tag: 'NotOwner',
          name,
          message: `projection ${name} is run by another instance (or this runner is not started): rebuild it there`,
        });
      }
      for (const [number, worker] of entry.workers) {
        if (worker.status === 'building') {
          entry.workers.delete(number);
          await worker.stop();
        }
      }
      entry.rebuildDone?.(
        E.left({ _tag: 'ProjectionFailed', name, message: `the rebuild of ${name} was started again` }),
      );
      const started = await options.readModels.startGeneration(name, projection.version)();
      if (E.isLeft(started)) return E.left({ _tag: 'StoreUnavailable', message: started.left.message });
      const done = new Promise<E.Either<RunnerError, void>>((resolve) => {
        entry.rebuildDone = resolve;
      });
      startWorker(projection, entry, started.right);
      return E.right({ generation: started.right.generation, done });
    },
    waitUntilCaughtUp: async (waitOptions = {}) => {
      const names = waitOptions.names ?? [...byName.keys()];
      for (const name of names) if (!byName.has(name)) return E.left(unknownProjection(name));
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 30_000);
      for (;;) {
        let pending = false;
        for (const name of names) {
          const failure = failures.get(name);
          if (failure !== undefined) return E.left({ _tag: 'ProjectionFailed', name, message: failure });
          const entry = owned.get(name);
          const projection = byName.get(name);
          if (entry === undefined || projection === undefined) continue;
          // Just taken over: its workers are being started, and will read from its checkpoint.
          if (!entry.started) {
            pending = true;
            continue;
          }
          for (const worker of entry.workers.values()) {
            if (worker.status !== 'live') continue;
            const next = await options.store.readAll({
              ...(worker.position === undefined ? {} : { after: worker.position }),
              filter: projectionFilter(projection),
              max: 1,
            })();
            if (E.isLeft(next)) return E.left({ _tag: 'StoreUnavailable', message: next.left.message });
            if (next.right.events.length > 0) pending = true;
          }
        }
        if (!pending) return E.right(undefined);
        if (Date.now() > deadline) {
          return E.left({
            _tag: 'Timeout',
            message: `the projections ${names.join(', ')} did not catch up in time`,
          });
        }
        await sleep(10);
      }
    },
  };
};

const unknownProjection = (name: string): RunnerError => ({
  _tag: 'UnknownProjection',
  name,
  message: `no projection named ${JSON.stringify(name)} is given to this runner`,
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How many events of a filter lie after a position: counted by the store when it can, else paged up to a cap. */
const countBehind = async (
  store: ProjectionRunnerOptions['store'],
  after: GlobalPosition | undefined,
  filter: AllFilter,
): Promise<{ count: number; exact: boolean }> => {
  const options = { ...(after === undefined ? {} : { after }), filter };
  if (store.countAll !== undefined) {
    const counted = await store.countAll(options)();
    if (E.isRight(counted)) return { count: counted.right, exact: true };
  }
  let count = 0;
  let cursor = after;
  while (count < 100_000) {
    const page = await store.readAll({
      ...(cursor === undefined ? {} : { after: cursor }),
      filter,
      max: 10_000,
    })();
    if (E.isLeft(page)) return { count, exact: false };
    count += page.right.events.length;
    if (page.right.isEnd || page.right.next === undefined) return { count, exact: true };
    cursor = page.right.next;
  }
  return { count, exact: false };
};

/** Leases of one runner, when no lease manager is given. */
const localLeases = (): LeaseManager => {
  const held = new Set<string>();
  return {
    tryAcquire: (key) => () => {
      if (held.has(key)) return Promise.resolve(E.right(O.none));
      held.add(key);
      return Promise.resolve(
        E.right(
          O.some<Lease>({
            key,
            lost: new Promise<void>(() => undefined),
            release: () => {
              held.delete(key);
              return Promise.resolve();
            },
          }),
        ),
      );
    },
  };
};

interface Worker {
  readonly generation: number;
  status: 'live' | 'building';
  position: GlobalPosition | undefined;
  eventsHandled: number;
  readonly start: () => void;
  readonly stop: () => Promise<void>;
}

interface WorkerOptions {
  readonly projection: AnyProjection;
  readonly generation: ProjectionGeneration;
  readonly store: ProjectionRunnerOptions['store'];
  readonly readModels: ReadModelStore;
  readonly batchSize: number;
  readonly flushAfterMs: number;
  readonly emit: (event: RunnerEvent) => void;
  readonly onFailed: (message: string) => void;
  readonly onConflict: (message: string) => void;
  readonly onCaughtUp: (worker: Worker) => Promise<void>;
}

/**
 * Runs one generation of one projection: buffers the subscription's events, and commits each batch's
 * document changes with the checkpoint. A commit that fails on the store is retried from the committed
 * checkpoint (the batch is dropped and read again); an event the projection cannot apply stops it.
 */
const createWorker = (options: WorkerOptions): Worker => {
  const { projection, readModels, batchSize } = options;
  const filter = projectionFilter(projection);
  let subscription: Subscription | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { recorded: RecordedEvent; event: unknown }[] = [];
  // Where the subscription has read to (past events filtered out), beyond the last pending event.
  let readTo: GlobalPosition | undefined;
  let lock: Promise<unknown> = Promise.resolve();
  let failures = 0;

  const worker: Worker = {
    generation: options.generation.generation,
    status: options.generation.status,
    position: options.generation.position,
    eventsHandled: options.generation.eventsHandled,
    start: () => subscribe(),
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      const current = subscription;
      subscription = undefined;
      await current?.stop();
      await lock;
    },
  };

  const exclusive = <A>(body: () => Promise<A>): Promise<A> => {
    const result = lock.then(body);
    lock = result.catch(() => undefined);
    return result;
  };

  const subscribe = () => {
    if (stopped) return;
    pending = [];
    readTo = worker.position;
    const current = options.store.subscribeToAll(
      {
        ...(worker.position === undefined ? {} : { after: worker.position }),
        filter,
        onCaughtUp: (position) => {
          exclusive(async () => {
            if (stopped || subscription !== current) return;
            if (position !== undefined && (readTo === undefined || position > readTo)) readTo = position;
            await flush();
            if (!stopped && pending.length === 0 && worker.position === readTo)
              await options.onCaughtUp(worker);
          }).catch((error: unknown) => recover(current, error));
        },
      },
      (recorded) =>
        exclusive(async () => {
          if (stopped || subscription !== current) return;
          const decoded = decodeForProjection(projection, recorded);
          if (E.isLeft(decoded)) throw new WorkerFailure(decoded.left.message);
          if (decoded.right !== undefined) pending.push({ recorded, event: decoded.right });
          readTo = recorded.globalPosition;
          if (pending.length >= batchSize) await flush();
          else if (timer === undefined) {
            timer = setTimeout(() => {
              timer = undefined;
              exclusive(async () => {
                if (!stopped && subscription === current) await flush();
              }).catch((error: unknown) => recover(current, error));
            }, options.flushAfterMs);
          }
        }),
    );
    subscription = current;
    void current.ended.then((end) => {
      if (end._tag === 'Stopped') return;
      recover(current, end._tag === 'StoreFailed' ? new Error(end.error.message) : end.cause);
    });
  };

  /**
   * After a failed read, commit or handler call: drops what is pending and subscribes again from the
   * committed checkpoint (after a pause growing with each failure), or stops the projection for good on a
   * failure retrying cannot cure. Runs once per subscription, whichever path saw the failure first.
   */
  const recover = (failed: Subscription, error: unknown) => {
    if (stopped || subscription !== failed) return;
    subscription = undefined;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    void (async () => {
      await failed.stop();
      await lock;
      if (error instanceof CheckpointConflict) {
        stopped = true;
        options.onConflict(error.message);
        return;
      }
      if (error instanceof WorkerFailure) {
        stopped = true;
        options.onFailed(error.message);
        return;
      }
      failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      options.emit({ _tag: 'Retrying', name: projection.name, generation: worker.generation, message });
      await sleep(Math.min(10_000, 100 * 2 ** Math.min(failures, 7)));
      subscribe();
    })();
  };

  /** Commits what is pending (documents + checkpoint in one step). Throws to end the subscription on failure. */
  const flush = async (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (stopped || readTo === undefined || readTo === worker.position) return;
    const batch = pending;
    const ids = new Set<string>();
    for (const { recorded, event } of batch) {
      for (const id of projection.reads(event as never, recorded)) ids.add(id);
    }
    const loaded =
      ids.size === 0
        ? E.right(new Map<string, JsonValue>())
        : await readModels.loadDocuments(projection.name, worker.generation, [...ids])();
    if (E.isLeft(loaded)) throw new Error(loaded.left.message);
    const documents = new Map<string, unknown>();
    for (const [id, json] of loaded.right) {
      const decoded = projection.document.decode(json);
      if (E.isLeft(decoded))
        throw new WorkerFailure(`projection ${projection.name}: stored document ${id} does not decode`);
      documents.set(id, decoded.right);
    }
    const changed = new Map<string, DocumentChange<unknown>>();
    for (const { recorded, event } of batch) {
      const applied = applyToDocuments(projection, event as never, recorded, documents as Map<string, never>);
      if (E.isLeft(applied)) throw new WorkerFailure((applied.left as ProjectionFailed).message);
      for (const change of applied.right as readonly DocumentChange<unknown>[])
        changed.set(change.id, change);
    }
    const encoded = encodeChanges(projection, changed.values());
    if (E.isLeft(encoded)) throw new WorkerFailure(encoded.left);
    const position = readTo;
    const eventsHandled = worker.eventsHandled + batch.length;
    const committed = await readModels.commit({
      name: projection.name,
      generation: worker.generation,
      expected: worker.position,
      position,
      eventsHandled,
      changes: encoded.right,
    })();
    if (E.isLeft(committed)) {
      if (committed.left._tag === 'CheckpointMoved') throw new CheckpointConflict(committed.left.message);
      throw new Error(committed.left.message);
    }
    pending = [];
    worker.position = position;
    worker.eventsHandled = eventsHandled;
    failures = 0;
    options.emit({
      _tag: 'Committed',
      name: projection.name,
      generation: worker.generation,
      status: worker.status,
      eventsHandled,
      batch: batch.length,
    });
  };

  return worker;
};

/** A failure that retrying cannot cure: the projection stops. */
class WorkerFailure extends Error {}

/** The checkpoint moved under this runner: another instance applies these events now. */
class CheckpointConflict extends Error {}
