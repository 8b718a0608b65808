/**
 * Emmett as its documentation shows it: `DeciderCommandHandler` over `getInMemoryEventStore` or
 * `getPostgreSQLEventStore`, `aggregateStream` to load, `appendToStream` with `expectedStreamVersion` to
 * seed. Each store gets Emmett's defaults (its own connection pool, schema created on first use).
 */
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@event-driven-io/emmett';
import {
  DeciderCommandHandler,
  getInMemoryEventStore,
  isExpectedVersionConflictError,
} from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { followUpPostedData, reportSubmittedData } from '../reportCommands.js';
import type { Contender, ContenderOptions, StoreTarget } from './Contender.js';
import { POOL_SIZE, SEED_BATCH } from './Contender.js';
import type { FollowUpPosted, ReportCommand, ReportEvent, ReportState } from './emmettReport.js';
import { decide, evolve, initialState } from './emmettReport.js';

const metadata = () => {
  const commandId = randomUUID();
  return { commandId, correlationId: commandId, occurredAt: new Date().toISOString() };
};

export const openEmmett = async (target: StoreTarget, options: ContenderOptions = {}): Promise<Contender> => {
  if (target.kind === 'pglite') throw new Error('emmett: there is no Emmett store on PGlite');
  const pool =
    target.kind === 'postgres' ? new pg.Pool({ connectionString: target.url, max: POOL_SIZE }) : undefined;
  pool?.on('error', () => undefined);
  const postgres =
    target.kind === 'postgres' && pool !== undefined
      ? getPostgreSQLEventStore(target.url, { connectionOptions: { connectionString: target.url, pool } })
      : undefined;
  const store: EventStore = postgres ?? getInMemoryEventStore();
  let conflicts = 0;
  // Emmett's own conflict retry, with a jittered backoff as short as Adal's (its default waits 100 ms
  // and gives up after 3 tries, which 8 writers on one stream exhaust).
  const retry =
    options.maxRetries === undefined
      ? undefined
      : {
          onVersionConflict: {
            retries: options.maxRetries,
            minTimeout: 2,
            maxTimeout: 100,
            factor: 2,
            randomize: true,
            shouldRetryError: isExpectedVersionConflictError,
            onRetry: () => {
              conflicts += 1;
            },
          },
        };
  const newHandler = () =>
    DeciderCommandHandler<ReportState, ReportCommand, ReportEvent>({
      decide,
      evolve,
      initialState,
      ...(retry === undefined ? {} : { retry }),
    });
  const handle = newHandler();
  const run = async (stream: string, command: ReportCommand) => {
    await handle(store, stream, command);
  };

  return {
    library: 'emmett',
    submit: (stream) =>
      run(stream, { type: 'SubmitReport', data: { report: reportSubmittedData(), recorded: metadata() } }),
    followUp: (stream) =>
      run(stream, { type: 'PostFollowUp', data: { report: followUpPostedData(), recorded: metadata() } }),
    rehydrate: async (stream) => {
      const { state } = await store.aggregateStream(stream, { evolve, initialState });
      if (state.status !== 'submitted') throw new Error(`emmett: the report loaded as ${state.status}`);
    },
    seedLongStream: async (stream, events) => {
      await run(stream, {
        type: 'SubmitReport',
        data: { report: reportSubmittedData(), recorded: metadata() },
      });
      // Emmett counts stream versions from 1: after n events the stream is at version n.
      for (let version = 1; version < events; version += SEED_BATCH) {
        const size = Math.min(SEED_BATCH, events - version);
        const batch: FollowUpPosted[] = Array.from({ length: size }, () => ({
          type: 'FollowUpPosted',
          data: followUpPostedData(),
          metadata: metadata(),
        }));
        await store.appendToStream(stream, batch, { expectedStreamVersion: BigInt(version) });
      }
    },
    storedEvents: async (streams) => {
      if (target.kind === 'postgres') return countRows(target.url, streams);
      let total = 0;
      for (const stream of streams) total += (await store.readStream(stream)).events.length;
      return total;
    },
    otherProcess: () => {
      const other = newHandler();
      return {
        followUp: async (stream) => {
          await other(store, stream, {
            type: 'PostFollowUp',
            data: { report: followUpPostedData(), recorded: metadata() },
          });
        },
      };
    },
    conflicts: () => conflicts,
    close: async () => {
      await postgres?.close();
      await pool?.end();
    },
  };
};

/** Emmett's messages table, counted directly: one query instead of a read per stream. */
const countRows = async (url: string, streams: readonly string[]): Promise<number> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM emt_messages WHERE stream_id = ANY($1::text[])',
      [streams],
    );
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
};
