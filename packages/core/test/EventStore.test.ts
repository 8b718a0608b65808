import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  StoreReadFailed,
  allEvents,
  checkPageSize,
  globalPosition,
  matchesFilter,
  parseStreamName,
  storeUnavailable,
  streamEvents,
  streamNotFound,
  streamPage,
} from '../src/index.js';
import type {
  AllFilter,
  AllPage,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreError,
  StreamName,
  StreamPage,
} from '../src/index.js';

const nameOf = (text: string): StreamName => {
  const parsed = parseStreamName(text);
  if (E.isLeft(parsed)) throw new Error(parsed.left.message);
  return parsed.right;
};

const STREAMS = ['report-KZ-71-a', 'report-KZ-75-b', 'case-KZ-71-c', 'rating-KZ-00-d'].map(nameOf);
const TYPES = ['ReportSubmitted', 'ReportAnswered', 'CaseOpened'];

// The store's whole log: event i is at global position (i + 1, 0), in stream `streams[i]`.
const recorded = (streams: readonly StreamName[], types: readonly string[]): RecordedEvent[] => {
  const revisions = new Map<string, bigint>();
  return streams.map((streamName, i) => {
    const streamRevision = revisions.get(streamName) ?? 0n;
    revisions.set(streamName, streamRevision + 1n);
    return {
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      type: types[i % types.length] ?? 'ReportSubmitted',
      schemaVersion: 1,
      streamName,
      streamRevision,
      globalPosition: globalPosition(BigInt(i + 1), 0n),
      recordedAt: new Date(Date.UTC(2026, 10, 28, 10, 0, i)),
      data: { n: i },
      metadata: {},
    };
  });
};

const task =
  <A>(value: E.Either<StoreError, A>): TE.TaskEither<StoreError, A> =>
  () =>
    Promise.resolve(value);

// Reads past this many are refused, so that a reader which never stops fails its test instead of hanging it.
const READ_LIMIT = 200;
const runaway = storeUnavailable('the reader did not stop');

// A tiny store over a fixed log, paging as a real adapter does, and remembering each read it was asked for.
const fakeStore = (
  log: readonly RecordedEvent[],
  failOnRead?: { readonly call: number; readonly error: StoreError },
) => {
  const streamReads: ReadStreamOptions[] = [];
  const allReads: ReadAllOptions[] = [];
  const store: Pick<EventStore, 'readStream' | 'readAll'> = {
    readStream: (streamName, options = {}) => {
      streamReads.push(options);
      if (streamReads.length > READ_LIMIT) return task(E.left(runaway));
      if (failOnRead !== undefined && streamReads.length === failOnRead.call)
        return task(E.left(failOnRead.error));
      const stream = log.filter((e) => e.streamName === streamName);
      const last = stream[stream.length - 1];
      if (last === undefined) return task(E.left(streamNotFound(streamName)));
      const max = options.max ?? DEFAULT_PAGE_SIZE;
      const backwards = options.direction === 'backwards';
      const ordered = backwards ? [...stream].reverse() : stream;
      const from = options.from ?? (backwards ? last.streamRevision : 0n);
      const rest = ordered.filter((e) => (backwards ? e.streamRevision <= from : e.streamRevision >= from));
      const events = rest.slice(0, max);
      const following = rest[max];
      const page: StreamPage = {
        events,
        streamRevision: last.streamRevision,
        ...(following === undefined ? {} : { next: following.streamRevision }),
      };
      return task(E.right(page));
    },
    readAll: (options = {}) => {
      allReads.push(options);
      if (allReads.length > READ_LIMIT) return task(E.left(runaway));
      if (failOnRead !== undefined && allReads.length === failOnRead.call)
        return task(E.left(failOnRead.error));
      const after = options.after;
      const rest = log.filter((e) => after === undefined || e.globalPosition > after);
      const examined = rest.slice(0, options.max ?? DEFAULT_PAGE_SIZE);
      const lastExamined = examined[examined.length - 1];
      const page: AllPage = {
        events: examined.filter((e) => matchesFilter(e, options.filter)),
        next: lastExamined?.globalPosition ?? after,
        isEnd: examined.length === rest.length,
      };
      return task(E.right(page));
    },
  };
  return { store, streamReads, allReads };
};

