import { hash as hashOnce } from 'node:crypto';
import type {
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  StoreError,
  StreamState,
} from '@adal/core';
import { eventHashInput, GENESIS_HASH } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { RecentMap } from '../RecentMap.js';

/**
 * An event's hash: `SHA-256(prevHash ‖ canonical JSON of the event)` in hex, over what {@link eventHashInput}
 * covers.
 *
 * @category audit
 * @since 0.1.0
 */
export const eventHash = (event: Parameters<typeof eventHashInput>[0]): string =>
  // One-shot hashing costs half of a `Hash` object's create, update and digest; the bytes are the same.
  hashOnce('sha256', (event.metadata.prevHash ?? GENESIS_HASH) + eventHashInput(event), 'hex');

/**
 * Chains a batch onto a stream whose last event (at `revision`, or none) has `tailHash`: each event gets
 * `prevHash` and `hash` in its metadata.
 *
 * @category audit
 * @since 0.1.0
 */
export const chainBatch = (
  streamName: string,
  tail: { readonly revision: StreamState; readonly hash: string },
  events: readonly EventToAppend[],
): EventToAppend[] => {
  let prevHash = tail.hash;
  let revision = tail.revision === 'no_stream' ? -1n : tail.revision;
  return events.map((event) => {
    revision += 1n;
    const metadata = { ...event.metadata, prevHash };
    // Only the fields the hash covers, named one by one: this runs for every event appended.
    const hash = eventHash({
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      streamName,
      streamRevision: revision,
      metadata,
    });
    prevHash = hash;
    // The metadata object is this function's own, so the hash is added to it rather than to a third copy.
    (metadata as { hash?: string }).hash = hash;
    return { ...event, metadata };
  });
};

/** How many times an append with a loose expectation is re-chained after the stream moved. */
const MAX_TRIES = 25;

/** How many streams' last seen events are remembered at least (twice as many at most), so an append needs no read of its tail. */
const REMEMBERED_TAILS = 10_000;

/**
 * Wraps a store so that every event appended through it carries `prevHash` and `hash`, chained per stream
 * (DESIGN §6). The chain is computed here, in the client, so it is the same on every adapter (memory,
 * PostgreSQL, EventStoreDB) and needs nothing from the database.
 *
 * The tail the batch is chained onto is read first: the event at the expected revision when one is given
 * (then a repeated batch chains exactly as the first time, and the store recognises the repeat), else the
 * stream's last event, with the append then made at that revision and chained again if the stream moved. A
 * batch appended with `'any'` that is stored already is recognised among the stream's last 100 events.
 *
 * The tail at an expected revision is usually known without reading it: a command handler has just read the
 * stream up to that revision through this store. An event at a revision never changes, so the hash of the
 * last event seen (read or appended) per stream is remembered, for a bounded number of streams, and an
 * append at exactly that revision chains onto it as it would onto the event read again.
 *
 * @category audit
 * @since 0.1.0
 */
export const chainEventStore = <S extends EventStore>(store: S): S => {
  const tails = new RecentMap<{ readonly revision: bigint; readonly hash: string }>(REMEMBERED_TAILS);
  const remember = (streamName: string, events: readonly RecordedEvent[]): void => {
    let last: RecordedEvent | undefined;
    for (const event of events) {
      if (
        event.streamName === streamName &&
        (last === undefined || event.streamRevision > last.streamRevision)
      )
        last = event;
    }
    const hash = last?.metadata.hash;
    if (last === undefined || hash === undefined) return;
    tails.set(streamName, { revision: last.streamRevision, hash });
  };

  const readStream: EventStore['readStream'] = (streamName, options) => async () => {
    const page = await store.readStream(streamName, options)();
    if (E.isRight(page)) remember(streamName, page.right.events);
    return page;
  };

  const tailAt = async (
    streamName: string,
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, { revision: StreamState; hash: string }>> => {
    const known = tails.get(streamName);
    if (typeof expected === 'bigint' && known !== undefined && known.revision === expected) {
      return E.right(known);
    }
    const page =
      typeof expected === 'bigint'
        ? await store.readStream(streamName, { from: expected, max: 1 })()
        : await store.readStream(streamName, { direction: 'backwards', max: 1 })();
    if (E.isLeft(page)) {
      return page.left._tag === 'StreamNotFound'
        ? E.right({ revision: 'no_stream', hash: GENESIS_HASH })
        : E.left(page.left);
    }
    const last = page.right.events[0];
    if (last === undefined) return E.right({ revision: 'no_stream', hash: GENESIS_HASH });
    return E.right({ revision: last.streamRevision, hash: last.metadata.hash ?? GENESIS_HASH });
  };

  const appendAt = async (
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ) => {
    const tail =
      expected === 'no_stream'
        ? E.right<StoreError, { revision: StreamState; hash: string }>({
            revision: 'no_stream',
            hash: GENESIS_HASH,
          })
        : await tailAt(streamName, expected);
    if (E.isLeft(tail)) return tail;
    // A stream shorter than expected: the store refuses the append with the actual revision.
    const appended = await store.appendToStream(streamName, chainBatch(streamName, tail.right, events), {
      expectedRevision: expected,
    })();
    if (E.isRight(appended)) remember(streamName, appended.right.events);
    return appended;
  };

  /** Where a batch already stored near the end of the stream starts: a retried call's first attempt. */
  const storedAt = async (
    streamName: string,
    events: readonly EventToAppend[],
  ): Promise<ExpectedRevision | undefined> => {
    const first = events[0]?.id;
    const page = await store.readStream(streamName, { direction: 'backwards', max: 100 })();
    if (first === undefined || E.isLeft(page)) return undefined;
    const found = page.right.events.find((event) => event.id === first);
    if (found === undefined) return undefined;
    return found.streamRevision === 0n ? 'no_stream' : found.streamRevision - 1n;
  };

  const appendToStream: EventStore['appendToStream'] =
    (streamName, events, options = {}) =>
    async () => {
      const expected = options.expectedRevision ?? 'any';
      if (expected === 'no_stream' || typeof expected === 'bigint')
        return appendAt(streamName, events, expected);
      // 'any' or 'stream_exists': chain onto the current end and append exactly there; if the stream moved in
      // between, chain again.
      let result: Awaited<ReturnType<typeof appendAt>> | undefined;
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const tail = await tailAt(streamName, expected);
        if (E.isLeft(tail)) return tail;
        if (expected === 'stream_exists' && tail.right.revision === 'no_stream') {
          // Refused by the store as it would be without the chain.
          return store.appendToStream(streamName, events, options)();
        }
        result = await appendAt(streamName, events, tail.right.revision);
        if (E.isRight(result) || result.left._tag !== 'WrongExpectedRevision') return result;
        const repeatOf = await storedAt(streamName, events);
        if (repeatOf !== undefined) return appendAt(streamName, events, repeatOf);
      }
      return result ?? appendAt(streamName, events, expected);
    };

  return { ...store, appendToStream, readStream };
};
