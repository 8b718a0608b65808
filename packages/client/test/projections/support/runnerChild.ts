/**
 * A portal instance's projection runner in its own process, for the crash and lease tests: runs the tally
 * projection on a PostgreSQL server and reports on stdout, one JSON line each, when it takes or loses the
 * lease and when it commits a batch. It runs until it is killed.
 */
import { openPostgresEventStore, pgDriver } from '@adal/adapters/postgres';
import pg from 'pg';
import { createProjectionRunner } from '../../../src/index.js';
import { tallyV1 } from '../../fixtures/tallyProjection.js';

export interface RunnerChildConfig {
  readonly url: string;
  readonly schema: string;
  readonly batchSize: number;
}

export type RunnerChildLine =
  | { readonly t: 'started' }
  | { readonly t: 'lease' }
  | { readonly t: 'lost' }
  | { readonly t: 'commit'; readonly handled: number; readonly batch: number }
  | { readonly t: 'failed'; readonly message: string };

const say = (line: RunnerChildLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

const config = JSON.parse(process.argv[2] ?? '{}') as RunnerChildConfig;
const pool = new pg.Pool({ connectionString: config.url, max: 4 });
pool.on('error', () => undefined);
const opened = await openPostgresEventStore({
  driver: pgDriver(pool, true),
  schema: config.schema,
  pollIntervalMs: 50,
})();
if (opened._tag === 'Left') {
  say({ t: 'failed', message: opened.left.message });
  process.exit(2);
}
const store = opened.right;
const runner = createProjectionRunner({
  store,
  readModels: store,
  leases: store,
  projections: [tallyV1],
  batchSize: config.batchSize,
  flushAfterMs: 5,
  leaseRetryMs: 100,
  onEvent: (event) => {
    if (event._tag === 'LeaseTaken') say({ t: 'lease' });
    if (event._tag === 'LeaseLost') say({ t: 'lost' });
    if (event._tag === 'Committed') say({ t: 'commit', handled: event.eventsHandled, batch: event.batch });
    if (event._tag === 'Failed') say({ t: 'failed', message: event.message });
  },
});
await runner.start();
say({ t: 'started' });
// Runs until killed.
setInterval(() => undefined, 60_000);