const collect = async <A>(iterable: AsyncIterable<A>): Promise<A[]> => {
  const items: A[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

const caught = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
};

const stream = STREAMS[0] ?? nameOf('report-KZ-71-a');
const oneStream = (n: number): RecordedEvent[] =>
  recorded(
    Array.from({ length: n }, () => stream),
    TYPES,
  );

describe('streamEvents', () => {
  it('reads a stream page by page until there is no next page', async () => {
    const log = oneStream(10);
    const { store, streamReads } = fakeStore(log);
    expect(await collect(streamEvents(store, stream, { max: 3 }))).toEqual(log);
    expect(streamReads.map((read) => read.from)).toEqual([undefined, 3n, 6n, 9n]);
    expect(streamReads.every((read) => read.max === 3)).toBe(true);
  });

  it('yields every event exactly once, in order, for any length and page size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 40 }), fc.integer({ min: 1, max: 12 }), async (length, max) => {
        const log = oneStream(length);
        const { store, streamReads } = fakeStore(log);
        const events = await collect(streamEvents(store, stream, { max }));
        expect(events).toEqual(log);
        expect(streamReads).toHaveLength(Math.max(1, Math.ceil(length / max)));
      }),
    );
  });

  it('starts from the given revision and reads backwards when asked', async () => {
    const log = oneStream(7);
    const { store, streamReads } = fakeStore(log);
    const backwards = await collect(
      streamEvents(store, stream, { from: 4n, max: 2, direction: 'backwards' }),
    );
    expect(backwards.map((e) => e.streamRevision)).toEqual([4n, 3n, 2n, 1n, 0n]);
    expect(streamReads.map((read) => [read.from, read.direction])).toEqual([
      [4n, 'backwards'],
      [2n, 'backwards'],
      [0n, 'backwards'],
    ]);
  });

  it('reads only as far as it is consumed', async () => {
    const { store, streamReads } = fakeStore(oneStream(10));
    const taken: RecordedEvent[] = [];
    for await (const event of streamEvents(store, stream, { max: 3 })) {
      taken.push(event);
      if (taken.length === 2) break;
    }
    expect(taken.map((e) => e.streamRevision)).toEqual([0n, 1n]);
    expect(streamReads).toHaveLength(1);
  });

  it('yields nothing for a stream that does not exist', async () => {
    const { store, streamReads } = fakeStore(oneStream(3));
    expect(await collect(streamEvents(store, 'report-KZ-71-missing'))).toEqual([]);
    expect(streamReads).toHaveLength(1);
  });

  it('throws StoreReadFailed carrying any other store error', async () => {
    const error = storeUnavailable('the database did not answer', new Error('timeout'));
    const { store } = fakeStore(oneStream(10), { call: 2, error });
    const seen: RecordedEvent[] = [];
    const failure = await caught(async () => {
      for await (const event of streamEvents(store, stream, { max: 4 })) seen.push(event);
    });
    expect(failure).toBeInstanceOf(StoreReadFailed);
    expect(failure).toBeInstanceOf(Error);
    if (failure instanceof StoreReadFailed) {
      expect(failure.error).toBe(error);
      expect(failure.message).toBe('the database did not answer');
      expect(failure.name).toBe('StoreReadFailed');
    }
    // The first page was delivered before the failure.
    expect(seen).toHaveLength(4);
  });
});

describe('allEvents', () => {
  const log = recorded(
    Array.from({ length: 23 }, (_, i) => STREAMS[i % STREAMS.length] ?? stream),
    TYPES,
  );

  it('reads $all page by page, each page after the last one', async () => {
    const { store, allReads } = fakeStore(log);
    expect(await collect(allEvents(store, { max: 5 }))).toEqual(log);
    expect(allReads.map((read) => read.after)).toEqual([
      undefined,
      ...[5, 10, 15, 20].map((n) => globalPosition(BigInt(n), 0n)),
    ]);
  });

  it('starts strictly after the given position', async () => {
    const { store } = fakeStore(log);
    const events = await collect(allEvents(store, { after: globalPosition(20n, 0n), max: 2 }));
    expect(events.map((e) => e.globalPosition)).toEqual([21n, 22n, 23n].map((n) => globalPosition(n, 0n)));
  });

  it('yields exactly the events that pass the filter, in order, for any filter and page size', async () => {
    const filter: fc.Arbitrary<AllFilter> = fc.record(
      {
        streamPrefixes: fc.subarray(['report-', 'report-KZ-71-', 'case-', 'rating-KZ-00-', 'nothing-']),
        eventTypes: fc.subarray([...TYPES, 'Unknown']),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filter, fc.integer({ min: 1, max: 30 }), async (f, max) => {
        const { store } = fakeStore(log);
        const events = await collect(allEvents(store, { max, filter: f }));
        expect(events).toEqual(log.filter((e) => matchesFilter(e, f)));
      }),
    );
  });

  it('stops at the end of $all, even when the store gives a next position', async () => {
    let reads = 0;
    const store: Pick<EventStore, 'readAll'> = {
      readAll: () => {
        reads++;
        if (reads > 1) return task(E.left(runaway));
        return task(E.right({ events: log.slice(0, 2), next: globalPosition(2n, 0n), isEnd: true }));
      },
    };
    expect(await collect(allEvents(store))).toHaveLength(2);
    expect(reads).toBe(1);
  });

  it('stops when a page has no next position', async () => {
    let reads = 0;
    const store: Pick<EventStore, 'readAll'> = {
      readAll: () => {
        reads++;
        if (reads > 1) return task(E.left(runaway));
        return task(E.right({ events: [], next: undefined, isEnd: false }));
      },
    };
    expect(await collect(allEvents(store))).toEqual([]);
    expect(reads).toBe(1);
  });

  it('throws StoreReadFailed carrying the store error', async () => {
    const error = storeUnavailable('connection refused');
    const { store } = fakeStore(log, { call: 1, error });
    const failure = await caught(() => collect(allEvents(store)));
    expect(failure).toBeInstanceOf(StoreReadFailed);
    expect(failure instanceof StoreReadFailed ? failure.error : undefined).toBe(error);
  });

  it('reads the next page while the caller works through the current one, and only one page ahead', async () => {
    const { store, allReads } = fakeStore(log);
    const iterator = allEvents(store, { max: 5 });
    const first = await iterator.next();
    expect(first.value).toEqual(log[0]);
    // Page 2 was asked for as soon as page 1 arrived; page 3 waits until page 2 is being handed out.
    expect(allReads).toHaveLength(2);
    for (let i = 1; i < 5; i++) await iterator.next();
    expect(allReads).toHaveLength(2);
    await iterator.next();
    expect(allReads).toHaveLength(3);
    await iterator.return(undefined);
  });

  it('lets a caller stop early while a read ahead fails, with nothing left unhandled', async () => {
    const error = storeUnavailable('connection refused');
    const { store } = fakeStore(log, { call: 2, error });
    const seen: unknown[] = [];
    for await (const event of allEvents(store, { max: 5 })) {
      seen.push(event);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(log.slice(0, 2));
  });
});

describe('matchesFilter', () => {
  const event = { streamName: nameOf('report-KZ-71-42'), type: 'ReportSubmitted' };

  it('keeps every event without a filter or with an empty one', () => {
    expect(matchesFilter(event)).toBe(true);
    expect(matchesFilter(event, {})).toBe(true);
  });

  it('keeps events whose stream starts with one of the prefixes', () => {
    expect(matchesFilter(event, { streamPrefixes: ['case-', 'report-KZ-71-'] })).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: ['report-KZ-75-'] })).toBe(false);
    expect(matchesFilter(event, { streamPrefixes: ['KZ-71'] })).toBe(false);
  });

  it('keeps events of one of the types, compared exactly', () => {
    expect(matchesFilter(event, { eventTypes: ['CaseOpened', 'ReportSubmitted'] })).toBe(true);
    expect(matchesFilter(event, { eventTypes: ['Report'] })).toBe(false);
    expect(matchesFilter(event, { eventTypes: ['reportsubmitted'] })).toBe(false);
  });

  it('needs both the prefix and the type when both are given', () => {
    expect(matchesFilter(event, { streamPrefixes: ['report-'], eventTypes: ['ReportSubmitted'] })).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: ['report-'], eventTypes: ['CaseOpened'] })).toBe(false);
    expect(matchesFilter(event, { streamPrefixes: ['case-'], eventTypes: ['ReportSubmitted'] })).toBe(false);
  });
});

