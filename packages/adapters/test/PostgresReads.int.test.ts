/**
 * Reads of the PostgreSQL store beyond the contract: rows the server encodes as JSON come back exact at the
 * edges (numbers past 2^53, names and types that JSON must escape, an infinite time), on node-postgres and on
 * PGlite; and the pages read ahead for a reader paging through `$all` are used only when they must be what a
 * read now returns.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { AllPage, EventStore, JsonValue, RecordedEvent } from '@adal/core';
import { globalPosition, globalPositionParts } from '@adal/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresEventStore, SqlDriver } from '../src/postgres.js';
import { openPostgresEventStore, pgDriver, pgliteDriver } from '../src/postgres.js';
import { category, event, right, stream } from '../src/contract/support.js';
import type { TestPostgres } from './support/postgres.js';
import { endPool, randomSchema, startPostgres } from './support/postgres.js';

let postgres: TestPostgres;
let pool: pg.Pool;
let lite: PGlite;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = new pg.Pool({ connectionString: postgres.url, max: 10 });
  lite = await PGlite.create();
}, 120_000);

afterAll(async () => {
  await endPool(pool);
  await postgres.stop();
  await lite.close();
}, 60_000);

const open = async (driver: SqlDriver): Promise<PostgresEventStore> => {
  const opened = await openPostgresEventStore({
    driver,
    schema: randomSchema(),
    pollIntervalMs: 200,
    // PGlite in memory has no fsync.
    unsafe: true,
  })();
  if (opened._tag === 'Left') throw new Error(opened.left.message);
  return opened.right;
};

const withStore = async (driver: SqlDriver, body: (store: PostgresEventStore) => Promise<void>) => {
  const store = await open(driver);
  try {
    await body(store);
  } finally {
    await store.close();
    await driver.query(`DROP SCHEMA ${store.schema} CASCADE`);
  }
};

const readAllPage = async (store: EventStore, options: Parameters<EventStore['readAll']>[0]) =>
  right(await store.readAll(options)(), 'readAll');

/** The position PostgreSQL holds for an event, as `globalPosition` writes it. */
const storedPosition = async (store: PostgresEventStore, id: string) => {
  const [row] = await store.driver.query<{ t: string; p: string }>(
    `SELECT transaction_id::text AS t, position::text AS p FROM ${store.schema}.events WHERE event_id = $1`,
    [id],
  );
  assert.ok(row !== undefined, `event ${id} is stored`);
  return globalPosition(BigInt(row.t), BigInt(row.p));
};

const drivers: readonly (readonly [string, () => SqlDriver])[] = [
  ['node-postgres', () => pgDriver(pool)],
  ['PGlite', () => pgliteDriver(lite)],
];

