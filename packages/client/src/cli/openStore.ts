import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as PostgresAdapters from '@adal/adapters/postgres';
import type { PostgresEventStore, PostgresKeyStore, SqlDriver } from '@adal/adapters/postgres';
import * as E from 'fp-ts/lib/Either.js';
import type { CliFailure } from './exitCodes.js';
import { operationFailure, storeFailure } from './exitCodes.js';
import type { StoreTarget } from './storeTarget.js';
import { describeTarget, redact } from './storeTarget.js';

/**
 * `@adal/adapters/postgres`, loaded when a command needs a store: the library itself never imports an
 * adapter (a portal passes its store in), so the adapters are an optional peer that only the CLI loads.
 *
 * @category cli
 * @since 0.1.0
 */
export type Adapters = typeof PostgresAdapters;

/**
 * Loads the PostgreSQL adapters, or explains how to install them.
 *
 * @category cli
 * @since 0.1.0
 */
export const loadAdapters = async (): Promise<E.Either<CliFailure, Adapters>> => {
  try {
    return E.right(await import('@adal/adapters/postgres'));
  } catch (error) {
    return E.left(storeFailure(missingPackage('@adal/adapters', error)));
  }
};

/** A message for a package that failed to load: how to install it when it is missing. */
export const missingPackage = (name: string, error: unknown): string => {
  const code = (error as { readonly code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
    ? `the package ${name} is not installed: the adal command needs it for this store (npm install ${name})`
    : `could not load ${name}: ${message}`;
};

/**
 * An open store, its adapters, and how to close it.
 *
 * @category cli
 * @since 0.1.0
 */
export interface OpenedStore {
  readonly adapters: Adapters;
  readonly store: PostgresEventStore;
  readonly close: () => Promise<void>;
}

/**
 * Opens the store of a target, as a portal would (pending migrations are applied). A PGlite folder must
 * already hold a database: a mistyped path is an error, not a new empty store that then "verifies".
 *
 * @category cli
 * @since 0.1.0
 */
export const openStore = async (target: StoreTarget): Promise<E.Either<CliFailure, OpenedStore>> => {
  const missing = target.kind === 'pglite' ? missingDatabase(target.dir) : undefined;
  if (missing !== undefined) return E.left(storeFailure(missing));
  const loaded = await loadAdapters();
  if (E.isLeft(loaded)) return loaded;
  const adapters = loaded.right;
  const opened =
    target.kind === 'pglite'
      ? await adapters.openEmbeddedEventStore({ dir: target.dir, schema: target.schema })()
      : await adapters.connectPostgresEventStore({
          connectionString: target.connectionString,
          schema: target.schema,
          // One command at a time: a couple of connections (the lease needs one of its own).
          maxConnections: 3,
        })();
  if (E.isLeft(opened)) {
    return E.left(storeFailure(`cannot open ${describeTarget(target)}: ${redactAll(opened.left.message)}`));
  }
  const store = opened.right;
  return E.right({ adapters, store, close: () => store.close() });
};

/**
 * Opens the key store of personal data beside the events (the table `subject_keys` of the same schema).
 *
 * @category cli
 * @since 0.1.0
 */
export const openKeys = async (
  opened: OpenedStore,
  masterKey: Uint8Array | undefined,
): Promise<E.Either<CliFailure, PostgresKeyStore>> => {
  const keys = await opened.adapters.openPostgresKeyStore({
    driver: opened.store.driver,
    schema: opened.store.schema,
    ...(masterKey === undefined ? {} : { masterKey }),
  })();
  return E.isLeft(keys)
    ? E.left(operationFailure(`cannot open the key store: ${keys.left.message}`))
    : E.right(keys.right);
};

/**
 * A bare SQL driver on the target, for `migrate`, which must see the schema before any migration runs. The
 * driver libraries are the adapters' own optional peers (`@electric-sql/pglite`, `pg`).
 *
 * @category cli
 * @since 0.1.0
 */
export const openDriver = async (
  target: StoreTarget,
  adapters: Adapters,
): Promise<E.Either<CliFailure, SqlDriver>> => {
  if (target.kind === 'pglite') {
    let PGlite;
    try {
      ({ PGlite } = await import('@electric-sql/pglite'));
    } catch (error) {
      return E.left(storeFailure(missingPackage('@electric-sql/pglite', error)));
    }
    try {
      return E.right(adapters.pgliteDriver(await PGlite.create(target.dir), true));
    } catch (error) {
      return E.left(storeFailure(`cannot open ${describeTarget(target)}: ${String(error)}`));
    }
  }
  let pg;
  try {
    pg = await import('pg');
  } catch (error) {
    return E.left(storeFailure(missingPackage('pg', error)));
  }
  const Pool = pg.default?.Pool ?? pg.Pool;
  const pool = new Pool({ connectionString: target.connectionString, max: 1 });
  // An idle connection the server drops must not end the process with an unhandled 'error'.
  pool.on('error', () => undefined);
  return E.right(adapters.pgDriver(pool, true));
};

/** Why a PGlite folder cannot be opened as an existing store, or undefined when it can. */
export const missingDatabase = (dir: string): string | undefined => {
  if (!existsSync(dir)) {
    return `no store in ${dir}: give --store or ADAL_STORE (a folder made by the portal, pnpm demo or adal migrate)`;
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    return `${dir} is not a PGlite database folder (it has no PG_VERSION)`;
  }
  return undefined;
};

/** Hides passwords of connection strings anywhere in a message (a driver may quote the URL). */
const redactAll = (message: string): string =>
  message.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (url) => redact(url));
