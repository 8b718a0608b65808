/**
 * The projection runner's behaviour, run against every store that holds read models (memory, PGlite, a
 * PostgreSQL server): catch-up, resume from the checkpoint, live events, rebuild beside the live read model,
 * one owner per projection, fencing of a second owner, failures, lag.
 */
import type { EventStore, JsonValue, LeaseManager, ReadModelStore } from '@adal/core';
import { documentProjection } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { ProjectionRunner, ProjectionRunnerOptions, RunnerEvent } from '../../src/index.js';
import { createProjectionRunner } from '../../src/index.js';
import {
  projectedDocuments,
  seed,
  storedDocuments,
  tallySummary,
  tallyV1,
  tallyV2,
} from '../fixtures/tallyProjection.js';

export interface RunnerStores {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly leases: LeaseManager;
  readonly teardown: () => Promise<void>;
}

interface TestApi {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: () => Promise<void>, timeout?: number) => void;
  readonly expect: typeof import('vitest').expect;
}

const ok = <A, B>(result: E.Either<A, B>): B => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

export const describeRunnerSuite = (
  { describe, it, expect }: TestApi,
  name: string,
  openStores: () => Promise<RunnerStores>,
): void => {
  // Every runner a test made is stopped before its stores close, also when the test failed.
  const running = new Set<ProjectionRunner>();
  const open = async (): Promise<RunnerStores> => {
    const stores = await openStores();
    return {
      ...stores,
      teardown: async () => {
        await Promise.all([...running].map((runner) => runner.stop()));
        running.clear();
        await stores.teardown();
      },
    };
  };
  const runnerOn = (
    stores: RunnerStores,
    options: Partial<ProjectionRunnerOptions> & { readonly sharedLeases?: boolean } = {},
  ): ProjectionRunner => {
    const runner = createProjectionRunner({
      store: stores.store,
      readModels: stores.readModels,
      ...(options.sharedLeases === false ? {} : { leases: stores.leases }),
      projections: [tallyV1],
      batchSize: 7,
      flushAfterMs: 5,
      leaseRetryMs: 50,
      ...options,
    });
    running.add(runner);
    return runner;
  };

  describe(`projection runner on ${name}`, () => {
    it('applies every stored event, then live ones, in batches committed with the checkpoint', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 12, 3);
        const runner = runnerOn(stores);
        await runner.start();
        ok(await runner.waitUntilCaughtUp());
        expect(await storedDocuments(stores.readModels)).toEqual(await projectedDocuments(stores.store));

        await seed(stores.store, 3, 1, 'live');
        ok(await runner.waitUntilCaughtUp());
        expect(await storedDocuments(stores.readModels)).toEqual(await projectedDocuments(stores.store));
        const [status] = await runner.status();
        expect(status?.state).toBe('running');
        expect(status?.generations).toHaveLength(1);
        // Each event applied once: 12 × 4 + 3 × 2.
        expect(status?.generations[0]?.eventsHandled).toBe(54);
        expect(status?.generations[0]?.eventsBehind).toBe(0);
        await runner.stop();
        expect((await runner.status())[0]?.state).toBe('stopped');
      } finally {
        await stores.teardown();
      }
    });

    it('resumes after a restart from its checkpoint, applying nothing twice', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 5, 2);
        const first = runnerOn(stores);
        await first.start();
        ok(await first.waitUntilCaughtUp());
        await first.stop();

        await seed(stores.store, 4, 2, 'after');
        const second = runnerOn(stores);
        const before = (await second.status())[0]?.generations[0];
        expect(before?.eventsHandled).toBe(15);
        expect(before?.eventsBehind).toBe(12);
        await second.start();
        ok(await second.waitUntilCaughtUp());
        expect(await storedDocuments(stores.readModels)).toEqual(await projectedDocuments(stores.store));
        expect((await second.status())[0]?.generations[0]?.eventsHandled).toBe(27);
        await second.stop();
      } finally {
        await stores.teardown();
      }
    });

    it('reports lag in events and seconds before it runs', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 3, 1);
        const later = () => new Date(Date.now() + 90_000);
        const runner = runnerOn(stores, { clock: later });
        await runner.start();
        await runner.stop();
        // Started then stopped at once: it may have applied some; lag is what is left.
        const [status] = await runner.status();
        const generation = status?.generations[0];
        expect((generation?.eventsHandled ?? 0) + (generation?.eventsBehind ?? 0)).toBe(6);
        const idle = runnerOn(stores, { clock: later });
        await idle.start();
        ok(await idle.waitUntilCaughtUp());
        const [caughtUp] = await idle.status();
        expect(caughtUp?.generations[0]?.eventsBehind).toBe(0);
        expect(caughtUp?.generations[0]?.secondsBehind).toBe(0);
        await idle.stop();
        await seed(stores.store, 1, 0, 'late');
        const [behind] = await idle.status();
        expect(behind?.generations[0]?.eventsBehind).toBe(1);
        // The late event was recorded now; the clock says 90 s later.
        expect(behind?.generations[0]?.secondsBehind).toBeGreaterThan(80);
      } finally {
        await stores.teardown();
      }
    });

    it('rebuilds a new version beside the live read model, which serves until the new one takes over', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 20, 2);
        const v1 = runnerOn(stores);
        await v1.start();
        ok(await v1.waitUntilCaughtUp());
        await v1.stop();
        const v1Documents = await storedDocuments(stores.readModels);

        // During the rebuild, each commit of the building generation checks what queries see: version 1.
        const seenDuringRebuild: Promise<JsonValue | undefined>[] = [];
        const events: RunnerEvent[] = [];
        const v2 = runnerOn(stores, {
          projections: [tallyV2],
          onEvent: (event) => {
            events.push(event);
            if (event._tag === 'Committed' && event.status === 'building') {
              seenDuringRebuild.push(
                stores.readModels
                  .getDocument('tally-summary', 'report-KZ-71-s0')()
                  .then((found) =>
                    E.isRight(found) && O.isSome(found.right) ? found.right.value : undefined,
                  ),
              );
            }
          },
        });
        await v2.start();
        const promoted = await waitFor(() => events.some((event) => event._tag === 'Promoted'), 20_000);
        expect(promoted).toBe(true);
        expect(seenDuringRebuild.length).toBeGreaterThan(1);
        for (const seen of await Promise.all(seenDuringRebuild)) {
          expect(seen).toEqual(v1Documents.get('report-KZ-71-s0'));
        }
        ok(await v2.waitUntilCaughtUp());
        expect(await storedDocuments(stores.readModels)).toEqual(
          await projectedDocuments(stores.store, tallyV2),
        );
        const [status] = await v2.status();
        expect(status?.generations.map((g) => [g.version, g.status])).toEqual([[2, 'live']]);
        expect(status?.generations[0]?.eventsHandled).toBe(60);

        // A rebuild on demand (same version) reports progress and ends live with the same documents.
        const rebuilt = ok(await v2.rebuild('tally-summary'));
        ok(await rebuilt.done);
        expect(await storedDocuments(stores.readModels)).toEqual(
          await projectedDocuments(stores.store, tallyV2),
        );
        expect((await v2.status())[0]?.generations.map((g) => g.generation)).toEqual([rebuilt.generation]);
        await v2.stop();
      } finally {
        await stores.teardown();
      }
    });

    it('lets one runner own a projection; the other takes over when the owner stops', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 6, 2);
        const a = runnerOn(stores);
        const b = runnerOn(stores);
        await a.start();
        await b.start();
        ok(await a.waitUntilCaughtUp());
        expect((await a.status())[0]?.state).toBe('running');
        expect((await b.status())[0]?.state).toBe('standby');

        await a.stop();
        await seed(stores.store, 2, 2, 'after');
        expect(await waitFor(async () => (await b.status())[0]?.state === 'running', 10_000)).toBe(true);
        ok(await b.waitUntilCaughtUp());
        expect(await storedDocuments(stores.readModels)).toEqual(await projectedDocuments(stores.store));
        expect((await b.status())[0]?.generations[0]?.eventsHandled).toBe(24);
        await b.stop();
      } finally {
        await stores.teardown();
      }
    });

    it('never applies an event twice even when two runners ignore each other (the checkpoint fences them)', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 15, 3);
        // No shared lease manager: each runner believes it owns the projection.
        // Different batch sizes, so the two do not move in lockstep (which would hide a double application).
        const a = runnerOn(stores, { sharedLeases: false, batchSize: 7 });
        const b = runnerOn(stores, { sharedLeases: false, batchSize: 5 });
        await a.start();
        ok(await a.waitUntilCaughtUp());
        // B finds A's live generation and runs it too; both then see the same new events.
        await b.start();
        await seed(stores.store, 5, 3, 'during');
        ok(await waitUntil(a, b));
        expect(await storedDocuments(stores.readModels)).toEqual(await projectedDocuments(stores.store));
        // What the store holds, read by a runner that is not running.
        const handled = (await runnerOn(stores).status())[0]?.generations[0]?.eventsHandled;
        expect(handled).toBe(80);
        await Promise.all([a.stop(), b.stop()]);
      } finally {
        await stores.teardown();
      }
    });

    it('stops a projection that cannot apply an event, naming it, and keeps its checkpoint before it', async () => {
      const stores = await open();
      try {
        await seed(stores.store, 3, 0);
        await seed(stores.store, 1, 0, 'poison');
        const broken = documentProjection({
          ...tallySummary((text) => text),
          version: 1,
          evolve: (doc, event) => {
            if (event.type === 'Submitted' && (event.data as { title: string }).title.includes('poison')) {
              throw new Error('cannot handle poison');
            }
            return { title: 'x', notes: doc?.notes ?? 0, answered: false };
          },
        });
        const runner = runnerOn(stores, { projections: [broken] });
        await runner.start();
        const result = await runner.waitUntilCaughtUp({ timeoutMs: 10_000 });
        expect(E.isLeft(result) && result.left._tag).toBe('ProjectionFailed');
        const [status] = await runner.status();
        expect(status?.state).toBe('failed');
        expect(status?.error).toMatch(/report-KZ-71-poison0.*cannot handle poison/);
        expect(status?.generations[0]?.eventsHandled).toBe(0);
        expect(status?.generations[0]?.eventsBehind).toBe(4);
        await runner.stop();
      } finally {
        await stores.teardown();
      }
    });
  });

  const waitUntil = async (a: ProjectionRunner, b: ProjectionRunner) => {
    const first = await a.waitUntilCaughtUp();
    if (E.isLeft(first)) return first;
    return b.waitUntilCaughtUp();
  };
};

export const waitFor = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
};
