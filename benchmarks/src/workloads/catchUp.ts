/**
 * Workload 4: catch-up from `$all`. Two variants per library:
 * - "read $all": the library's own paged reader, 1,000 events a page, counting what it gets (Adal:
 *   `allEvents` over `readAll`; Emmett: `readMessagesBatch`, what its consumers call);
 * - "projection": the library's subscription machinery from the start with a checkpoint stored as it goes
 *   (Adal: `createProjectionRunner` with a counting document projection, one transaction per batch of 500;
 *   Emmett: a consumer's reactor, batches of 500, polling delay 0 instead of its default 50 ms, which would
 *   otherwise cap it at 10 batches a second; it stores its checkpoint per message).
 * Emmett's in-memory store has no `$all` reader, so it takes part on PostgreSQL only.
 */
import { createMemoryEventStore } from '@adal/adapters/memory';
import { connectPostgresEventStore } from '@adal/adapters/postgres';
import type { PostgresEventStore } from '@adal/adapters/postgres';
import { createProjectionRunner } from '@adal/client';
import type { EventStore, LeaseManager, ReadModelStore } from '@adal/core';
import { allEvents, CitizenReport, documentProjection } from '@adal/core';
import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { BenchContext } from '../BenchContext.js';
import { targetFor } from '../BenchContext.js';
import type { BenchResult, Library, StoreKind } from '../BenchResult.js';
import { round, timeOnce } from '../measure.js';
import { seedAdalMemory, seedAdalPostgres, seedEmmettPostgres } from './catchUpSeed.js';

export type CatchUpVariant = 'read $all' | 'projection';

/** A million events of the memory store are over 1 GB of heap on a shared machine: memory reads fewer. */
const MEMORY_CAP = 200_000;
const PAGE = 1000;
const PROJECTION_BATCH = 500;

const EventCount = documentProjection({
  name: 'bench-event-count',
  version: 1,
  sources: { report: CitizenReport.events },
  document: t.type({ events: t.number }),
  id: () => 'all',
  evolve: (document) => ({ events: (document?.events ?? 0) + 1 }),
});

type AdalStore = EventStore & ReadModelStore & LeaseManager;

export const catchUp = async (
  context: BenchContext,
  store: StoreKind,
  library: Exclude<Library, 'sql'>,
  variant: CatchUpVariant,
): Promise<BenchResult | undefined> => {
  if (store === 'memory' && library === 'emmett') return undefined;
  const wanted = variant === 'projection' ? context.sizes.projectionEvents : context.sizes.catchUpEvents;
  const events = store === 'memory' ? Math.min(wanted, MEMORY_CAP) : wanted;
  const name = `catchup_${library}_${variant === 'projection' ? 'projection' : 'read'}`;
  const target = await targetFor(context, store, name);
  const limitMs = context.sizes.catchUpSeconds * 1000;
  const seedStart = process.hrtime.bigint();
  let read: () => Promise<number>;
  let close: () => Promise<void>;
  if (library === 'adal') {
    let adal: AdalStore;
    if (target.kind === 'memory') {
      const memory = createMemoryEventStore();
      await seedAdalMemory(memory, events);
      adal = memory;
    } else {
      if (target.kind !== 'postgres') throw new Error('the catch-up does not run on PGlite');
      const opened = await connectPostgresEventStore({ connectionString: target.url })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      const postgres: PostgresEventStore = opened.right;
      await seedAdalPostgres(target.url, postgres.schema, events);
      adal = postgres;
    }
    read = variant === 'read $all' ? () => readAdal(adal, limitMs) : () => projectAdal(adal, limitMs);
    close = () => adal.close();
  } else {
    if (target.kind !== 'postgres') throw new Error('unreachable: Emmett memory has no $all');
    const emmett = getPostgreSQLEventStore(target.url);
    await emmett.schema.migrate();
    await seedEmmettPostgres(target.url, events);
    read =
      variant === 'read $all'
        ? () => readEmmett(target.url, limitMs)
        : async () => {
            let handled = 0;
            const consumer = emmett.consumer({
              stopWhen: { noMessagesLeft: true },
              pulling: { batchSize: PROJECTION_BATCH, pullingFrequencyInMs: 0 },
            });
            consumer.reactor({
              processorId: 'bench-event-count',
              eachMessage: () => {
                handled += 1;
              },
            });
            const limit = setTimeout(() => void consumer.stop(), limitMs);
            await consumer.start();
            clearTimeout(limit);
            await consumer.close();
            return handled;
          };
    close = () => emmett.close();
  }
  const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
  context.log(`  seeded ${events.toLocaleString('en')} events for ${library} in ${seedSeconds.toFixed(1)} s`);
  try {
    const timed = await timeOnce(read);
    const readCount = timed.value;
    return {
      workload: 'catch-up',
      variant: `${variant}, ${events.toLocaleString('en')} events`,
      store,
      library,
      unit: 'events/s',
      operations: readCount,
      seconds: round(timed.seconds, 6),
      throughput: round(readCount / timed.seconds, 1),
      p50Ms: null,
      p99Ms: null,
      peakHeapMb: timed.memory.heapMb,
      peakRssMb: timed.memory.rssMb,
      storedEvents: readCount,
      ...(readCount === events
        ? {}
        : timed.seconds >= context.sizes.catchUpSeconds
          ? {
              note: `stopped at the ${context.sizes.catchUpSeconds} s limit: ${readCount} of ${events} events`,
            }
          : { note: `expected ${events} events, read ${readCount}` }),
    };
  } finally {
    await close();
  }
};

const deadlineAfter = (ms: number): bigint => process.hrtime.bigint() + BigInt(ms) * 1_000_000n;

const readAdal = async (store: EventStore, limitMs: number): Promise<number> => {
  const deadline = deadlineAfter(limitMs);
  let count = 0;
  for await (const _event of allEvents(store, { max: PAGE })) {
    count += 1;
    if (count % PAGE === 0 && process.hrtime.bigint() > deadline) break;
  }
  return count;
};

const projectAdal = async (store: AdalStore, limitMs: number): Promise<number> => {
  let handled = 0;
  const runner = createProjectionRunner({
    store,
    readModels: store,
    leases: store,
    projections: [EventCount],
    batchSize: PROJECTION_BATCH,
    onEvent: (event) => {
      if (event._tag === 'Committed') handled = event.eventsHandled;
    },
  });
  await runner.start();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: limitMs });
  await runner.stop();
  // A timeout is the time limit (the count says how far it got); any other failure ends the run.
  if (E.isLeft(caughtUp) && caughtUp.left._tag !== 'Timeout') {
    throw new Error(`adal: projection: ${caughtUp.left.message}`);
  }
  return handled;
};

const readEmmett = async (url: string, limitMs: number): Promise<number> => {
  const deadline = deadlineAfter(limitMs);
  const pool = dumbo({ connectionString: url });
  try {
    let count = 0;
    let after = 0n;
    for (;;) {
      const batch = await readMessagesBatch(pool.execute, { after, batchSize: PAGE });
      count += batch.messages.length;
      if (!batch.areMessagesLeft || process.hrtime.bigint() > deadline) return count;
      after = batch.currentGlobalPosition;
    }
  } finally {
    await pool.close();
  }
};
