/**
 * DESIGN §3.1 on a real PostgreSQL server: many writers race for one stream revision over real parallel
 * connections — a node-postgres pool of 20+ connections in this process (through store.appendToStream) and
 * writer processes with connections of their own (test/support/contentionWriter.mjs, through the same SQL
 * function). Exactly one wins each revision; every loser gets WrongExpectedRevision naming the winner's
 * revision and leaves no trace: none of its events is stored and it draws no position, so with no rollback
 * in the run the stored positions are exactly 1..n and the position sequence stands at n.
 *
 * Most rounds are gated: a transaction holds `LOCK TABLE streams IN EXCLUSIVE MODE` until every contender's
 * append is waiting on it inside the function (seen in pg_stat_activity), then commits, so all of them enter
 * the race at the same instant. Every third round is a free-for-all without the gate.
 *
 * Figures: ADAL_CONTENTION_REVISIONS (30), ADAL_CONTENTION_WRITERS (in-process writers, 12; the pool has
 * twice as many connections, at least 20), ADAL_CONTENTION_PROCESSES (3), ADAL_CONTENTION_PROCESS_WRITERS
 * (connections per process, 2), ADAL_CONTENTION_NEW_STREAMS (streams raced with 'no_stream', 15).
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { EventToAppend, ExpectedRevision, StreamState } from '@adal/core';
import { globalPositionParts } from '@adal/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresEventStore } from '../src/postgres.js';
import { openPostgresEventStore, pgDriver } from '../src/postgres.js';
import type { TestPostgres } from './support/postgres.js';
import { endPool, randomSchema, startPostgres } from './support/postgres.js';

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
};

const REVISIONS = envInt('ADAL_CONTENTION_REVISIONS', 30);
const IN_PROCESS_WRITERS = envInt('ADAL_CONTENTION_WRITERS', 12);
const PROCESSES = envInt('ADAL_CONTENTION_PROCESSES', 3);
const PROCESS_WRITERS = envInt('ADAL_CONTENTION_PROCESS_WRITERS', 2);
const NEW_STREAMS = envInt('ADAL_CONTENTION_NEW_STREAMS', 15);
const CONTENDERS = IN_PROCESS_WRITERS + PROCESSES * PROCESS_WRITERS;
const POOL_SIZE = Math.max(20, IN_PROCESS_WRITERS * 2);

const WRITER_SCRIPT = fileURLToPath(new URL('./support/contentionWriter.mjs', import.meta.url));

let postgres: TestPostgres;
let admin: pg.Pool;

beforeAll(async () => {
  postgres = await startPostgres();
  admin = new pg.Pool({ connectionString: postgres.url, max: 4 });
  admin.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  if (admin !== undefined) await endPool(admin);
  await postgres?.stop();
}, 60_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const randomInt = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

const batch = (size: number, tag: string): EventToAppend[] =>
  Array.from({ length: size }, (_, i) => ({
    id: randomUUID(),
    type: 'Raced',
    schemaVersion: 1,
    data: { tag, index: i },
    metadata: { correlationId: tag },
  }));

/** One contender's result, the same whether it came through the store or a writer process. */
type Outcome =
  | { readonly ok: true; readonly events: readonly { id: string; position: bigint; revision: bigint }[] }
  | { readonly ok: false; readonly actual: StreamState }
  | { readonly ok: false; readonly unexpected: string };

// ——— writer processes ———

