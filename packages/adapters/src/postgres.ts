/**
 * `@adal/adapters/postgres`: the PostgreSQL store — on a server through node-postgres, or in the process
 * through PGlite (PostgreSQL compiled to WebAssembly, persisted in a folder: the SDK's embedded default).
 * One schema and one set of SQL serve both.
 *
 * @packageDocumentation
 */
import type { StoreError, StoreLimits, StoreUnavailable } from '@adal/core';
import { storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { PostgresEventStore, UnsafeDatabase } from './postgres/PostgresEventStore.js';
import { openPostgresEventStore } from './postgres/PostgresEventStore.js';
import { pgDriver, pgliteDriver } from './postgres/SqlDriver.js';

export { migrate } from './postgres/migrate.js';
export { MIGRATIONS } from './postgres/migrations.js';
export type { Migration } from './postgres/migrations.js';
export { openPostgresEventStore } from './postgres/PostgresEventStore.js';
export type {
  PostgresEventStore,
  PostgresEventStoreOptions,
  UnsafeDatabase,
} from './postgres/PostgresEventStore.js';
export { pgDriver, pgliteDriver } from './postgres/SqlDriver.js';
export type { Query, ReservedConnection, SqlDriver } from './postgres/SqlDriver.js';

/**
 * Options shared by the two openers.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface OpenOptions {
  readonly schema?: string;
  readonly limits?: StoreLimits;
  readonly pollIntervalMs?: number;
}

/**
 * Why a store did not open. Shown inline in the openers' signatures.
 *
 * @inline
 */
type OpenError = StoreUnavailable | UnsafeDatabase | StoreError;

/**
 * The embedded default: a store in PGlite persisted in a folder (`./.adal` unless told), created on first
 * use. Nothing else needs installing: the first run of a portal or a demo works as it is.
 *
 * @example
 * import { openEmbeddedEventStore } from '@adal/adapters/postgres';
 * const opened = await openEmbeddedEventStore()();
 * if (opened._tag === 'Right') { const store = opened.right; }
 *
 * @category postgres
 * @since 0.1.0
 */
export const openEmbeddedEventStore =
  (options: OpenOptions & { readonly dir?: string } = {}): TE.TaskEither<OpenError, PostgresEventStore> =>
  async () => {
    let driver;
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(options.dir ?? './.adal');
      driver = pgliteDriver(db, true);
    } catch (error) {
      return E.left(
        storeUnavailable(
          `could not open the embedded database in ${options.dir ?? './.adal'}: ${String(error)}`,
          error,
        ),
      );
    }
    const opened = await openPostgresEventStore({ ...options, driver })();
    if (E.isLeft(opened)) await driver.close();
    return opened;
  };

/**
 * A store on a PostgreSQL server, from a connection string (`postgres://user:password@host:5432/db`).
 * Refuses a server running with `fsync=off` or `synchronous_commit=off` unless `unsafe: true`.
 *
 * @example
 * import { connectPostgresEventStore } from '@adal/adapters/postgres';
 * const opened = await connectPostgresEventStore({ connectionString: process.env.DATABASE_URL ?? '' })();
 *
 * @category postgres
 * @since 0.1.0
 */
export const connectPostgresEventStore =
  (
    options: OpenOptions & {
      readonly connectionString: string;
      readonly maxConnections?: number;
      readonly unsafe?: boolean;
    },
  ): TE.TaskEither<OpenError, PostgresEventStore> =>
  async () => {
    let driver;
    try {
      const pg = await import('pg');
      const Pool = pg.default?.Pool ?? pg.Pool;
      const pool = new Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 10,
      });
      // An idle connection that the server drops must not crash the process.
      pool.on('error', () => undefined);
      driver = pgDriver(pool, true);
    } catch (error) {
      return E.left(storeUnavailable(`could not load node-postgres (install "pg"): ${String(error)}`, error));
    }
    const opened = await openPostgresEventStore({ ...options, driver })();
    if (E.isLeft(opened)) await driver.close();
    return opened;
  };
export { openPostgresKeyStore } from './postgres/PostgresKeyStore.js';
export type { PostgresKeyStore, PostgresKeyStoreOptions } from './postgres/PostgresKeyStore.js';
