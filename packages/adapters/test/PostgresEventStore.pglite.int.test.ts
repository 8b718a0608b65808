import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openPostgresEventStore, pgliteDriver } from '../src/postgres.js';
import { describeEventStoreContract } from '../src/testing.js';
import { randomSchema } from './support/postgres.js';

let dir: string;
let db: PGlite;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adal-pglite-'));
  db = await PGlite.create(dir);
}, 60_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract({ describe, it }, 'PGlite in a folder', async ({ limits }) => {
  const schema = randomSchema();
  const opened = await openPostgresEventStore({
    driver: pgliteDriver(db),
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
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
});
