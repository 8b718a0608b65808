/**
 * "After forgetSubject, a scan of every table and read model finds none of the subject's plaintext bytes"
 * (issue 6), on PGlite and on a real PostgreSQL: every row of every table of the store's schema (listed from
 * information_schema, the key table included) is read as text and searched for the subject's name, phone
 * and IIN. An unprotected control schema filled the same way shows that the scan finds them where they are
 * stored. Forgetting leaves the stored events byte for byte as they were; a ciphertext moved by SQL to
 * another field or event is reported as tampering.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresEventStore, SqlDriver } from '@adal/adapters/postgres';
import {
  openPostgresEventStore,
  openPostgresKeyStore,
  pgDriver,
  pgliteDriver,
} from '@adal/adapters/postgres';
import type { EventStore } from '@adal/core';
import { allEvents, ERASED, PERSONAL_DATA } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from '../../../adapters/test/support/postgres.js';
import { endPool, randomSchema, startPostgres } from '../../../adapters/test/support/postgres.js';
import { forgetSubject, personalDataProblem } from '../../src/protection/index.js';
import { ok } from '../fixtures/modules.js';
import {
  AIGERIM,
  BOLAT,
  dump,
  foundIn,
  LIST_EVENT_SPEC,
  LIST_SNAPSHOT_SPEC,
  needlesOf,
  OFFICER,
  PersonList,
  personalScenario,
  portal,
  rebuildAll,
} from './support.js';

const LIST = 'list-KZ-71-0190f3c2-7b1e-7c4a-9d2e-0000000000ff';
const AIGERIMS = needlesOf(AIGERIM);

/** Every row of every table of a schema, as PostgreSQL writes the row as text, by table. */
const scanSchema = async (driver: SqlDriver, schema: string) => {
  const tables = await driver.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const byTable = new Map<string, string>();
  for (const { table_name } of tables) {
    const rows = await driver.query<{ row: string }>(
      `SELECT t::text AS row FROM "${schema}"."${table_name}" t`,
    );
    byTable.set(table_name, rows.map((r) => r.row).join('\n'));
  }
  return {
    tables: [...byTable.keys()],
    rows: (table: string) => byTable.get(table) ?? '',
    /** The tables whose rows hold any of the needles, with the needles found. */
    hits: (needles: readonly string[]) =>
      [...byTable.entries()].flatMap(([table, text]) => {
        const found = foundIn(text, needles);
        return found.length === 0 ? [] : [{ table, found }];
      }),
  };
};

const everyEvent = async (store: EventStore) => {
  const events = [];
  for await (const event of allEvents(store, { max: 1000 })) events.push(event);
  return events;
};

