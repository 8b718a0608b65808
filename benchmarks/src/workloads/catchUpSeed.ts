/**
 * The log a catch-up reads, made quickly so that seeding does not dominate the run: on PostgreSQL by bulk
 * `INSERT … SELECT generate_series` into each library's own tables (100,000 rows per statement, one
 * transaction each, 100 events per stream); in memory by appends of 1,000 events. Every event is a
 * `FollowUpPosted` with the data the command workloads write, so a decoding reader really decodes it.
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { AT, followUpPostedData } from '../reportCommands.js';

export const EVENTS_PER_STREAM = 100;
const ROWS_PER_STATEMENT = 100_000;

const metadataJson = () =>
  JSON.stringify({ commandId: randomUUID(), correlationId: randomUUID(), occurredAt: AT });

/** A valid Adal stream name per hundred events, the same in both libraries' tables. */
const STREAM_OF = `'report-KZ-71-' || md5('s' || (i / ${EVENTS_PER_STREAM})::text)::uuid::text`;

const bulk = async (url: string, events: number, insert: string, streams: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const data = JSON.stringify(followUpPostedData());
    for (let from = 0; from < events; from += ROWS_PER_STATEMENT) {
      const to = Math.min(events, from + ROWS_PER_STATEMENT) - 1;
      await client.query(insert, [data, metadataJson(), from, to]);
    }
    await client.query(streams);
    // A table as autovacuum leaves a log that grew over months: rows marked visible to all (no first reader
    // sets hint bits, dirtying every page) and fresh statistics, so the planner picks the index.
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
};

export const seedAdalPostgres = (url: string, schema: string, events: number): Promise<void> =>
  bulk(
    url,
    events,
    `INSERT INTO ${schema}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata)
     SELECT gen_random_uuid(), ${STREAM_OF}, i % ${EVENTS_PER_STREAM}, 'FollowUpPosted', 1, $1::jsonb, $2::jsonb
       FROM generate_series($3::bigint, $4::bigint) AS i`,
    `INSERT INTO ${schema}.streams (stream_name, revision)
     SELECT stream_name, max(stream_revision) FROM ${schema}.events GROUP BY stream_name`,
  );

export const seedEmmettPostgres = (url: string, events: number): Promise<void> =>
  bulk(
    url,
    events,
    `INSERT INTO emt_messages (stream_position, transaction_id, stream_id, message_schema_version, message_id, message_type, message_data, message_metadata)
     SELECT i % ${EVENTS_PER_STREAM} + 1, pg_current_xact_id(), ${STREAM_OF}, '1', gen_random_uuid()::text, 'FollowUpPosted', $1::jsonb, $2::jsonb
       FROM generate_series($3::bigint, $4::bigint) AS i`,
    `INSERT INTO emt_streams (stream_id, stream_position, stream_type, stream_metadata)
     SELECT stream_id, max(stream_position), 'report', '{}'::jsonb FROM emt_messages GROUP BY stream_id`,
  );

/** Memory: batches of 1,000 through the store's own append, the largest it takes. */
export const seedAdalMemory = async (store: EventStore, events: number): Promise<void> => {
  const data = followUpPostedData();
  const metadata = { commandId: randomUUID(), correlationId: randomUUID(), occurredAt: AT };
  for (let from = 0; from < events; from += 1000) {
    const size = Math.min(1000, events - from);
    const batch = Array.from({ length: size }, () => ({
      id: randomUUID(),
      type: 'FollowUpPosted',
      schemaVersion: 1,
      data,
      metadata,
    }));
    const appended = await store.appendToStream(`report-KZ-71-${randomUUID()}`, batch, {
      expectedRevision: 'no_stream',
    })();
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  }
};
