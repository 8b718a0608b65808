import type {
  LeaseManager,
  ReadModelStore,
  AllPage,
  AppendResult,
  EventMetadata,
  EventStore,
  GlobalPosition,
  JsonValue,
  RecordedEvent,
  Snapshot,
  SnapshotStore,
  StoreError,
  StoreLimits,
  StoreUnavailable,
  StreamName,
} from '@adal/core';
import {
  checkAppendBatch,
  checkPageSize,
  DEFAULT_STORE_LIMITS,
  duplicateEventId,
  GlobalPositionCodec,
  globalPosition,
  globalPositionParts,
  parseStreamName,
  storeUnavailable,
  streamNotFound,
  streamPage,
  validationError,
  wrongExpectedRevision,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { catchUpSubscription } from '../internal/catchUpSubscription.js';
import { unsafeSetting } from './durability.js';
import { migrate } from './migrate.js';
import { postgresLeases, postgresReadModelStore } from './PostgresReadModelStore.js';
import type { SqlDriver } from './SqlDriver.js';
import { quoteIdentifier } from './SqlDriver.js';

/**
 * A database whose settings would lose acknowledged events on a crash.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface UnsafeDatabase {
  readonly _tag: 'UnsafeDatabase';
  readonly setting: string;
  readonly value: string;
  readonly message: string;
}

/**
 * Options of the PostgreSQL store.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresEventStoreOptions {
  readonly driver: SqlDriver;
  /** The schema that holds Adal's tables; `adal` by default. Several stores can share a database. */
  readonly schema?: string;
  readonly limits?: StoreLimits;
  /** Accept a server with `fsync=off` or `synchronous_commit=off` (tests on throw-away data only). */
  readonly unsafe?: boolean;
  /** How often subscriptions poll when no notification comes; 1,000 ms by default. */
  readonly pollIntervalMs?: number;
}

/**
 * The PostgreSQL store: an event store and a snapshot store over one schema, on a server (node-postgres) or
 * in the process (PGlite).
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresEventStore extends EventStore, SnapshotStore, ReadModelStore, LeaseManager {
  readonly schema: string;
  readonly driver: SqlDriver;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
/**
 * The shortest time between two NOTIFYs of one store: under a steady stream of appends, other processes hear
 * of them within this time (the first after a quiet spell at once), for at most 40 NOTIFYs a second.
 */
const NOTIFY_INTERVAL_MS = 25;
/** The largest position minor part: a boundary past every position of a transaction. */
const MAX_POSITION = (1n << 63n) - 1n;

/**
 * Opens the store: checks the server's durability settings, applies pending migrations (safe from several
 * processes at once), and returns the store. Fails with `UnsafeDatabase` or `StoreUnavailable`, never throws.
 *
 * @category postgres
 * @since 0.1.0
 */
export const openPostgresEventStore =
  (
    options: PostgresEventStoreOptions,
  ): TE.TaskEither<StoreUnavailable | UnsafeDatabase | StoreError, PostgresEventStore> =>
  async () => {
    const schema = options.schema ?? 'adal';
    if (!SCHEMA.test(schema)) {
      return E.left(
        validationError([
          { path: 'schema', message: `expected a lower-case SQL name, got ${JSON.stringify(schema)}` },
        ]),
      );
    }
    const { driver } = options;
    try {
      const unsafe = options.unsafe === true ? undefined : await unsafeSetting(driver);
      if (unsafe !== undefined) {
        const { setting, value } = unsafe;
        return E.left({
          _tag: 'UnsafeDatabase',
          setting,
          value,
          message: `${setting}: the server runs with ${setting}=off, so an acknowledged append could be lost in a crash; fix the server or pass unsafe: true (throw-away data only)`,
        });
      }
      await migrate(driver, schema);
    } catch (error) {
      return E.left(unavailable(error));
    }
    return E.right(postgresEventStore(options, schema));
  };