describe.each(drivers)('PostgreSQL reads, %s', (_name, driver) => {
  it('reads positions and revisions past 2^53 exactly', async () => {
    await withStore(driver(), async (store) => {
      const s = store.schema;
      const big = 2n ** 53n + 1n;
      await store.driver.query(`ALTER SEQUENCE ${s}.events_position_seq RESTART WITH ${big}`);
      const cat = category();
      const name = stream(cat);
      const appended = right(
        await store.appendToStream(name, [event(1), event(2), event(3)], { expectedRevision: 'no_stream' })(),
        'append',
      );
      const page = await readAllPage(store, { filter: { streamPrefixes: [`${cat}-`] } });
      expect(page.events.map((e) => e.id)).toEqual(appended.events.map((e) => e.id));
      expect(page.events.map((e) => e.globalPosition)).toEqual(appended.events.map((e) => e.globalPosition));
      expect(page.events.map((e) => globalPositionParts(e.globalPosition).minor)).toEqual([
        big,
        big + 1n,
        big + 2n,
      ]);
      for (const e of page.events) expect(e.globalPosition).toBe(await storedPosition(store, e.id));
      const first = page.events[0];
      assert.ok(first !== undefined);
      const rest = await readAllPage(store, {
        after: first.globalPosition,
        filter: { streamPrefixes: [`${cat}-`] },
      });
      expect(rest.events.map((e) => e.id)).toEqual(appended.events.slice(1).map((e) => e.id));

      // A stream this long cannot be written through the store in a test: its rows are put in directly.
      const long = stream(cat);
      const revision = 2n ** 53n + 7n;
      const id = randomUUID();
      await store.driver.query(`INSERT INTO ${s}.streams (stream_name, revision) VALUES ($1, $2::bigint)`, [
        long,
        revision.toString(),
      ]);
      await store.driver.query(
        `INSERT INTO ${s}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata)
         VALUES ($1, $2, $3::bigint, 'Long', 1, '{"n": 1}', '{}')`,
        [id, long, revision.toString()],
      );
      const read = right(await store.readStream(long, { from: revision })(), 'readStream');
      expect(read.streamRevision).toBe(revision);
      expect(read.events.map((e) => [e.id, e.streamRevision])).toEqual([[id, revision]]);
      const all = await readAllPage(store, { filter: { streamPrefixes: [long] } });
      expect(all.events.map((e) => [e.id, e.streamRevision])).toEqual([[id, revision]]);
    });
  });

  it('reads names, types and data that JSON must escape, and an infinite time, as stored', async () => {
    await withStore(driver(), async (store) => {
      const s = store.schema;
      const cat = category();
      const data: JsonValue = {
        text: 'quote " backslash \\ slash / newline \n tab \t bell \u0007 line separator \u2028 ✓ 𝄞',
        nested: [{ 'key "with" quotes': null }, true, -1.5e300, 12345678901234],
        empty: { '': '' },
      };
      const appended = right(
        await store.appendToStream(stream(cat), [event(1, data, 'Escaped.Data')], {
          expectedRevision: 'no_stream',
        })(),
        'append',
      );
      // Names and times the store never writes, put in directly: reading must not fail on them.
      const odd = `${cat}-KZ-71-"odd",\\name\n`;
      const id = randomUUID();
      await store.driver.query(
        `INSERT INTO ${s}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata, recorded_at)
         VALUES ($1, $2, 0, $3, 2, '[]', '{"k": "v"}', 'infinity')`,
        [id, odd, 'Odd,"type"]'],
      );
      const page = await readAllPage(store, { filter: { streamPrefixes: [`${cat}-`] } });
      const [written, inserted] = page.events;
      assert.ok(written !== undefined && inserted !== undefined);
      const expected = appended.events[0];
      assert.ok(expected !== undefined);
      expect(written).toEqual(expected);
      expect(written.data).toEqual(data);
      expect(inserted).toMatchObject({
        id,
        streamName: odd,
        type: 'Odd,"type"]',
        schemaVersion: 2,
        streamRevision: 0n,
        data: [],
        metadata: { k: 'v' },
      });
      expect(inserted.recordedAt.getTime()).toBeNaN();
      expect(inserted.globalPosition).toBe(await storedPosition(store, id));
    });
  });
});

/**
 * A driver over PGlite that the store takes for a server (so it reads ahead), recording where each page of `$all`
 * was read from (`+` when it skips a page).
 */
const recordingDriver = (
  failPage?: (n: number) => boolean,
): {
  readonly driver: SqlDriver;
  readonly pages: string[];
  readonly settled: () => Promise<void>;
} => {
  const base = pgliteDriver(lite);
  const pages: string[] = [];
  const inFlight: Promise<unknown>[] = [];
  return {
    driver: {
      ...base,
      kind: 'pg',
      query: async <Row>(text: string, params?: readonly unknown[]) => {
        if (!text.trimStart().startsWith('WITH snap')) return base.query<Row>(text, params);
        pages.push(`${String(params?.[0])}.${String(params?.[1])}${text.includes('OFFSET') ? '+' : ''}`);
        if (failPage?.(pages.length) === true) throw new Error('the page read failed');
        const result = base.query<Row>(text, params);
        inFlight.push(result.catch(() => undefined));
        return result;
      },
    },
    pages,
    settled: async () => {
      await Promise.all(inFlight);
    },
  };
};

/** Where a page was read from: the parts of `after`, as the store sends them. */
const from = (e: RecordedEvent | undefined) => {
  if (e === undefined) return '0.0';
  const { major, minor } = globalPositionParts(e.globalPosition);
  return `${major}.${minor}`;
};

