import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import type { SqlDriver } from '../src/postgres.js';
import { pgliteDriver } from '../src/postgres.js';
import { describePostgresKeyStore } from './support/postgresKeyStoreCases.js';

let dir: string;
let db: PGlite;
let driver: SqlDriver;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adal-pglite-keys-'));
  db = await PGlite.create(dir);
  driver = pgliteDriver(db);
}, 60_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describePostgresKeyStore('PGlite in a folder', () => driver);