const postgresEventStore = (options: PostgresEventStoreOptions, schema: string): PostgresEventStore => {
  const { driver } = options;
  const limits = options.limits ?? DEFAULT_STORE_LIMITS;
  const s = quoteIdentifier(schema);
  const channel = `${schema}_events`;
  const listeners = new Set<() => void>();
  let stopListening: Promise<() => Promise<void>> | undefined;
  const subscriptions = new Set<{ stop: () => Promise<void> }>();

  const guarded =
    <A>(body: () => Promise<E.Either<StoreError, A>>): TE.TaskEither<StoreError, A> =>
    async () => {
      try {
        return await body();
      } catch (error) {
        return E.left(mapError(error));
      }
    };

  const appendToStream: EventStore['appendToStream'] = (name, events, appendOptions = {}) =>
    guarded(async () => {
      const checked = checkAppendBatch(name, events, appendOptions.expectedRevision ?? 'any', limits);
      if (E.isLeft(checked)) return checked;
      const { streamName, expectedRevision } = checked.right;
      const payload = checked.right.events.map((e) => ({
        id: e.id,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
      }));
      const text = JSON.stringify(payload);
      try {
        const result = await appendBatch(streamName, String(expectedRevision), text);
        if (result === undefined) return E.left(storeUnavailable('the append returned nothing'));
        const recorded = result.alreadyStored
          ? result.events.map(toRecorded)
          : result.events.flatMap((row, i) => {
              const event = payload[i];
              return event === undefined
                ? []
                : [toRecorded({ ...row, ...storedFields(event), stream_name: streamName })];
            });
        const last = recorded[recorded.length - 1];
        if (last === undefined || recorded.length !== payload.length)
          return E.left(storeUnavailable('the append returned nothing'));
        if (!result.alreadyStored) announceCommit();
        return E.right<StoreError, AppendResult>({
          nextExpectedRevision: last.streamRevision,
          lastPosition: last.globalPosition,
          events: recorded,
          alreadyStored: result.alreadyStored,
        });
      } catch (error) {
        const refusal = refusalOf(error, streamName, expectedRevision);
        if (refusal !== undefined) return E.left(refusal);
        throw error;
      }
    });

  /**
   * One call of the append function. When the primary key refuses an id (the function looks stored ids up
   * only when the batch could be a repeat), `stored_batch_of` tells what the batch is: a repeat (its stored
   * rows), a clash or a stale expectation (raised), or nothing any more, the clashing append having rolled
   * back: then the append runs once more.
   */
  const appendBatch = async (
    streamName: string,
    expected: string,
    events: string,
  ): Promise<AppendAnswer | undefined> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [row] = await driver.query<{ result: AppendAnswer }>(
          `SELECT ${s}.append_events($1, $2, $3::jsonb) AS result`,
          [streamName, expected, events],
        );
        return row?.result;
      } catch (error) {
        if (!isStoredIdRefusal(error) || attempt > 2) throw error;
        const [stored] = await driver.query<{ result: AppendAnswer | null }>(
          `SELECT ${s}.stored_batch_of($1, $2, $3::jsonb, NULL) AS result`,
          [streamName, expected, events],
        );
        if (stored?.result != null) return stored.result;
      }
    }
  };

  // Subscribers are told of commits after the fact, never from inside the appending transaction: a
  // notification queued there makes the commit take a lock shared by every notifying transaction, and
  // committers then go one at a time. Listeners of this store hear at once; other processes (and other
  // stores on this database) by a NOTIFY, at most one in flight and one per NOTIFY_INTERVAL_MS, the last
  // one always sent after the last commit it covers. A NOTIFY that fails is dropped: subscribers poll.
  let notifying: Promise<void> | undefined;
  let notifyAgain = false;
  let closing = false;
  const announceCommit = () => {
    listeners.forEach((listener) => listener());
    if (notifying !== undefined) {
      notifyAgain = true;
      return;
    }
    notifying = (async () => {
      let last = 0;
      do {
        notifyAgain = false;
        const wait = last + NOTIFY_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last = Date.now();
        await driver.query(`SELECT pg_notify($1, '')`, [channel]).catch(() => undefined);
      } while (notifyAgain && !closing);
    })().finally(() => {
      notifying = undefined;
    });
  };

  const readStream: EventStore['readStream'] = (name, readOptions = {}) =>
    guarded(async () => {
      const parsed = parseStreamName(name);
      if (E.isLeft(parsed)) return parsed;
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      const backwards = readOptions.direction === 'backwards';
      const from = readOptions.from;
      if (from !== undefined && (typeof from !== 'bigint' || from < 0n)) {
        return E.left(
          validationError([
            { path: 'from', message: `expected a revision (bigint >= 0), got ${String(from)}` },
          ]),
        );
      }
      const rows = await driver.query<EncodedRow>(
        `SELECT ${encodedRow('s.revision::text')}
           FROM ${s}.streams s
           LEFT JOIN LATERAL (
             SELECT * FROM ${s}.events
              WHERE stream_name = s.stream_name
                AND ${backwards ? 'stream_revision <= $2::bigint' : 'stream_revision >= $2::bigint'}
              ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}
              LIMIT $3) e ON true
          WHERE s.stream_name = $1`,
        [name, (from ?? (backwards ? MAX_POSITION : 0n)).toString(), max.right],
      );
      const { head, events } = decodeRows(rows);
      if (head === undefined) return E.left(streamNotFound(name));
      const current = BigInt(head);
      if (current < 0n) return E.left(streamNotFound(name));
      return E.right(streamPage(events, current, readOptions.direction));
    });

  /**
   * One page of `$all`, or with `skip` the page after it (see {@link readPagesAhead}). Only transactions older
   * than the oldest one still running are read: a sequence value drawn by a transaction that commits later
   * would otherwise be skipped by a reader that already moved past it. The lateral read is a nested loop under
   * one row, so the rows come out in the index's order and need no second sort (`decodeRows` checks it all
   * the same).
   */
  const readPage = (params: PageParams, skip = false) =>
    driver.query<EncodedRow>(
      `WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT ${encodedRow('snap.xmin::text')}
         FROM snap
         LEFT JOIN LATERAL (
           SELECT * FROM ${s}.events ev
            WHERE (ev.transaction_id, ev.position) > ($1::text::xid8, $2::bigint)
              AND ev.transaction_id < snap.xmin
              AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(ev.stream_name, p)))
              AND ($4::text[] IS NULL OR ev.type = ANY($4::text[]))
            ORDER BY ev.transaction_id, ev.position
            LIMIT $5${skip ? ' OFFSET $5' : ''}) e ON true`,
      params,
    );

  /**
   * Pages read ahead, by their parameters, and pages after those (read with `skip`), by the parameters of the
   * page they follow. A failed read is kept as undefined: the reader's own read then tries again and reports
   * what fails.
   */
  const readAhead = new Map<string, Promise<readonly EncodedRow[] | undefined>>();
  const following = new Map<string, Promise<readonly EncodedRow[] | undefined>>();
  const continuations = new Map<string, true>();
  const settle = (rows: Promise<readonly EncodedRow[]>) => rows.catch(() => undefined);

  /**
   * Reads ahead for a reader paging through `$all` (`allEvents`, catch-up subscriptions), while it decodes and
   * handles the page it was given (`params`): the page after it (`next`) and the page after that, each at once
   * on a connection of its own. The page after `next` cannot be asked for by position before `next` has come,
   * so it is read from where `next` starts, skipping a page; when the reader asks for `next`, it becomes the
   * read ahead of the page after `next`. Used only when full, like every page read ahead, it is exactly that
   * page: a full page holds rows of transactions that had all ended when it was read, and such rows come
   * before any other, so two full reads from one start agree on their first rows whatever their snapshots.
   * Two reads at once keep the server busy while the client works and let it use a second processor, for the
   * cost of the rows skipped. Not on PGlite: it runs in this process, one statement at a time.
   */
  const readPagesAhead = (params: PageParams, next: PageParams) => {
    if (driver.kind === 'pglite' || closing) return;
    const key = JSON.stringify(params);
    const nextKey = JSON.stringify(next);
    const after = following.get(key);
    following.delete(key);
    if (!readAhead.has(nextKey))
      remember(readAhead, nextKey, after ?? settle(readPage(next)), READ_AHEAD_PAGES);
    if (!following.has(nextKey)) remember(following, nextKey, settle(readPage(next, true)), READ_AHEAD_PAGES);
  };

  const readAll: EventStore['readAll'] = (readOptions = {}) =>
    guarded(async () => {
      const max = checkPageSize(readOptions.max);
      if (E.isLeft(max)) return max;
      let after = { major: 0n, minor: 0n };
      if (readOptions.after !== undefined) {
        if (!GlobalPositionCodec.is(readOptions.after)) {
          return E.left(
            validationError([
              { path: 'after', message: `expected a global position, got ${String(readOptions.after)}` },
            ]),
          );
        }
        after = globalPositionParts(readOptions.after);
      }
      const params: PageParams = [
        after.major.toString(),
        after.minor.toString(),
        readOptions.filter?.streamPrefixes ?? null,
        readOptions.filter?.eventTypes ?? null,
        max.right,
      ];
      const key = JSON.stringify(params);
      const ahead = readAhead.get(key);
      readAhead.delete(key);
      // A page read ahead serves only when it is full: its events are then what a read now returns (events
      // are never changed or removed, and none can be added before them, all their transactions having ended).
      // One that reached the end of the log is read again, to see what was committed since.
      let rows = ahead === undefined ? undefined : await ahead;
      if (rows === undefined || rows.length < max.right) rows = await readPage(params);
      const continued = ahead !== undefined || continuations.delete(key);
      const nextParams = rows.length < max.right ? undefined : paramsAfter(rows, params);
      // The reader pages through the log: the next pages are read while this one is decoded and handled.
      if (continued && nextParams !== undefined) readPagesAhead(params, nextParams);
      const decoded = decodeRows(rows);
      if (nextParams !== undefined) remember(continuations, JSON.stringify(nextParams), true, CONTINUATIONS);
      const events = decoded.ordered ? decoded.events : inPositionOrder(decoded.events);
      const xmin = BigInt(decoded.head ?? '1');
      if (events.length >= max.right) {
        return E.right<StoreError, AllPage>({
          events,
          next: events[events.length - 1]?.globalPosition,
          isEnd: false,
        });
      }
      // Everything visible was read: no transaction older than xmin can add an event any more, so the next
      // read may start at xmin, past whatever a filter skipped.
      const boundary = globalPosition(xmin > 0n ? xmin - 1n : 0n, MAX_POSITION);
      const next =
        readOptions.after !== undefined && readOptions.after > boundary ? readOptions.after : boundary;
      return E.right<StoreError, AllPage>({ events, next, isEnd: true });
    });

  const countAll: NonNullable<EventStore['countAll']> = (countOptions = {}) =>
    guarded(async () => {
      let after = { major: 0n, minor: 0n };
      if (countOptions.after !== undefined) {
        if (!GlobalPositionCodec.is(countOptions.after)) {
          return E.left(
            validationError([
              { path: 'after', message: `expected a global position, got ${String(countOptions.after)}` },
            ]),
          );
        }
        after = globalPositionParts(countOptions.after);
      }
      const [row] = await driver.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM ${s}.events ev
          WHERE (ev.transaction_id, ev.position) > ($1::text::xid8, $2::bigint)
            AND ev.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE starts_with(ev.stream_name, p)))
            AND ($4::text[] IS NULL OR ev.type = ANY($4::text[]))`,
        [
          after.major.toString(),
          after.minor.toString(),
          countOptions.filter?.streamPrefixes ?? null,
          countOptions.filter?.eventTypes ?? null,
        ],
      );
      return E.right(Number(row?.count ?? 0));
    });

  const leases = postgresLeases(driver, schema);

  const onCommit = (listener: () => void) => {
    listeners.add(listener);
    stopListening ??= driver
      .listen(channel, () => listeners.forEach((l) => l()))
      .catch(() => async () => undefined);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    ...postgresReadModelStore(driver, schema),
    tryAcquire: leases.tryAcquire,
    schema,
    driver,
    appendToStream,
    countAll,
    readStream,
    readAll,
    subscribeToAll: (subscribeOptions, handler) => {
      const subscription = catchUpSubscription(
        {
          readAll,
          onCommit,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
          pageSize: 500,
          maxReadFailures: 10,
        },
        subscribeOptions,
        handler,
      );
      subscriptions.add(subscription);
      void subscription.ended.finally(() => subscriptions.delete(subscription));
      return subscription;
    },
    readSnapshot: (name) => async () => {
      try {
        const [row] = await driver.query<{ stream_revision: string; version: string; state: JsonValue }>(
          `SELECT stream_revision::text AS stream_revision, version, state FROM ${s}.snapshots WHERE stream_name = $1`,
          [name],
        );
        return E.right(
          row === undefined
            ? O.none
            : O.some<Snapshot>({
                streamName: name,
                streamRevision: BigInt(row.stream_revision),
                version: row.version,
                state: row.state,
              }),
        );
      } catch (error) {
        return E.left(unavailable(error));
      }
    },
    writeSnapshot: (snapshot) => async () => {
      try {
        await driver.query(
          `INSERT INTO ${s}.snapshots (stream_name, stream_revision, version, state) VALUES ($1, $2::bigint, $3, $4::jsonb)
           ON CONFLICT (stream_name) DO UPDATE
             SET stream_revision = excluded.stream_revision, version = excluded.version, state = excluded.state, written_at = now()
           WHERE ${s}.snapshots.version <> excluded.version OR ${s}.snapshots.stream_revision < excluded.stream_revision`,
          [
            snapshot.streamName,
            snapshot.streamRevision.toString(),
            snapshot.version,
            JSON.stringify(snapshot.state),
          ],
        );
        return E.right(undefined);
      } catch (error) {
        return E.left(unavailable(error));
      }
    },
    close: async () => {
      closing = true;
      await notifying;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await Promise.all([...readAhead.values(), ...following.values()]);
      readAhead.clear();
      following.clear();
      if (stopListening !== undefined) await (await stopListening)();
      await leases.close();
      await driver.close();
    },
  };
};

/**
 * A read's rows, each one JSON array built by the server: `[head]`, or `[head, …the event]` when the outer join
 * found an event (see {@link EVENT_JSON}). `head` is what the read needs once (the stream's revision, the
 * snapshot's xmin), a number.
 *
 * One column of JSON, parsed with one `JSON.parse`, costs the reader far less than the event's columns one by
 * one: node-postgres makes a string of every column of every row (a native call each) and then parses jsonb
 * and numbers again, which was most of the time a page of `$all` took.
 */
const encodedRow = (head: string) => `'[' || ${head} || coalesce(${EVENT_JSON}, '') || ']' AS encoded`;

/**
 * An event's fields as the rest of a JSON array, numbers first: transaction id, position, stream revision,
 * schema version, recorded at (whole milliseconds since 1970, the precision of a `Date`), then event id, stream
 * name, type, data and metadata; NULL when there is no event. The 64-bit numbers come as JSON numbers, which
 * `JSON.parse` reads without making strings of them; one past 2^53 would lose digits, and an infinite time
 * prints as `Infinity`, which is no JSON, so {@link decodeRow} reads those rows another way. Names and types are
 * escaped by `to_json`; data and metadata are jsonb, whose text is JSON.
 */
const EVENT_JSON = `',' || e.transaction_id::text || ',' || e.position::text || ',' || e.stream_revision::text
  || ',' || e.schema_version::text || ',' || floor(extract(epoch FROM e.recorded_at) * 1000)::text
  || ',"' || e.event_id::text || '",' || to_json(e.stream_name)::text || ',' || to_json(e.type)::text
  || ',' || e.data::text || ',' || e.metadata::text`;

/** A row of {@link encodedRow}. */
interface EncodedRow {
  readonly encoded: string;
}

/** An exact whole number: a JSON number when it is a safe integer, else its decimal digits. */
type Whole = number | string;

/** A row of {@link encodedRow} once decoded. */
type DecodedRow =
  | readonly [head: Whole]
  | readonly [
      head: Whole,
      transactionId: Whole,
      position: Whole,
      streamRevision: Whole,
      schemaVersion: number,
      recordedAt: number,
      eventId: string,
      streamName: string,
      type: string,
      data: JsonValue,
      metadata: EventMetadata,
    ];

/** The number of leading fields of {@link DecodedRow} that are numbers. */
const NUMBERS = 6;

/**
 * Decodes one row: one `JSON.parse`, unless the row has a number past 2^53 (the parse rounded it) or an
 * infinite time; then the numbers are cut from the text as they are (they hold no commas) and the rest parsed.
 */
const decodeRow = (encoded: string): DecodedRow => {
  try {
    const row = JSON.parse(encoded) as DecodedRow;
    if (
      Number.isSafeInteger(row[0]) &&
      (row.length === 1 ||
        (Number.isSafeInteger(row[1]) && Number.isSafeInteger(row[2]) && Number.isSafeInteger(row[3])))
    ) {
      return row;
    }
  } catch {
    // `Infinity`: read below.
  }
  const numbers: string[] = [];
  let from = 1;
  for (let i = 0; i < NUMBERS; i += 1) {
    const comma = encoded.indexOf(',', from);
    if (comma < 0) return [encoded.slice(1, -1)];
    numbers.push(encoded.slice(from, comma));
    from = comma + 1;
  }
  const [head = '', transactionId = '', position = '', streamRevision = '', schemaVersion, recordedAt] =
    numbers;
  const [eventId, streamName, type, data, metadata] = JSON.parse(`[${encoded.slice(from)}`) as [
    string,
    string,
    string,
    JsonValue,
    EventMetadata,
  ];
  return [
    head,
    transactionId,
    position,
    streamRevision,
    Number(schemaVersion),
    Number(recordedAt),
    eventId,
    streamName,
    type,
    data,
    metadata,
  ];
};

/**
 * The head of a read (undefined when it returned no row) and its events, in the rows' order, and whether that
 * order is the order of their positions (checked on the numbers, before any position is written as text).
 */
const decodeRows = (
  rows: readonly EncodedRow[],
): { readonly head: Whole | undefined; readonly events: RecordedEvent[]; readonly ordered: boolean } => {
  const events: RecordedEvent[] = [];
  let head: Whole | undefined;
  let ordered = true;
  // The events of one transaction come together: its part of their positions is written once.
  let transactionId: Whole = -1;
  let position: Whole = -1;
  let major = '';
  for (const { encoded } of rows) {
    const row = decodeRow(encoded);
    head ??= row[0];
    if (row.length === 1) continue;
    if (row[1] !== transactionId) {
      if (events.length > 0 && !wholeBelow(transactionId, row[1])) ordered = false;
      transactionId = row[1];
      major = hex16(transactionId);
    } else if (!wholeBelow(position, row[2])) {
      ordered = false;
    }
    position = row[2];
    events.push({
      id: row[6],
      type: row[8],
      schemaVersion: row[4],
      streamName: row[7] as StreamName,
      streamRevision: BigInt(row[3]),
      globalPosition: `${major}.${hex16(row[2])}` as GlobalPosition,
      recordedAt: new Date(row[5]),
      data: row[9],
      metadata: row[10],
    });
  }
  return { head, events, ordered };
};

/** Whether one exact whole number is below another. */
const wholeBelow = (a: Whole, b: Whole): boolean =>
  typeof a === 'number' && typeof b === 'number' ? a < b : BigInt(a) < BigInt(b);

/**
 * A part of a position as {@link globalPosition} writes it (16 hexadecimal digits). A safe integer is written
 * directly; digits, or anything negative, go through `globalPosition` itself, which refuses what is out of range.
 */
const hex16 = (part: Whole): string =>
  typeof part === 'number' && part >= 0
    ? part.toString(16).padStart(16, '0')
    : globalPosition(BigInt(part), 0n).slice(0, 16);

/** The parameters of a page of `$all`: after (transaction id, position), stream prefixes, event types, max. */
type PageParams = readonly [
  major: string,
  minor: string,
  prefixes: readonly string[] | null,
  types: readonly string[] | null,
  max: number,
];

/** Pages read ahead at most, of each kind (the oldest is dropped), and full pages handed out whose next page is awaited. */
const READ_AHEAD_PAGES = 8;
const CONTINUATIONS = 64;

/** The parameters of the page after a full one: after its last event. */
const paramsAfter = (rows: readonly EncodedRow[], params: PageParams): PageParams | undefined => {
  const last = rows[rows.length - 1];
  if (last === undefined) return undefined;
  const row = decodeRow(last.encoded);
  return row.length === 1 ? undefined : [String(row[1]), String(row[2]), params[2], params[3], params[4]];
};

/** Sets an entry of a map kept to `size` entries, dropping the oldest. */
const remember = <V>(map: Map<string, V>, key: string, value: V, size: number): void => {
  map.delete(key);
  if (map.size >= size) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
  map.set(key, value);
};

/** An event row as the append function answers it. */
interface StoredRow {
  readonly position: number | string;
  readonly transaction_id: string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: number | string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
  readonly recorded_at: string | number;
}

/** What the append function answers: the stored rows of a repeat, or what a new append decided. */
type AppendAnswer =
  | { readonly alreadyStored: true; readonly events: readonly StoredRow[] }
  | { readonly alreadyStored: false; readonly events: readonly DecidedRow[] };

/** What a new append decided for one event: the rest of the row is what the caller sent. */
type DecidedRow = Pick<
  StoredRow,
  'event_id' | 'position' | 'transaction_id' | 'stream_revision' | 'recorded_at'
>;

/** The columns of a row that the caller sent. */
const storedFields = (event: {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}) => ({ type: event.type, schema_version: event.schemaVersion, data: event.data, metadata: event.metadata });

const toRecorded = (row: StoredRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamName: row.stream_name as StreamName,
  streamRevision: BigInt(row.stream_revision),
  globalPosition: globalPosition(BigInt(row.transaction_id), BigInt(row.position)) as GlobalPosition,
  recordedAt: new Date(row.recorded_at),
  data: row.data,
  metadata: row.metadata,
});

/**
 * The events of a page in `$all` order. They come sorted from the index; should a plan ever return them
 * otherwise ({@link decodeRows} tells), they are sorted here rather than handed out of order.
 */
const inPositionOrder = (events: RecordedEvent[]): RecordedEvent[] =>
  [...events].sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The refusals the append function raises, as tagged errors. */
const refusalOf = (
  error: unknown,
  streamName: string,
  expected: Parameters<typeof wrongExpectedRevision>[1],
): StoreError | undefined => {
  const message = messageOf(error);
  const wrong = /adal:wrong_expected_revision:(-?\d+)/.exec(message);
  if (wrong?.[1] !== undefined) {
    const actual = BigInt(wrong[1]);
    return wrongExpectedRevision(streamName, expected, actual < 0n ? 'no_stream' : actual);
  }
  const duplicate = /adal:duplicate_event_id:([0-9a-f-]+)/.exec(message);
  if (duplicate?.[1] !== undefined) return duplicateEventId(duplicate[1]);
  // Two appends of one new id raced past the repeat check: the primary key refused the second.
  if (isStoredIdRefusal(error)) {
    const detail = (error as { detail?: unknown }).detail;
    const id = /\(event_id\)=\(([0-9a-f-]+)\)/.exec(typeof detail === 'string' ? detail : '');
    return duplicateEventId(id?.[1] ?? '');
  }
  return undefined;
};

/** The events' primary key refused an id that is already stored. */
const isStoredIdRefusal = (error: unknown): boolean =>
  (error as { code?: unknown }).code === '23505' && /events_pkey/.test(messageOf(error));

const unavailable = (error: unknown): StoreUnavailable =>
  storeUnavailable(`the database failed: ${messageOf(error)}`, error);

const mapError = (error: unknown): StoreError => unavailable(error);