const pageAfter = (store: EventStore, after: AllPage['next'], cat: string, max: number) =>
  readAllPage(store, {
    ...(after === undefined ? {} : { after }),
    filter: { streamPrefixes: [`${cat}-`] },
    max,
  });

describe('PostgreSQL reads ahead for readers paging through $all', () => {
  it('reads the two pages after the one a paging reader asks for, and uses them', async () => {
    const { driver, pages, settled } = recordingDriver();
    await withStore(driver, async (store) => {
      const cat = category();
      const appended = right(
        await store.appendToStream(
          stream(cat),
          Array.from({ length: 12 }, (_, i) => event(i)),
          { expectedRevision: 'no_stream' },
        )(),
        'append',
      ).events;
      const at = (i: number) => from(appended[i]);

      const first = await pageAfter(store, undefined, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0']);
      // A reader asking for the page after a full one pages on: the next page, and the one after it (read by
      // skipping the next one), are read at once.
      const second = await pageAfter(store, first.next, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0', at(2), at(5), `${at(5)}+`]);
      // The next page was read ahead; the page after it, read by skipping, becomes the next read ahead, and
      // the one after that is read by skipping.
      const third = await pageAfter(store, second.next, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0', at(2), at(5), `${at(5)}+`, `${at(8)}+`]);
      const fourth = await pageAfter(store, third.next, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0', at(2), at(5), `${at(5)}+`, `${at(8)}+`, `${at(11)}+`]);
      // The page read ahead after the fourth is empty: it reached the end, so it is read again.
      const fifth = await pageAfter(store, fourth.next, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0', at(2), at(5), `${at(5)}+`, `${at(8)}+`, `${at(11)}+`, at(11)]);
      expect(fifth.isEnd).toBe(true);
      expect([first, second, third, fourth, fifth].flatMap((p) => p.events)).toEqual(appended);

      // A single read of one page reads nothing ahead.
      pages.length = 0;
      await pageAfter(store, undefined, cat, 3);
      await settled();
      expect(pages).toEqual(['0.0']);
    });
  });

  it('does not hand out a page read ahead that reached the end: what was committed since is read', async () => {
    const { driver, pages, settled } = recordingDriver();
    await withStore(driver, async (store) => {
      const cat = category();
      const name = stream(cat);
      const appended = right(
        await store.appendToStream(name, [event(1), event(2), event(3), event(4)], {
          expectedRevision: 'no_stream',
        })(),
        'append',
      ).events;
      const first = await pageAfter(store, undefined, cat, 2);
      const second = await pageAfter(store, first.next, cat, 2);
      await settled();
      expect(pages).toEqual(['0.0', from(appended[1]), from(appended[3]), `${from(appended[3])}+`]);
      const later = right(
        await store.appendToStream(name, [event(5), event(6), event(7)], { expectedRevision: 3n })(),
        'append',
      ).events;
      const third = await pageAfter(store, second.next, cat, 2);
      const fourth = await pageAfter(store, third.next, cat, 2);
      expect([...third.events, ...fourth.events]).toEqual(later);
    });
  });

  it('reads a page again when reading it ahead failed', async () => {
    const { driver, pages, settled } = recordingDriver((n) => n === 3);
    await withStore(driver, async (store) => {
      const cat = category();
      const appended = right(
        await store.appendToStream(
          stream(cat),
          Array.from({ length: 6 }, (_, i) => event(i)),
          { expectedRevision: 'no_stream' },
        )(),
        'append',
      ).events;
      const first = await pageAfter(store, undefined, cat, 2);
      const second = await pageAfter(store, first.next, cat, 2);
      const third = await pageAfter(store, second.next, cat, 2);
      await settled();
      // The third read (the next page, read ahead) failed: it is read again when asked for.
      expect(pages).toEqual([
        '0.0',
        from(appended[1]),
        from(appended[3]),
        `${from(appended[3])}+`,
        from(appended[3]),
        `${from(appended[5])}+`,
      ]);
      expect([first, second, third].flatMap((p) => p.events)).toEqual(appended);
    });
  });
});
