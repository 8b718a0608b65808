/**
 * The projection runner across processes on a real PostgreSQL server:
 *
 * - Crash between event and checkpoint: a runner process is killed (SIGKILL) at random points while it
 *   applies batches, round after round, with new events appended between rounds; a runner started
 *   afterwards finishes the work. Its documents must equal the pure projection of every event (each event
 *   applied exactly once: the tally's note counts would show a double or a missing one), its checkpoint
 *   must count every event once, and a rebuild from scratch must give identical documents.
 * - One owner: two runner processes share the projection; only one holds the lease (an advisory lock);
 *   killing it moves the work to the other, which carries on from the checkpoint while events keep coming.
 *
 * Rounds: 6 by default; `ADAL_RUNNER_CRASH_ROUNDS=<n>` runs n.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostgresEventStore } from '@adal/adapters/postgres';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProjectionRunner } from '../../src/index.js';
import { projectedDocuments, seed, storedDocuments, tallyV1 } from '../fixtures/tallyProjection.js';
import type { TestServer } from '../support/postgresStores.js';
import { openPoolStore, startServer } from '../support/postgresStores.js';
import type { RunnerChildConfig, RunnerChildLine } from './support/runnerChild.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..', '..');
const childScript = join(here, 'support', 'runnerChild.ts');
const requested = Number.parseInt(process.env.ADAL_RUNNER_CRASH_ROUNDS ?? '', 10);
const ROUNDS = Number.isInteger(requested) && requested > 0 ? requested : 6;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ poolMax: 10 });
}, 120_000);

afterAll(() => server.stop(), 60_000);

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: RunnerChildLine[];
  readonly waitFor: (test: (line: RunnerChildLine) => boolean, timeoutMs: number) => Promise<boolean>;
  readonly kill: () => Promise<void>;
}

const startChild = (config: RunnerChildConfig): Child => {
  const child = spawn(
    process.execPath,
    ['--conditions=@adal/source', '--import', 'tsx', childScript, JSON.stringify(config)],
    { cwd: packageDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin.end();
  const lines: RunnerChildLine[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      lines.push(JSON.parse(buffered.slice(0, newline)) as RunnerChildLine);
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
    for (const wake of waiters) wake();
  });
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    lines,
    waitFor: (test, timeoutMs) =>
      new Promise((resolve) => {
        const check = () => {
          if (lines.some(test)) finish(true);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        function finish(found: boolean) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        }
        waiters.add(check);
        check();
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
};

/** A store on a fresh schema, polling often: the children's commits show up quickly. */
const openStore = () => openPoolStore(server.pool, { pollIntervalMs: 50 });

const storedHandled = async (store: PostgresEventStore): Promise<number | undefined> => {
  const listed = await store.listGenerations()();
  return E.isRight(listed) ? listed.right.find((g) => g.status === 'live')?.eventsHandled : undefined;
};

const countEvents = async (store: PostgresEventStore): Promise<number> => {
  const counted = await (store.countAll ?? (() => () => Promise.resolve(E.right(-1))))({})();
  if (E.isLeft(counted)) throw new Error(counted.left.message);
  return counted.right;
};

describe('projection runner processes on PostgreSQL', () => {
  it(`survives ${ROUNDS} kills mid-batch: restarted, it equals a rebuild from scratch`, async () => {
    const { store, schema, teardown } = await openStore();
    try {
      await seed(store, 150, 12, 'r0-');
      let killedMidWork = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const batchSize = 20 + Math.floor(Math.random() * 180);
        const child = startChild({ url: server.postgres.url, schema, batchSize });
        const commitsBeforeKill = 1 + Math.floor(Math.random() * 4);
        const committed = await child.waitFor(
          () => child.lines.filter((line) => line.t === 'commit').length >= commitsBeforeKill,
          30_000,
        );
        // Killed a few milliseconds after a commit: often inside the next batch's statement.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
        await child.kill();
        expect(child.lines.filter((line) => line.t === 'failed')).toEqual([]);
        const handled = (await storedHandled(store)) ?? 0;
        if (committed && handled < (await countEvents(store))) killedMidWork += 1;
        // New events between rounds, so later rounds start with work at both ends.
        await seed(store, 10, 3, `r${round}-`);
      }
      expect(killedMidWork).toBeGreaterThan(0);

      const runner = createProjectionRunner({
        store,
        readModels: store,
        leases: store,
        projections: [tallyV1],
      });
      await runner.start();
      expect(E.isRight(await runner.waitUntilCaughtUp({ timeoutMs: 60_000 }))).toBe(true);
      const afterCrashes = await storedDocuments(store, tallyV1.name);
      expect(afterCrashes).toEqual(await projectedDocuments(store, tallyV1));
      expect(await storedHandled(store)).toBe(await countEvents(store));

      const rebuilt = await runner.rebuild(tallyV1.name);
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
      expect(E.isRight(await rebuilt.right.done)).toBe(true);
      expect(await storedDocuments(store, tallyV1.name)).toEqual(afterCrashes);
      await runner.stop();
    } finally {
      await teardown();
    }
  }, 300_000);

  it('gives each projection one owner among processes; killing the owner moves the work', async () => {
    const { store, schema, teardown } = await openStore();
    const children: Child[] = [];
    let appending = true;
    try {
      await seed(store, 100, 5, 'l0-');
      const a = startChild({ url: server.postgres.url, schema, batchSize: 50 });
      children.push(a);
      expect(await a.waitFor((line) => line.t === 'lease', 30_000)).toBe(true);
      const b = startChild({ url: server.postgres.url, schema, batchSize: 50 });
      children.push(b);
      expect(await b.waitFor((line) => line.t === 'started', 30_000)).toBe(true);

      // Events keep coming while the owner changes.
      let round = 0;
      const appender = (async () => {
        while (appending) {
          await seed(store, 2, 2, `l${++round}-`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();

      // B waits: it retries the lease every 100 ms but never gets it while A lives.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(b.lines.some((line) => line.t === 'lease')).toBe(false);
      expect(b.lines.some((line) => line.t === 'commit')).toBe(false);
      expect(a.lines.some((line) => line.t === 'commit')).toBe(true);

      await a.kill();
      expect(await b.waitFor((line) => line.t === 'lease', 15_000)).toBe(true);
      expect(await b.waitFor((line) => line.t === 'commit', 15_000)).toBe(true);

      appending = false;
      await appender;
      const total = await countEvents(store);
      const deadline = Date.now() + 30_000;
      while ((await storedHandled(store)) !== total && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await storedHandled(store)).toBe(total);
      await b.kill();
      expect(await storedDocuments(store, tallyV1.name)).toEqual(await projectedDocuments(store, tallyV1));
    } finally {
      appending = false;
      await Promise.all(children.map((child) => child.kill()));
      await teardown();
    }
  }, 120_000);
});