const describeScan = (name: string, driver: () => SqlDriver) => {
  describe(`forgetSubject: a scan of every table on ${name}`, () => {
    const opened: PostgresEventStore[] = [];
    const schemas: string[] = [];

    afterAll(async () => {
      for (const store of opened) await store.close();
      for (const schema of schemas) await driver().query(`DROP SCHEMA ${schema} CASCADE`);
    }, 60_000);

    const world = async (protect: boolean) => {
      const schema = randomSchema();
      schemas.push(schema);
      const raw = ok(await openPostgresEventStore({ driver: driver(), schema, pollIntervalMs: 100 })());
      opened.push(raw);
      const keys = ok(await openPostgresKeyStore({ driver: driver(), schema })());
      const client = portal(
        raw,
        protect
          ? {
              keys,
              personalData: { ...PERSONAL_DATA, ...LIST_EVENT_SPEC },
              snapshotPersonalData: LIST_SNAPSHOT_SPEC,
            }
          : undefined,
      );
      const { store, time } = client;
      const ids = await personalScenario(client, time);
      ok(
        await client.handleCommand(PersonList, LIST, {
          type: 'ListPerson',
          subjectId: AIGERIM.subjectId,
          name: AIGERIM.name,
        })(),
      );
      await rebuildAll(client);
      return { schema, raw, keys, store, client, ids };
    };

    it('finds the plaintext in the events and snapshots of an unprotected control schema', async () => {
      const control = await world(false);
      const scan = await scanSchema(driver(), control.schema);
      expect(scan.tables).toEqual(
        expect.arrayContaining(['events', 'snapshots', 'projection_documents', 'subject_keys']),
      );
      expect(scan.hits(AIGERIMS).map((hit) => hit.table)).toEqual(['events', 'snapshots']);
      expect(foundIn(scan.rows('events'), AIGERIMS)).toEqual(
        expect.arrayContaining([AIGERIM.name, AIGERIM.phone, AIGERIM.iin]),
      );
      expect(scan.hits([OFFICER.name]).map((hit) => hit.table)).toEqual(['events']);
      // The read models hold no personal data, protected or not.
      expect(foundIn(scan.rows('projection_documents'), [...AIGERIMS, ...needlesOf(BOLAT)])).toEqual([]);
      expect(scan.rows('projection_documents').length).toBeGreaterThan(0);
    }, 120_000);

    it('finds none of it in a protected schema, before or after forgetting; the events stay byte for byte', async () => {
      const { schema, keys, store, ids, client } = await world(true);
      const everyone = [...AIGERIMS, ...needlesOf(BOLAT), OFFICER.name];

      const before = await scanSchema(driver(), schema);
      expect(before.hits(everyone)).toEqual([]);
      expect(before.rows('snapshots')).toMatch(/"\$pd"+: 1/);
      // The data is there: read through the protected store, Aigerim's report names her.
      expect(foundIn(dump(await everyEvent(store)), AIGERIMS)).toEqual(
        expect.arrayContaining([AIGERIM.name, AIGERIM.phone, AIGERIM.iin]),
      );
      const eventRows = async () =>
        (
          await driver().query<{ row: string }>(
            `SELECT event_id::text || ' ' || data::text || ' ' || metadata::text AS row FROM ${schema}.events ORDER BY position`,
          )
        ).map((r) => r.row);
      const storedBefore = await eventRows();

      ok(await forgetSubject(keys, AIGERIM.subjectId)());
      await rebuildAll(client);

      const after = await scanSchema(driver(), schema);
      expect(after.hits(AIGERIMS)).toEqual([]);
      expect(await eventRows()).toEqual(storedBefore);
      const [tombstone] = await driver().query<{ key: unknown; forgotten: boolean }>(
        `SELECT key, forgotten_at IS NOT NULL AS forgotten FROM ${schema}.subject_keys WHERE subject = $1`,
        [AIGERIM.subjectId],
      );
      expect(tombstone).toEqual({ key: null, forgotten: true });

      const read = await everyEvent(store);
      expect(foundIn(dump(read), AIGERIMS)).toEqual([]);
      expect(read.find((e) => e.streamName === ids.aigerims)?.data).toMatchObject({
        reporter: { subjectId: AIGERIM.subjectId, name: ERASED, phone: ERASED, iin: ERASED },
      });
      const snapshot = ok(await store.readSnapshot(LIST)());
      expect(snapshot._tag === 'Some' && snapshot.value.state).toMatchObject({ lastName: ERASED });
      expect(foundIn(dump(read), [BOLAT.name, OFFICER.name])).toEqual([BOLAT.name, OFFICER.name]);
    }, 120_000);

    it('reports a ciphertext moved by SQL to another field or event as tampering', async () => {
      const { schema, store, ids } = await world(true);
      // Bolat's encrypted name written over his phone, in place.
      await driver().query(
        `UPDATE ${schema}.events SET data = jsonb_set(data, '{reporter,phone}', data->'reporter'->'name')
            WHERE stream_name = $1 AND type = 'ReportSubmitted'`,
        [ids.bolats],
      );
      const swapped = await store.readStream(ids.bolats)();
      expect(E.isLeft(swapped) && personalDataProblem(swapped.left)).toMatchObject({
        _tag: 'PersonalDataTampered',
        streamName: ids.bolats,
        path: 'reporter.phone',
        subject: BOLAT.subjectId,
      });
      // Bolat's whole reporter copied into the anonymous report.
      await driver().query(
        `UPDATE ${schema}.events SET data = jsonb_set(data, '{reporter}',
             (SELECT data->'reporter' FROM ${schema}.events WHERE stream_name = $1 AND type = 'ReportSubmitted'))
            WHERE stream_name = $2 AND type = 'ReportSubmitted'`,
        [ids.bolats, ids.anonymous],
      );
      const copied = await store.readStream(ids.anonymous)();
      expect(E.isLeft(copied) && personalDataProblem(copied.left)).toMatchObject({
        _tag: 'PersonalDataTampered',
        streamName: ids.anonymous,
        // jsonb keeps keys in its own order (shorter first), so the first field that fails may be any of the three.
        path: expect.stringMatching(/^reporter\.(name|phone|iin)$/),
      });
      expect(E.isLeft(copied) && copied.left.message).toMatch(/\(and 2 more unreadable fields\)$/);
      // Aigerim's report, untouched, still reads.
      expect(ok(await store.readStream(ids.aigerims)()).events[0]?.data).toMatchObject({
        reporter: { name: AIGERIM.name },
      });
    }, 120_000);
  });
};

let dir: string;
let db: PGlite;
let postgres: TestPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adal-pglite-forget-'));
  db = await PGlite.create(dir);
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
}, 180_000);

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  await endPool(pool);
  await postgres.stop();
}, 60_000);

describeScan('PGlite', () => pgliteDriver(db));
describeScan('PostgreSQL (node-postgres)', () => pgDriver(pool));
