/**
 * Tampering done directly in SQL, as a database administrator could, on a PostgreSQL server and on PGlite:
 * a sealed log made through the client's commands is altered one way at a time — a changed byte of the data,
 * the type, the metadata, the recording time, the revision; a deleted row; an inserted copy; an inserted
 * event forged with a valid chain and slipped into the sealed range; two events swapped in the global order;
 * an event moved to the end — and `verifyLog` must report each, with fast-check choosing the event. The
 * table is restored from a copy between alterations, and the untouched log verifies.
 */
import type { PostgresEventStore, Query } from '@adal/adapters/postgres';
import type { RecordedEvent } from '@adal/core';
import { SEAL_STREAM } from '@adal/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaStore, TestPglite, TestServer } from '../support/postgresStores.js';
import { openPgliteStore, openPoolStore, startPglite, startServer } from '../support/postgresStores.js';
import { eventHash, keyIdOf, verifyLog } from '../../src/index.js';
import { ok } from '../fixtures/modules.js';
import type { Alteration } from './tamper.js';
import { ALTERATIONS, buildSealedLog, changeOneByte, KEYS, readLog } from './tamper.js';

const publicKeys = { [keyIdOf(KEYS.publicKey)]: KEYS.publicKey };
const requested = Number.parseInt(process.env.ADAL_TAMPER_RUNS ?? '', 10);
const RUNS = Number.isInteger(requested) && requested > 0 ? requested : 12;

let server: TestServer;
let pglite: TestPglite;

beforeAll(async () => {
  server = await startServer({ poolMax: 6 });
  pglite = await startPglite('adal-pglite-tamper-');
}, 120_000);

afterAll(async () => {
  await pglite.stop();
  await server.stop();
}, 60_000);

/** Alters the events table in SQL; `event` is the target (never the last seal, which no seal covers). */
const alterInSql = async (
  query: Query,
  s: string,
  kind: Alteration,
  log: readonly RecordedEvent[],
  index: number,
  seed: number,
): Promise<void> => {
  const sealed = log.length - 1;
  const event = log[index % sealed] as RecordedEvent;
  const id = event.id;
  switch (kind) {
    case 'dataByte':
      // One character of a string in the stored data (or a field added where the data has no string).
      await query(`UPDATE ${s}.events SET data = $2::jsonb WHERE event_id = $1`, [
        id,
        JSON.stringify(changeOneByte(event.data, seed)),
      ]);
      return;
    case 'type':
      await query(`UPDATE ${s}.events SET type = type || 'X' WHERE event_id = $1`, [id]);
      return;
    case 'metadata':
      await query(
        `UPDATE ${s}.events SET metadata = jsonb_set(metadata, '{occurredAt}', '"2020-01-01T00:00:00.000Z"') WHERE event_id = $1`,
        [id],
      );
      return;
    case 'recordedAt':
      await query(
        `UPDATE ${s}.events SET recorded_at = recorded_at + interval '1 second' WHERE event_id = $1`,
        [id],
      );
      return;
    case 'revision':
      await query(`UPDATE ${s}.events SET stream_revision = stream_revision + 1000 WHERE event_id = $1`, [
        id,
      ]);
      return;
    case 'delete':
      await query(`DELETE FROM ${s}.events WHERE event_id = $1`, [id]);
      return;
    case 'insertCopy':
      await query(
        `INSERT INTO ${s}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata)
         SELECT gen_random_uuid(), stream_name,
                (SELECT max(stream_revision) + 1 FROM ${s}.events x WHERE x.stream_name = e.stream_name),
                type, schema_version, data, metadata
           FROM ${s}.events e WHERE event_id = $1`,
        [id],
      );
      return;
    case 'insertForged': {
      // A correctly chained new last event of a stream whose end lies early in $all, inserted inside the
      // sealed range (same transaction id and position as an event there: the order ties, still inside).
      const lastIndex = new Map<string, number>();
      log.forEach((e, n) => lastIndex.set(e.streamName, n));
      // The forged row ties with its host and may be read just after it: hosts stop one short of the end of
      // the sealed range, so the forged event always lands inside it.
      const candidates = [...lastIndex].filter(([name, n]) => name !== SEAL_STREAM && n < sealed - 2);
      const [, at] = candidates[seed % candidates.length] as [string, number];
      const last = log[at] as RecordedEvent;
      const host = log[at + 1 + (index % (sealed - at - 2))] as RecordedEvent;
      const forged = {
        ...last,
        id: crypto.randomUUID(),
        streamRevision: last.streamRevision + 1n,
        data: { ...(last.data as object), forged: true },
        metadata: { ...last.metadata, prevHash: last.metadata.hash ?? '' },
      };
      const metadata = { ...forged.metadata, hash: eventHash(forged) };
      await query(
        `INSERT INTO ${s}.events (position, transaction_id, event_id, stream_name, stream_revision, type, schema_version, data, metadata)
         SELECT position, transaction_id, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb FROM ${s}.events WHERE event_id = $1`,
        [
          host.id,
          forged.id,
          forged.streamName,
          forged.streamRevision.toString(),
          forged.type,
          forged.schemaVersion,
          JSON.stringify(forged.data),
          JSON.stringify(metadata),
        ],
      );
      return;
    }
    case 'swapAdjacent': {
      const j = index % (sealed - 1);
      const [a, b] = [log[j] as RecordedEvent, log[j + 1] as RecordedEvent];
      await query(
        `UPDATE ${s}.events e SET position = o.position, transaction_id = o.transaction_id
           FROM (SELECT event_id, position, transaction_id FROM ${s}.events WHERE event_id IN ($1, $2)) o
          WHERE e.event_id IN ($1, $2) AND o.event_id <> e.event_id`,
        [a.id, b.id],
      );
      return;
    }
    case 'moveToEnd':
      await query(
        `UPDATE ${s}.events SET transaction_id = (SELECT max(transaction_id) FROM ${s}.events),
                                position = (SELECT max(position) + 1 FROM ${s}.events)
          WHERE event_id = $1`,
        [id],
      );
      return;
  }
};

