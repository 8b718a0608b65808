/**
 * DESIGN §3.3 on a real PostgreSQL server: a subscriber to `$all` never skips an event, although sequence
 * values (positions) commit out of order.
 *
 * - Several writer processes (test/support/neverSkipWriter.mjs, each with its own connections) append in
 *   explicit transactions that stay open a random few milliseconds and sometimes roll back, while one long
 *   transaction holds an early event uncommitted for a while. A subscription must deliver exactly the
 *   committed events, each once, in checkpoint order; a second one resumed from a checkpoint taken mid-run
 *   must deliver exactly the rest. A naive poller ordered by `position` runs alongside, to show what it loses.
 * - A deterministic case shows the failure the xmin rule prevents, with two hand-driven transactions.
 *
 * Figures: ADAL_NEVER_SKIP_WRITERS (processes, 4), ADAL_NEVER_SKIP_EVENTS (committed events per writer,
 * 150), ADAL_NEVER_SKIP_LANES (connections per writer, 2), ADAL_NEVER_SKIP_MAX_DELAY_MS (longest wait
 * inside a transaction, 40), ADAL_NEVER_SKIP_LONG_MS (how long the long transaction stays open at most, 2000).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionEnd } from '@adal/core';
import { globalPosition } from '@adal/core';
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

const WRITERS = envInt('ADAL_NEVER_SKIP_WRITERS', 4);
const EVENTS_PER_WRITER = envInt('ADAL_NEVER_SKIP_EVENTS', 150);
const LANES = envInt('ADAL_NEVER_SKIP_LANES', 2);
const MAX_DELAY_MS = envInt('ADAL_NEVER_SKIP_MAX_DELAY_MS', 40);
const LONG_MS = envInt('ADAL_NEVER_SKIP_LONG_MS', 2000);
const ROLLBACK_RATIO = 0.15;
const POLL_MS = 20;

const WRITER_SCRIPT = fileURLToPath(new URL('./support/neverSkipWriter.mjs', import.meta.url));

let postgres: TestPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 12 });
  pool.on('error', () => undefined);
}, 120_000);

afterAll(async () => {
  if (pool !== undefined) await endPool(pool);
  await postgres?.stop();
}, 60_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
};

const openStore = async (schema: string): Promise<PostgresEventStore> => {
  const opened = await openPostgresEventStore({ driver: pgDriver(pool), schema, pollIntervalMs: POLL_MS })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  return opened.right;
};

const newEvent = (n: number) => ({
  id: randomUUID(),
  type: 'Written',
  schemaVersion: 1,
  data: { n },
  metadata: { correlationId: `corr-${n}` },
});

interface AppendedRow {
  readonly event_id: string;
  readonly position: number | string;
  readonly transaction_id: string;
}

/** Appends in the client's open transaction through the store's SQL function, as appendToStream does. */
const appendIn = async (
  client: pg.Client,
  schema: string,
  stream: string,
  events: readonly ReturnType<typeof newEvent>[],
): Promise<{ id: string; position: bigint; xid: bigint; globalPosition: GlobalPosition }[]> => {
  const { rows } = await client.query<{ result: { events: AppendedRow[] } }>(
    `SELECT "${schema}".append_events($1, $2, $3::jsonb) AS result`,
    [stream, 'any', JSON.stringify(events)],
  );
  return (rows[0]?.result.events ?? []).map((row) => ({
    id: row.event_id,
    position: BigInt(row.position),
    xid: BigInt(row.transaction_id),
    globalPosition: globalPosition(BigInt(row.transaction_id), BigInt(row.position)),
  }));
};

const connect = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: postgres.url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
};

type WriterLine =
  | { readonly kind: 'committed' | 'rolledBack'; readonly ids: readonly string[] }
  | {
      readonly kind: 'done';
      readonly committed: number;
      readonly rolledBack: number;
      readonly transactions: number;
    };

