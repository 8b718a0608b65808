/**
 * Workload 5: the floor. The appends of the command-handling workload (a report, then nine follow-ups per
 * stream, with the same data and metadata sizes as Adal's, hash chain included) written with one
 * hand-written statement each — its own transaction — into the tables Adal's migrations create: the
 * stream's revision is checked and moved, the event inserted. No load, no decision, no library. Every
 * PostgreSQL command result is also given as a ratio to this.
 */
import { randomUUID } from 'node:crypto';
import { connectPostgresEventStore } from '@adal/adapters/postgres';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { BenchContext } from '../BenchContext.js';
import { targetFor } from '../BenchContext.js';
import type { BenchResult } from '../BenchResult.js';
import { figures, runClients } from '../measure.js';
import { AT, followUpPostedData, reportStream, reportSubmittedData } from '../reportCommands.js';
import { clientsLabel, COMMANDS_PER_STREAM } from './commandHandling.js';

const SCHEMA = 'floor';

/** One statement: move the stream's revision if it is the expected one, and insert the event if it was. */
const APPEND = `
WITH stream AS (
  INSERT INTO ${SCHEMA}.streams AS s (stream_name, revision) VALUES ($1, 0)
  ON CONFLICT (stream_name) DO UPDATE SET revision = s.revision + 1, updated_at = now()
    WHERE s.revision = $2::bigint
  RETURNING revision)
INSERT INTO ${SCHEMA}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata)
SELECT $3::uuid, $1, stream.revision, $4, 1, $5::jsonb, $6::jsonb FROM stream`;

/** Metadata as Adal's client writes it: ids, the instant, and the two SHA-256 hashes of the chain. */
const metadata = (): string => {
  const commandId = randomUUID();
  const hash = 'a'.repeat(64);
  return JSON.stringify({ commandId, correlationId: commandId, occurredAt: AT, prevHash: hash, hash });
};

export const floor = async (context: BenchContext, clients: number): Promise<BenchResult> => {
  const { commands, warmUp } = context.sizes;
  const target = await targetFor(context, 'postgres', `floor_${clients}`);
  if (target.kind !== 'postgres') throw new Error('the floor runs on PostgreSQL only');
  // Adal's migrations make the tables, so the rows have exactly the shape (and indexes) Adal's have.
  const schema = await connectPostgresEventStore({ connectionString: target.url, schema: SCHEMA })();
  if (E.isLeft(schema)) throw new Error(schema.left.message);
  await schema.right.close();

  const pool = new pg.Pool({ connectionString: target.url, max: clients });
  pool.on('error', () => undefined);
  const submitted = JSON.stringify(reportSubmittedData());
  const followUp = JSON.stringify(followUpPostedData());
  const run = async (operations: number) => {
    const current: { stream: string; revision: number }[] = [];
    return runClients(clients, operations, async (index, client) => {
      const local = (index - client) / clients;
      const first = local % COMMANDS_PER_STREAM === 0;
      const stream = first ? { stream: reportStream(), revision: -1 } : current[client];
      if (stream === undefined) throw new Error('a follow-up before its report');
      current[client] = stream;
      const result = await pool.query(APPEND, [
        stream.stream,
        String(stream.revision),
        randomUUID(),
        first ? 'ReportSubmitted' : 'FollowUpPosted',
        first ? submitted : followUp,
        metadata(),
      ]);
      if (result.rowCount !== 1) throw new Error(`floor: the append to ${stream.stream} was refused`);
      stream.revision += 1;
    });
  };
  try {
    await run(warmUp);
    const timed = await run(commands);
    const counted = await pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM ${SCHEMA}.events`,
    );
    const storedEvents = Number(counted.rows[0]?.count ?? 0);
    return {
      workload: 'command',
      variant: clientsLabel(clients),
      store: 'postgres',
      library: 'sql',
      unit: 'ops/s',
      ...figures(timed, commands),
      storedEvents,
      ...(storedEvents === warmUp + commands ? {} : { note: `expected ${warmUp + commands} events` }),
    };
  } finally {
    await pool.end();
  }
};