describe('checkPageSize', () => {
  it('gives the default page size when none is asked for', () => {
    expect(checkPageSize(undefined)).toEqual(E.right(DEFAULT_PAGE_SIZE));
    expect(DEFAULT_PAGE_SIZE).toBe(500);
    expect(MAX_PAGE_SIZE).toBe(10_000);
  });

  it('accepts every whole number from 1 to the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_PAGE_SIZE }), (max) => {
        expect(checkPageSize(max)).toEqual(E.right(max));
      }),
    );
  });

  it('refuses every other number at the path "max"', () => {
    const outside = fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: MAX_PAGE_SIZE + 1 }),
      fc.double().filter((n) => !Number.isInteger(n)),
    );
    fc.assert(
      fc.property(outside, (max) => {
        const result = checkPageSize(max);
        expect(E.isLeft(result) ? result.left.issues : []).toEqual([
          { path: 'max', message: `expected a page size from 1 to ${MAX_PAGE_SIZE}, got ${String(max)}` },
        ]);
      }),
    );
  });

  it('refuses the numbers just outside the range', () => {
    for (const max of [0, -1, MAX_PAGE_SIZE + 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = checkPageSize(max);
      expect(E.isLeft(result) ? result.left.issues[0]?.path : undefined).toBe('max');
    }
  });

  it('refuses what is not a number', () => {
    for (const max of ['10', 10n, null, {}]) {
      const result = checkPageSize(max);
      expect(E.isLeft(result) ? result.left.message : '').toMatch(
        /^max: expected a page size from 1 to 10000, got /,
      );
    }
  });
});

describe('streamPage', () => {
  const at = (revision: bigint): RecordedEvent => ({
    id: `e${revision}`,
    type: 'Happened',
    schemaVersion: 1,
    streamName: nameOf('report-KZ-71-1'),
    streamRevision: revision,
    globalPosition: globalPosition(1n, revision),
    recordedAt: new Date(0),
    data: null,
    metadata: {},
  });
  it('points forwards to the revision after the last read, and to nothing at the end', () => {
    expect(streamPage([at(0n), at(1n)], 4n).next).toBe(2n);
    expect(streamPage([at(3n), at(4n)], 4n).next).toBeUndefined();
  });
  it('points backwards to the revision before the last read, and to nothing at revision 0', () => {
    expect(streamPage([at(4n), at(3n)], 4n, 'backwards').next).toBe(2n);
    expect(streamPage([at(1n), at(0n)], 4n, 'backwards').next).toBeUndefined();
    expect(streamPage([], 4n, 'backwards')).toEqual({ events: [], streamRevision: 4n });
  });
});