const parseWriterLine = (line: string): WriterLine => {
  const value: unknown = JSON.parse(line);
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    const kind = value.kind;
    if ((kind === 'committed' || kind === 'rolledBack') && 'ids' in value && Array.isArray(value.ids)) {
      return { kind, ids: value.ids.map(String) };
    }
    if (kind === 'done' && 'committed' in value && 'rolledBack' in value && 'transactions' in value) {
      return {
        kind,
        committed: Number(value.committed),
        rolledBack: Number(value.rolledBack),
        transactions: Number(value.transactions),
      };
    }
  }
  throw new Error(`a writer printed an unexpected line: ${line}`);
};

interface Writer {
  readonly pid: number | undefined;
  readonly kill: () => void;
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

const startWriter = (writer: number, schema: string, onLine: (line: WriterLine) => void): Writer => {
  const config = {
    url: postgres.url,
    schema,
    writer,
    events: EVENTS_PER_WRITER,
    lanes: LANES,
    rollbackRatio: ROLLBACK_RATIO,
    maxDelayMs: MAX_DELAY_MS,
  };
  const child = spawn(process.execPath, [WRITER_SCRIPT, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => onLine(parseWriterLine(line)));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return {
    pid: child.pid,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    exited,
  };
};

interface Delivered {
  readonly id: string;
  readonly position: GlobalPosition;
}

const delivery = (event: RecordedEvent): Delivered => ({ id: event.id, position: event.globalPosition });

const expectStopped = async (subscription: Subscription): Promise<void> => {
  await subscription.stop();
  const end: SubscriptionEnd = await subscription.ended;
  expect(end._tag).toBe('Stopped');
};

/** Positions strictly increase: a checkpoint order with no repeat. Returns the first offending index. */
const firstOutOfOrder = (delivered: readonly Delivered[]): number =>
  delivered.findIndex((d, i) => i > 0 && d.position <= (delivered[i - 1]?.position ?? ''));

describe('PostgreSQL: a subscriber never skips an event (DESIGN §3.3)', () => {
  it(`delivers exactly the committed events, once each and in checkpoint order, under ${WRITERS} writer processes, rollbacks and a long transaction`, async () => {
    const started = Date.now();
    const schema = randomSchema();
    const store = await openStore(schema);
    const writers: Writer[] = [];
    const subscriptions: Subscription[] = [];
    const longClient = await connect();
    let naiveRunning = true;
    try {
      const expectedTotal = WRITERS * EVENTS_PER_WRITER + 1;

      // What the subscriber delivers, and a second subscription resumed from a checkpoint taken mid-run.
      const delivered: Delivered[] = [];
      const resumed: Delivered[] = [];
      let resumeIndex = -1;
      const resumeAt = Math.floor(expectedTotal / 3);
      subscriptions.push(
        store.subscribeToAll({}, (event) => {
          delivered.push(delivery(event));
          if (delivered.length === resumeAt) {
            resumeIndex = delivered.length - 1;
            const checkpoint = event.globalPosition;
            subscriptions.push(
              store.subscribeToAll({ after: checkpoint }, (e) => void resumed.push(delivery(e))),
            );
          }
        }),
      );

      // A naive poller: `WHERE position > last ORDER BY position`, as fast as it can.
      const naiveSeen = new Set<string>();
      let naiveLast = 0n;
      const naivePoll = async () => {
        const { rows } = await pool.query<{ event_id: string; position: string }>(
          `SELECT e.event_id, e.position::text AS position FROM "${schema}".events e WHERE e.position > $1::bigint ORDER BY e.position`,
          [naiveLast.toString()],
        );
        for (const row of rows) {
          naiveSeen.add(row.event_id);
          naiveLast = BigInt(row.position);
        }
      };
      const naive = (async () => {
        while (naiveRunning) {
          await naivePoll();
          await sleep(2);
        }
      })();

      // The writers, as separate processes.
      const committed = new Set<string>();
      const rolledBack = new Set<string>();
      const done: Extract<WriterLine, { kind: 'done' }>[] = [];
      for (let w = 0; w < WRITERS; w++) {
        writers.push(
          startWriter(w, schema, (line) => {
            if (line.kind === 'done') done.push(line);
            else line.ids.forEach((id) => (line.kind === 'committed' ? committed : rolledBack).add(id));
          }),
        );
      }
      const writersExited = Promise.all(writers.map((w) => w.exited));

      // The long transaction: opened once some writers' events are committed (and delivered), its event
      // takes a lower position than everything the writers append while it stays open.
      const writerTotal = WRITERS * EVENTS_PER_WRITER;
      await waitFor('the first commits', () => committed.size >= Math.ceil(writerTotal / 20), 30_000);
      await longClient.query('BEGIN');
      const [longEvent] = await appendIn(longClient, schema, 'neverskip-KZ-71-long', [newEvent(0)]);
      if (longEvent === undefined) throw new Error('the long transaction appended nothing');
      const longOpened = Date.now();
      const committedBeforeLong = new Set(committed);
      // It commits after LONG_MS, or earlier once most writer events are in, so the writers keep going after.
      await Promise.race([
        sleep(LONG_MS),
        waitFor('most commits', () => committed.size >= writerTotal * 0.85, LONG_MS + 60_000),
      ]);
      const deliveredWhileOpen = [...delivered];
      const heldBack = [...committed].filter((id) => !committedBeforeLong.has(id));
      await longClient.query('COMMIT');
      const longHeldMs = Date.now() - longOpened;
      committed.add(longEvent.id);

      // Nothing at or after the open transaction's position was delivered while it was open, although the
      // writers committed events there meanwhile.
      expect(heldBack.length).toBeGreaterThan(0);
      expect(deliveredWhileOpen.filter((d) => d.position >= longEvent.globalPosition)).toEqual([]);

      const exits = await writersExited;
      exits.forEach((exit, w) => expect(exit.code, `writer ${w} failed:\n${exit.stderr}`).toBe(0));
      expect(done).toHaveLength(WRITERS);
      expect(committed.size).toBe(expectedTotal);

      await waitFor(
        `the subscriber to catch up (${delivered.length}/${committed.size})`,
        () =>
          delivered.length >= committed.size &&
          resumeIndex >= 0 &&
          resumed.length >= delivered.length - resumeIndex - 1,
        30_000,
      );
      // Anything delivered twice or late would show up now.
      await sleep(POLL_MS * 10);
      naiveRunning = false;
      await naive;
      await naivePoll();
      for (const subscription of subscriptions) await expectStopped(subscription);

      // Exactly the committed events, each once, in strictly increasing checkpoint order.
      const deliveredIds = delivered.map((d) => d.id);
      expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
      expect(deliveredIds.filter((id) => !committed.has(id))).toEqual([]);
      expect([...committed].filter((id) => !deliveredIds.includes(id))).toEqual([]);
      expect(deliveredIds.filter((id) => rolledBack.has(id))).toEqual([]);
      expect(firstOutOfOrder(delivered)).toBe(-1);

      // The table holds exactly what the writers reported committed (their reports are the truth).
      const { rows: stored } = await pool.query<{ event_id: string }>(
        `SELECT event_id FROM "${schema}".events`,
      );
      expect(new Set(stored.map((r) => r.event_id))).toEqual(committed);

      // The subscription resumed mid-run from a checkpoint delivered exactly the rest, in the same order.
      expect(resumed.map((d) => d.id)).toEqual(deliveredIds.slice(resumeIndex + 1));

      // Resuming now from the middle, and paging through readAll with small pages, give the same order.
      const middle = Math.floor(delivered.length / 2);
      const checkpoint = delivered[middle]?.position;
      if (checkpoint === undefined) throw new Error('nothing delivered');
      const fromMiddle: Delivered[] = [];
      let caughtUp = false;
      const again = store.subscribeToAll(
        {
          after: checkpoint,
          onCaughtUp: () => {
            caughtUp = true;
          },
        },
        (e) => void fromMiddle.push(delivery(e)),
      );
      await waitFor('the resumed subscription to catch up', () => caughtUp, 30_000);
      await expectStopped(again);
      expect(fromMiddle.map((d) => d.id)).toEqual(deliveredIds.slice(middle + 1));

      const paged: string[] = [];
      let after: GlobalPosition | undefined;
      for (;;) {
        const page = await store.readAll({ max: 37, ...(after === undefined ? {} : { after }) })();
        if (page._tag === 'Left') throw new Error(page.left.message);
        paged.push(...page.right.events.map((e) => e.id));
        after = page.right.next;
        if (page.right.isEnd) break;
      }
      expect(paged).toEqual(deliveredIds);

      // Positions vs. $all order: how often a later-delivered event has a lower position (its xid was drawn
      // before, its position after, another transaction's), and what a position-ordered poller lost.
      const { rows: order } = await pool.query<{ event_id: string; position: string }>(
        `SELECT event_id, position::text AS position FROM "${schema}".events`,
      );
      const positionOf = new Map(order.map((r) => [r.event_id, BigInt(r.position)]));
      let highest = 0n;
      let inversions = 0;
      for (const d of delivered) {
        const p = positionOf.get(d.id) ?? 0n;
        if (p < highest) inversions += 1;
        else highest = p;
      }
      const naiveMissed = [...committed].filter((id) => !naiveSeen.has(id));
      // The long transaction's event has a lower position than events committed while it was open, so the
      // naive poller, which kept polling all along, moved past it.
      expect(naiveMissed).toContain(longEvent.id);

      const rolledBackCount = done.reduce((n, d) => n + d.rolledBack, 0);
      const transactions = done.reduce((n, d) => n + d.transactions, 0);
      console.log(
        [
          `never-skips: ${WRITERS} writer processes × ${LANES} connections, ${EVENTS_PER_WRITER} committed events each, ` +
            `waits of 0–${MAX_DELAY_MS} ms inside transactions, ${ROLLBACK_RATIO * 100} % rolled back`,
          `  transactions: ${transactions + 1} (writers ${transactions}, long 1)`,
          `  events committed: ${committed.size} (writers ${writerTotal}, long transaction 1); rolled back: ${rolledBackCount} (${rolledBack.size} ids)`,
          `  delivered: ${delivered.length}, each once, in checkpoint order; resumed mid-run after #${resumeIndex + 1}: ${resumed.length} (the rest, exactly)`,
          `  long transaction: open ${longHeldMs} ms; ${heldBack.length} events committed by writers meanwhile were held back; ${deliveredWhileOpen.length} delivered before it`,
          `  delivered after an event with a higher position (xid order differs from position order): ${inversions}`,
          `  a naive "position > last ORDER BY position" poller missed ${naiveMissed.length} of ${committed.size} (the long transaction's among them)`,
          `  run time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ].join('\n'),
      );
      expect(rolledBackCount).toBe(rolledBack.size);
    } finally {
      naiveRunning = false;
      writers.forEach((w) => w.kill());
      await Promise.all(writers.map((w) => w.exited));
      for (const subscription of subscriptions) await subscription.stop();
      await longClient.query('ROLLBACK').catch(() => undefined);
      await longClient.end().catch(() => undefined);
      await store.close();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  }, 120_000);

  it('keeps delivering, by polling, after the server drops the connection it listens on', async () => {
    const schema = randomSchema();
    const store = await openStore(schema);
    const subscribed: Delivered[] = [];
    const subscription = store.subscribeToAll({}, (event) => void subscribed.push(delivery(event)));
    try {
      const append = async (n: number) => {
        const result = await store.appendToStream(`listen-KZ-71-s${n}`, [newEvent(n)], {
          expectedRevision: 'no_stream',
        })();
        if (result._tag === 'Left') throw new Error(result.left.message);
        return result.right.events.map((e) => e.id);
      };
      const first = await append(1);
      await waitFor('the first event', () => subscribed.length >= 1, 10_000);
      // Unheard, the dropped connection's 'error' event would be an uncaught exception (a crashed process).
      const { rows } = await pool.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND strpos(query, $1) > 0`,
        [`LISTEN "${schema}_events"`],
      );
      expect(rows.map((r) => r.terminated)).toEqual([true]);
      await sleep(100);
      const second = await append(2);
      await waitFor('the second event', () => subscribed.length >= 2, 10_000);
      expect(subscribed.map((d) => d.id)).toEqual([...first, ...second]);
    } finally {
      await expectStopped(subscription);
      await store.close();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  }, 60_000);

  it('shows why the xmin rule matters: a position-ordered reader skips a late commit, readAll and subscribeToAll do not', async () => {
    const schema = randomSchema();
    const store = await openStore(schema);
    const a = await connect();
    const b = await connect();
    const subscribed: Delivered[] = [];
    const subscription = store.subscribeToAll({}, (event) => void subscribed.push(delivery(event)));
    try {
      // A draws the lower position and the lower xid, B the higher ones; B commits first.
      await a.query('BEGIN');
      const [early] = await appendIn(a, schema, 'xmin-KZ-71-a', [newEvent(1)]);
      await b.query('BEGIN');
      const [late] = await appendIn(b, schema, 'xmin-KZ-71-b', [newEvent(2)]);
      if (early === undefined || late === undefined) throw new Error('an append returned nothing');
      expect(early.position).toBeLessThan(late.position);
      expect(early.xid).toBeLessThan(late.xid);
      await b.query('COMMIT');

      // Naive reader 1 orders by position; naive reader 2 by (xid, position) but without the xmin bound.
      let byPosition = 0n;
      const readByPosition = async (): Promise<string[]> => {
        const { rows } = await pool.query<{ event_id: string; position: string }>(
          `SELECT e.event_id, e.position::text AS position FROM "${schema}".events e WHERE e.position > $1::bigint ORDER BY e.position`,
          [byPosition.toString()],
        );
        for (const row of rows) byPosition = BigInt(row.position);
        return rows.map((r) => r.event_id);
      };
      let byXid = { xid: 0n, position: 0n };
      const readByXidUnbounded = async (): Promise<string[]> => {
        const { rows } = await pool.query<{ event_id: string; xid: string; position: string }>(
          `SELECT e.event_id, e.transaction_id::text AS xid, e.position::text AS position FROM "${schema}".events e
            WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint) ORDER BY e.transaction_id, e.position`,
          [byXid.xid.toString(), byXid.position.toString()],
        );
        for (const row of rows) byXid = { xid: BigInt(row.xid), position: BigInt(row.position) };
        return rows.map((r) => r.event_id);
      };

      // While A is open, both naive readers see B's event and move their checkpoint past A's position…
      expect(await readByPosition()).toEqual([late.id]);
      expect(await readByXidUnbounded()).toEqual([late.id]);
      // …while readAll holds B back (A, an older transaction, is still running) and says where to resume.
      const whileOpen = await store.readAll({})();
      if (whileOpen._tag === 'Left') throw new Error(whileOpen.left.message);
      expect(whileOpen.right.events).toEqual([]);
      expect(whileOpen.right.isEnd).toBe(true);
      const checkpoint = whileOpen.right.next;
      expect(checkpoint !== undefined && checkpoint < early.globalPosition).toBe(true);
      await sleep(POLL_MS * 5);
      expect(subscribed).toEqual([]);

      await a.query('COMMIT');

      // A's event is now committed, below both naive checkpoints: neither naive reader ever returns it.
      expect(await readByPosition()).toEqual([]);
      expect(await readByXidUnbounded()).toEqual([]);
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events`);
      expect(rows[0]?.n).toBe('2');

      // readAll from the checkpoint it gave while A was open, and the subscription, deliver both, A first.
      const afterCommit = await store.readAll(checkpoint === undefined ? {} : { after: checkpoint })();
      if (afterCommit._tag === 'Left') throw new Error(afterCommit.left.message);
      expect(afterCommit.right.events.map((e) => e.id)).toEqual([early.id, late.id]);
      await waitFor('the subscription', () => subscribed.length >= 2, 10_000);
      await sleep(POLL_MS * 5);
      expect(subscribed.map((d) => d.id)).toEqual([early.id, late.id]);
      expect(subscribed.map((d) => d.position)).toEqual([early.globalPosition, late.globalPosition]);
      console.log(
        `xmin demo: A drew position ${early.position} (xid ${early.xid}), B drew ${late.position} (xid ${late.xid}); B committed first. ` +
          `Position-ordered reader: [B] then [] (A skipped for good). (xid, position) without xmin: [B] then [] (A skipped). ` +
          `readAll: [] while A was open, then [A, B]; subscribeToAll: [A, B].`,
      );
    } finally {
      await subscription.stop();
      for (const client of [a, b]) {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end().catch(() => undefined);
      }
      await store.close();
      await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  }, 60_000);
});