interface ProcessWriter {
  readonly child: ChildProcess;
  readonly round: (
    round: number,
    stream: string,
    expected: ExpectedRevision,
    batches: readonly EventToAppend[][],
  ) => Promise<Outcome[]>;
  readonly stop: () => Promise<void>;
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;

const childOutcome = (u: unknown): Outcome => {
  if (!isRecord(u)) return { ok: false, unexpected: `not an outcome: ${JSON.stringify(u)}` };
  if (u['ok'] === true && Array.isArray(u['events'])) {
    return {
      ok: true,
      events: u['events'].filter(isRecord).map((e) => ({
        id: String(e['id']),
        position: BigInt(String(e['position'])),
        revision: BigInt(String(e['revision'])),
      })),
    };
  }
  const message = String(u['message']);
  const wrong = /adal:wrong_expected_revision:(-?\d+)/.exec(message);
  if (u['code'] === 'P0001' && wrong?.[1] !== undefined) {
    const actual = BigInt(wrong[1]);
    return { ok: false, actual: actual < 0n ? 'no_stream' : actual };
  }
  return { ok: false, unexpected: `${String(u['code'])}: ${message}` };
};

const startProcessWriter = async (schema: string, index: number): Promise<ProcessWriter> => {
  const child = fork(
    WRITER_SCRIPT,
    [JSON.stringify({ url: postgres.url, schema, writers: PROCESS_WRITERS })],
    {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const waiting = new Map<number, (outcomes: Outcome[]) => void>();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if (!isRecord(message)) return;
      if (message['kind'] === 'ready') resolve();
      if (
        message['kind'] === 'outcomes' &&
        typeof message['round'] === 'number' &&
        Array.isArray(message['outcomes'])
      ) {
        waiting.get(message['round'])?.(message['outcomes'].map(childOutcome));
        waiting.delete(message['round']);
      }
    });
    void exited.then((code) =>
      reject(new Error(`writer process ${index} exited (${code}) before it was ready:\n${stderr}`)),
    );
  });
  await ready;
  return {
    child,
    round: (round, stream, expected, batches) =>
      new Promise<Outcome[]>((resolve, reject) => {
        waiting.set(round, resolve);
        void exited.then((code) => reject(new Error(`writer process ${index} exited (${code}):\n${stderr}`)));
        child.send({ kind: 'round', round, stream, expected: String(expected), batches });
      }),
    stop: async () => {
      if (child.connected) child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

// ——— the race ———

interface Race {
  readonly store: PostgresEventStore;
  readonly schema: string;
  readonly processes: readonly ProcessWriter[];
  readonly gate: pg.Client;
}

interface RoundResult {
  readonly winner: {
    readonly origin: string;
    readonly events: readonly { id: string; position: bigint; revision: bigint }[];
  };
  readonly loserIds: readonly string[];
  readonly losers: number;
}

const waitingAppends = async (schema: string): Promise<number> => {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, $1) > 0`,
    [`"${schema}".append_events`],
  );
  return rows[0]?.n ?? 0;
};

/**
 * One round: every contender appends its own batch to `stream` at `expected`, all at once. With `gated`, they
 * all queue on a table lock first and are let go together.
 */
const race = async (
  { store, schema, processes, gate }: Race,
  round: number,
  stream: string,
  expected: ExpectedRevision,
  gated: boolean,
): Promise<RoundResult> => {
  const inProcessBatches = Array.from({ length: IN_PROCESS_WRITERS }, (_, i) =>
    batch(randomInt(1, 3), `r${round}-in${i}`),
  );
  const processBatches = processes.map((_, p) =>
    Array.from({ length: PROCESS_WRITERS }, (__, w) => batch(randomInt(1, 3), `r${round}-p${p}w${w}`)),
  );
  if (gated) {
    await gate.query('BEGIN');
    await gate.query(`LOCK TABLE "${schema}".streams IN EXCLUSIVE MODE`);
  }
  let outcomes: { origin: string; ids: string[]; outcome: Outcome }[];
  try {
    const inProcess = inProcessBatches.map(async (events) => {
      const result = await store.appendToStream(stream, events, { expectedRevision: expected })();
      const outcome: Outcome =
        result._tag === 'Right'
          ? {
              ok: true,
              events: result.right.events.map((e) => ({
                id: e.id,
                position: globalPositionParts(e.globalPosition).minor,
                revision: e.streamRevision,
              })),
            }
          : result.left._tag === 'WrongExpectedRevision' && result.left.expected === expected
            ? { ok: false, actual: result.left.actual }
            : { ok: false, unexpected: `${result.left._tag}: ${result.left.message}` };
      return { origin: 'in-process', ids: events.map((e) => e.id), outcome };
    });
    const inProcesses = processes.map(async (writer, p) => {
      const batches = processBatches[p] ?? [];
      const results = await writer.round(round, stream, expected, batches);
      return results.map((outcome, w) => ({
        origin: `process ${p}`,
        ids: (batches[w] ?? []).map((e) => e.id),
        outcome,
      }));
    });
    const all = Promise.all([Promise.all(inProcess), Promise.all(inProcesses)]);
    if (gated) {
      const deadline = Date.now() + 20_000;
      while ((await waitingAppends(schema)) < CONTENDERS) {
        if (Date.now() > deadline)
          throw new Error(`round ${round}: not all ${CONTENDERS} appends reached the gate`);
        await sleep(2);
      }
      await gate.query('COMMIT');
    }
    const [fromStore, fromProcesses] = await all;
    outcomes = [...fromStore, ...fromProcesses.flat()];
  } finally {
    if (gated) await gate.query('ROLLBACK').catch(() => undefined);
  }

  expect(outcomes).toHaveLength(CONTENDERS);
  const unexpected = outcomes.flatMap((o) =>
    'unexpected' in o.outcome ? [`${o.origin}: ${o.outcome.unexpected}`] : [],
  );
  expect(unexpected, `round ${round}: unexpected failures`).toEqual([]);
  const winners = outcomes.filter((o) => o.outcome.ok);
  expect(winners, `round ${round}: exactly one winner`).toHaveLength(1);
  const [won] = winners;
  if (won === undefined || !won.outcome.ok) throw new Error('no winner');
  const first = expected === 'no_stream' ? 0n : typeof expected === 'bigint' ? expected + 1n : -1n;
  expect(won.outcome.events.map((e) => e.id)).toEqual(won.ids);
  expect(won.outcome.events.map((e) => e.revision)).toEqual(won.ids.map((_, i) => first + BigInt(i)));
  const last = won.outcome.events[won.outcome.events.length - 1]?.revision;
  // Every loser was told the revision the winner left the stream at.
  const losers = outcomes.filter((o) => !o.outcome.ok);
  expect(losers.map((o) => ('actual' in o.outcome ? o.outcome.actual : undefined))).toEqual(
    losers.map(() => last),
  );
  return {
    winner: { origin: won.origin, events: won.outcome.events },
    loserIds: losers.flatMap((o) => o.ids),
    losers: losers.length,
  };
};

/** What the schema holds after a run: every event by position, the sequence, the streams. */
const checkNoTrace = async (schema: string, winners: readonly RoundResult[]) => {
  const winnerIds = winners.flatMap((w) => w.winner.events.map((e) => e.id));
  const loserIds = winners.flatMap((w) => w.loserIds);
  const { rows: stored } = await admin.query<{ event_id: string; position: string }>(
    `SELECT e.event_id, e.position::text AS position FROM "${schema}".events e ORDER BY e.position`,
  );
  // Exactly the winners' events, and their positions are 1..n: no loser drew a sequence value.
  expect(new Set(stored.map((r) => r.event_id))).toEqual(new Set(winnerIds));
  expect(stored.map((r) => r.position)).toEqual(stored.map((_, i) => String(i + 1)));
  const { rows: found } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${schema}".events WHERE event_id = ANY($1::uuid[])`,
    [loserIds],
  );
  expect(found[0]?.n).toBe(0);
  const [sequence] = (
    await admin.query<{ name: string }>(`SELECT pg_get_serial_sequence($1, 'position') AS name`, [
      `"${schema}".events`,
    ])
  ).rows;
  if (sequence === undefined) throw new Error('no position sequence');
  const { rows: seq } = await admin.query<{ last_value: string; is_called: boolean }>(
    `SELECT last_value::text AS last_value, is_called FROM ${sequence.name}`,
  );
  expect(seq[0]).toEqual({ last_value: String(winnerIds.length), is_called: true });
  return {
    events: stored.length,
    losers: loserIds.length,
    sequence: seq[0]?.last_value ?? '?',
    sequenceName: sequence.name,
  };
};