const tamperSuite = (
  name: string,
  open: () => Promise<{
    store: PostgresEventStore;
    query: Query;
    schema: string;
    teardown: () => Promise<void>;
  }>,
) =>
  describe(`verifyLog against tampering in SQL on ${name}`, () => {
    it(`finds every kind of alteration (${RUNS} random targets each) and passes the untouched log`, async () => {
      const { store, query, schema, teardown } = await open();
      try {
        await buildSealedLog(store);
        const log = await readLog(store);
        const s = `"${schema}"`;
        await query(`CREATE TABLE ${s}.events_pristine AS SELECT * FROM ${s}.events`);
        const restore = async () => {
          await query(`DELETE FROM ${s}.events`);
          await query(`INSERT INTO ${s}.events SELECT * FROM ${s}.events_pristine`);
        };
        expect(ok(await verifyLog(store, { publicKeys })())).toMatchObject({
          ok: true,
          events: log.length,
          seals: 2,
        });
        const found: Record<string, number> = {};
        for (const kind of ALTERATIONS) {
          await fc.assert(
            fc.asyncProperty(fc.nat(), fc.nat(), async (index, seed) => {
              await alterInSql(query, s, kind, log, index, seed);
              try {
                const report = await verifyLog(store, { publicKeys })();
                expect(E.isRight(report) && report.right.ok, `${kind} at ${index}, ${seed}`).toBe(false);
                if (E.isRight(report))
                  found[report.right.problem?.kind ?? 'none'] =
                    (found[report.right.problem?.kind ?? 'none'] ?? 0) + 1;
              } finally {
                await restore();
              }
            }),
            { numRuns: RUNS },
          );
        }
        // Restored, it verifies again; the alterations were found by the chain and by the seals.
        expect(ok(await verifyLog(store, { publicKeys })()).ok).toBe(true);
        expect(Object.keys(found)).toEqual(expect.arrayContaining(['HashMismatch', 'SealMismatch']));
      } finally {
        await teardown();
      }
    }, 300_000);
  });

const withQuery = ({ store, schema, teardown }: SchemaStore) => ({
  store,
  schema,
  teardown,
  query: store.driver.query,
});

tamperSuite('PostgreSQL (node-postgres)', async () => withQuery(await openPoolStore(server.pool)));
tamperSuite('PGlite', async () => withQuery(await openPgliteStore(pglite.db)));
