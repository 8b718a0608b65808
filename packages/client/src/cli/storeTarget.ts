import * as E from 'fp-ts/lib/Either.js';
import { isAbsolute, resolve } from 'node:path';
import type { CliFailure } from './exitCodes.js';
import { usageFailure } from './exitCodes.js';

/**
 * Where the CLI's store is: a PostgreSQL server (through node-postgres) or an embedded PGlite folder.
 *
 * @category cli
 * @since 0.1.0
 */
export type StoreTarget =
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string }
  | { readonly kind: 'pglite'; readonly dir: string; readonly schema: string };

/** The folder `pnpm demo` and `openEmbeddedEventStore()` use when told nothing. */
export const DEFAULT_STORE = './.adal';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads the store from `--store`, else `ADAL_STORE`, else the embedded default: `postgres://…` or
 * `postgresql://…` is a server; `pglite:<dir>` or a plain path is a PGlite folder. The schema comes from
 * `--schema`, else `ADAL_SCHEMA`, else `adal`.
 *
 * @category cli
 * @since 0.1.0
 */
export const storeTarget = (
  flags: { readonly store?: string | undefined; readonly schema?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): E.Either<CliFailure, StoreTarget> => {
  const fromFlag = flags.store !== undefined;
  const given = flags.store ?? nonEmpty(env['ADAL_STORE']) ?? DEFAULT_STORE;
  const where = fromFlag ? '--store' : 'ADAL_STORE';
  const schema = flags.schema ?? nonEmpty(env['ADAL_SCHEMA']) ?? 'adal';
  if (!SCHEMA.test(schema)) {
    return E.left(
      usageFailure(
        `${flags.schema === undefined ? 'ADAL_SCHEMA' : '--schema'}: expected a lower-case SQL name, got ${JSON.stringify(schema)}`,
      ),
    );
  }
  if (/^postgres(ql)?:\/\//i.test(given)) {
    return E.right({ kind: 'postgres', connectionString: given, schema });
  }
  const dir = given.startsWith('pglite:') ? given.slice('pglite:'.length) : given;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dir)) {
    return E.left(
      usageFailure(
        `${where}: ${JSON.stringify(redact(given))} is neither postgres://… nor a folder (pglite:<dir>)`,
      ),
    );
  }
  if (dir === '') return E.left(usageFailure(`${where}: pglite: needs a folder, as in pglite:./.adal`));
  return E.right({ kind: 'pglite', dir: isAbsolute(dir) ? dir : resolve(cwd, dir), schema });
};

/**
 * The store as it may be printed: a server's password replaced by `***`.
 *
 * @category cli
 * @since 0.1.0
 */
export const describeTarget = (target: StoreTarget): string =>
  target.kind === 'postgres'
    ? `${redact(target.connectionString)} (schema ${target.schema})`
    : `PGlite in ${target.dir} (schema ${target.schema})`;

/** Hides the password of a connection string, also in its query (`?password=`). */
export const redact = (text: string): string =>
  text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@')
    .replace(/([?&]password=)[^&]*/i, '$1***');

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;
