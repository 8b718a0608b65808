import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresEventStore, pgDriver } from '../src/postgres.js';
import { describeEventStoreContract } from '../src/testing.js';
import type { TestPostgres } from './support/postgres.js';
import { endPool, randomSchema, startPostgres } from './support/postgres.js';

let postgres: TestPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 30 });
}, 120_000);

afterAll(async () => {
  await endPool(pool);
  await postgres.stop();
}, 60_000);

describeEventStoreContract({ describe, it }, 'PostgreSQL (node-postgres)', async ({ limits }) => {
  const schema = randomSchema();
  const opened = await openPostgresEventStore({
    driver: pgDriver(pool),
    schema,
    limits,
    pollIntervalMs: 200,
  })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  const store = opened.right;
  return {
    store,
    snapshots: store,
    teardown: async () => {
      await store.close();
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
});
