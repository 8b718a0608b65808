import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { SqlDriver } from '../src/postgres.js';
import { pgDriver } from '../src/postgres.js';
import { describePostgresKeyStore } from './support/postgresKeyStoreCases.js';
import type { TestPostgres } from './support/postgres.js';
import { endPool, startPostgres } from './support/postgres.js';

let postgres: TestPostgres;
let pool: pg.Pool;
let driver: SqlDriver;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 20 });
  driver = pgDriver(pool);
}, 120_000);

afterAll(async () => {
  await endPool(pool);
  await postgres.stop();
}, 60_000);

describePostgresKeyStore('PostgreSQL (node-postgres)', () => driver);