const setUp = async (schema: string) => {
  const pool = new pg.Pool({ connectionString: postgres.url, max: POOL_SIZE, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  // Open the pool's connections up front, so the writers race on the server, not on connecting: one per
  // writer, and one for the NOTIFY the store sends after a commit (it may go out while every writer holds one).
  const warm = await Promise.all(Array.from({ length: IN_PROCESS_WRITERS + 1 }, () => pool.connect()));
  warm.forEach((client) => client.release());
  const opened = await openPostgresEventStore({ driver: pgDriver(pool), schema })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  const store = opened.right;
  // Connections the pool opens from now on: none is needed, so any would replace one a refusal closed.
  let reconnects = 0;
  pool.on('connect', () => {
    reconnects += 1;
  });
  const processes = await Promise.all(
    Array.from({ length: PROCESSES }, (_, p) => startProcessWriter(schema, p)),
  );
  const gate = new pg.Client({ connectionString: postgres.url });
  gate.on('error', () => undefined);
  await gate.connect();
  const race: Race = { store, schema, processes, gate };
  const tearDown = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await gate.end().catch(() => undefined);
    await store.close();
    await endPool(pool);
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  };
  return { race, tearDown, reconnects: () => reconnects };
};

const tally = (results: readonly RoundResult[]): string => {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.winner.origin, (counts.get(r.winner.origin) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([origin, n]) => `${origin} ${n}`)
    .join(', ');
};

describe('PostgreSQL: one winner per stream revision, losers leave no trace (DESIGN §3.1)', () => {
  it(`${REVISIONS} revisions × ${CONTENDERS} concurrent writers on one stream`, async () => {
    const started = Date.now();
    const schema = randomSchema();
    const { race: setup, tearDown, reconnects } = await setUp(schema);
    try {
      const stream = `race-KZ-71-${randomUUID()}`;
      const created = await setup.store.appendToStream(stream, batch(1, 'created'), {
        expectedRevision: 'no_stream',
      })();
      if (created._tag === 'Left') throw new Error(created.left.message);
      const initial: RoundResult = {
        winner: {
          origin: 'setup',
          events: created.right.events.map((e) => ({
            id: e.id,
            position: globalPositionParts(e.globalPosition).minor,
            revision: e.streamRevision,
          })),
        },
        loserIds: [],
        losers: 0,
      };
      const results: RoundResult[] = [];
      let revision = created.right.nextExpectedRevision;
      let gatedRounds = 0;
      for (let round = 0; round < REVISIONS; round++) {
        const gated = round % 3 !== 2;
        if (gated) gatedRounds += 1;
        const result = await race(setup, round, stream, revision, gated);
        results.push(result);
        revision = result.winner.events[result.winner.events.length - 1]?.revision ?? revision;
      }
      // A refused append leaves its pooled connection usable: the pool never had to open another.
      const opened = reconnects();
      expect(opened).toBe(0);

      // The stream reads as the winners' batches, revisions 0..n-1 with no gap; the stream row agrees.
      const read = await setup.store.readStream(stream, { max: 1000 })();
      if (read._tag === 'Left') throw new Error(read.left.message);
      const winnersInOrder = [initial, ...results].flatMap((r) => r.winner.events.map((e) => e.id));
      expect(read.right.events.map((e) => e.id)).toEqual(winnersInOrder);
      expect(read.right.events.map((e) => e.streamRevision)).toEqual(winnersInOrder.map((_, i) => BigInt(i)));
      expect(read.right.streamRevision).toBe(revision);
      const { rows: streams } = await admin.query<{ stream_name: string; revision: string }>(
        `SELECT stream_name, revision::text AS revision FROM "${schema}".streams`,
      );
      expect(streams).toEqual([{ stream_name: stream, revision: String(revision) }]);

      const trace = await checkNoTrace(schema, [initial, ...results]);
      console.log(
        [
          `contention: ${REVISIONS} revisions × ${CONTENDERS} writers on one stream ` +
            `(${IN_PROCESS_WRITERS} through store.appendToStream on a ${POOL_SIZE}-connection pool + ${PROCESSES} processes × ${PROCESS_WRITERS} connections)`,
          `  rounds: ${gatedRounds} gated (all ${CONTENDERS} appends seen waiting on the lock, then released together), ${REVISIONS - gatedRounds} free-for-all`,
          `  winners: ${results.length} (one per revision; ${tally(results)}); losers: ${results.reduce((n, r) => n + r.losers, 0)}, all WrongExpectedRevision naming the winner's revision`,
          `  stored: ${trace.events} events = the winners' (stream at revision ${revision}); of the losers' ${trace.losers} events, stored: 0`,
          `  positions 1..${trace.events} with no gap; ${trace.sequenceName} last_value = ${trace.sequence}`,
          `  pool connections opened during the race (a refusal must not cost one): ${opened}`,
          `  run time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ].join('\n'),
      );
    } finally {
      await tearDown();
    }
  }, 120_000);

  it(`${NEW_STREAMS} new streams × ${CONTENDERS} concurrent writers expecting 'no_stream'`, async () => {
    const started = Date.now();
    const schema = randomSchema();
    const { race: setup, tearDown, reconnects } = await setUp(schema);
    try {
      const results: RoundResult[] = [];
      const streams: { name: string; revision: bigint }[] = [];
      let gatedRounds = 0;
      for (let round = 0; round < NEW_STREAMS; round++) {
        const stream = `race-KZ-75-${randomUUID()}`;
        const gated = round % 3 !== 2;
        if (gated) gatedRounds += 1;
        const result = await race(setup, round, stream, 'no_stream', gated);
        results.push(result);
        streams.push({
          name: stream,
          revision: result.winner.events[result.winner.events.length - 1]?.revision ?? -1n,
        });
      }
      const opened = reconnects();
      expect(opened).toBe(0);
      for (const [i, s] of streams.entries()) {
        const read = await setup.store.readStream(s.name)();
        if (read._tag === 'Left') throw new Error(read.left.message);
        expect(read.right.events.map((e) => e.id)).toEqual(results[i]?.winner.events.map((e) => e.id));
      }
      const { rows } = await admin.query<{ stream_name: string; revision: string }>(
        `SELECT stream_name, revision::text AS revision FROM "${schema}".streams ORDER BY stream_name`,
      );
      expect(rows).toEqual(
        streams
          .map((s) => ({ stream_name: s.name, revision: String(s.revision) }))
          .sort((a, b) => (a.stream_name < b.stream_name ? -1 : 1)),
      );
      const trace = await checkNoTrace(schema, results);
      console.log(
        [
          `contention 'no_stream': ${NEW_STREAMS} new streams × ${CONTENDERS} writers creating each at once`,
          `  rounds: ${gatedRounds} gated, ${NEW_STREAMS - gatedRounds} free-for-all`,
          `  creators: ${results.length} (one per stream; ${tally(results)}); losers: ${results.reduce((n, r) => n + r.losers, 0)}, all WrongExpectedRevision naming the winner's revision`,
          `  stored: ${trace.events} events = the winners'; loser events stored: 0; positions 1..${trace.events} with no gap; ${trace.sequenceName} last_value = ${trace.sequence}`,
          `  pool connections opened during the race: ${opened}`,
          `  run time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ].join('\n'),
      );
    } finally {
      await tearDown();
    }
  }, 120_000);
});
