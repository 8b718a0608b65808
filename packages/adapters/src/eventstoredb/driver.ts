import type { JsonValue } from '@adal/core';

/**
 * The small interface the EventStoreDB adapter talks to, kept free of any client library's types so that
 * `@eventstore/db-client` and the newer `@kurrent/kurrentdb-client` (the same gRPC API under a new name) can
 * each be wrapped without changing the adapter. A driver throws the client's own errors; the adapter maps
 * them by their `type` (see `mapping.ts`).
 */
export interface EsdbDriver {
  readonly append: (
    streamName: string,
    events: readonly EsdbEventData[],
    expectedRevision: EsdbExpectedRevision,
  ) => Promise<{ readonly nextExpectedRevision: bigint; readonly position?: EsdbPosition }>;
  readonly readStream: (
    streamName: string,
    options: {
      readonly fromRevision: bigint | 'start' | 'end';
      readonly direction: 'forwards' | 'backwards';
      readonly maxCount: number;
    },
  ) => AsyncIterable<EsdbRecordedEvent>;
  readonly readAll: (options: {
    readonly fromPosition: EsdbPosition | 'start';
    readonly maxCount: number;
  }) => AsyncIterable<EsdbRecordedEvent>;
  readonly subscribeToAll: (options: {
    readonly fromPosition: EsdbPosition | 'start';
    readonly filter: EsdbServerFilter;
  }) => EsdbSubscription;
  readonly close: () => Promise<void>;
}

/** The client libraries' expected revision of an append. */
export type EsdbExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** A place in `$all`: the commit and prepare positions of the transaction log. */
export interface EsdbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as written. */
export interface EsdbEventData {
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonValue;
}

/** An event as read. */
export interface EsdbRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: EsdbPosition;
}

/** A filter the server applies to a subscription: on stream names or on event types, by prefixes or a regex. */
export interface EsdbServerFilter {
  readonly filterOn: 'streamName' | 'eventType';
  readonly prefixes?: readonly string[];
  readonly regex?: string;
}

/** What a live subscription yields: events, and a mark when it has delivered everything stored so far. */
export type EsdbSubscriptionItem =
  { readonly _tag: 'Event'; readonly event: EsdbRecordedEvent } | { readonly _tag: 'CaughtUp' };

/** A running subscription. Iteration throws when the server drops it and ends when it is unsubscribed. */
export interface EsdbSubscription extends AsyncIterable<EsdbSubscriptionItem> {
  readonly unsubscribe: () => Promise<void>;
}

/**
 * The driver over `@eventstore/db-client`, loaded with a dynamic `import()` so the package stays an optional
 * peer: nothing connects, and nothing is loaded, until this is called.
 */
export const eventStoreDbClientDriver = async (connectionString: string): Promise<EsdbDriver> => {
  const lib = await import('@eventstore/db-client');
  const client = lib.EventStoreDBClient.connectionString(connectionString);
  const toRecorded = (resolved: {
    readonly event?: {
      readonly streamId: string;
      readonly id: string;
      readonly type: string;
      readonly revision: bigint;
      readonly data: unknown;
      readonly metadata?: unknown;
      readonly created: Date;
      readonly position?: EsdbPosition;
    };
  }): EsdbRecordedEvent | undefined =>
    resolved.event === undefined
      ? undefined
      : {
          streamId: resolved.event.streamId,
          id: resolved.event.id,
          type: resolved.event.type,
          revision: resolved.event.revision,
          data: resolved.event.data,
          metadata: resolved.event.metadata,
          created: resolved.event.created,
          ...(resolved.event.position === undefined ? {} : { position: resolved.event.position }),
        };
  return {
    append: async (streamName, events, expectedRevision) => {
      const result = await client.appendToStream(
        streamName,
        events.map((e) =>
          lib.jsonEvent({
            id: e.id,
            type: e.type,
            data: e.data as never,
            metadata: e.metadata as never,
          }),
        ),
        { expectedRevision },
      );
      return result.position === undefined
        ? { nextExpectedRevision: result.nextExpectedRevision }
        : { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    },
    readStream: async function* (streamName, options) {
      for await (const resolved of client.readStream(streamName, {
        fromRevision: options.fromRevision,
        direction: options.direction,
        maxCount: options.maxCount,
      })) {
        const event = toRecorded(resolved);
        if (event !== undefined) yield event;
      }
    },
    readAll: async function* (options) {
      for await (const resolved of client.readAll({
        fromPosition: options.fromPosition,
        direction: 'forwards',
        maxCount: options.maxCount,
      })) {
        const event = toRecorded(resolved);
        if (event !== undefined) yield event;
      }
    },
    subscribeToAll: (options) => {
      const base =
        options.filter.regex === undefined && options.filter.prefixes !== undefined
          ? { prefixes: [...options.filter.prefixes] }
          : { regex: options.filter.regex ?? '' };
      const filter =
        options.filter.filterOn === 'streamName'
          ? lib.streamNameFilter(base as never)
          : lib.eventTypeFilter(base as never);
      const subscription = client.subscribeToAll({ fromPosition: options.fromPosition, filter });
      return {
        unsubscribe: () => subscription.unsubscribe(),
        [Symbol.asyncIterator]: () =>
          queuedItems(subscription as unknown as SubscriptionSource, toRecorded)[Symbol.asyncIterator](),
      };
    },
    close: () => client.dispose(),
  };
};

/** The part of the client's subscription (a Node readable stream) that {@link queuedItems} uses. */
export interface SubscriptionSource {
  on(event: 'data', listener: (resolved: never) => void): unknown;
  on(event: 'caughtUp' | 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** How many items wait before the stream is paused (the handler is slower than the server). */
const HIGH_WATER = 256;

/**
 * The client's subscription events (`data`, `caughtUp`, `error`, `end`) as one ordered async iterable, so a
 * `caughtUp` is seen between the events it came between, at once, and a drop ends the iteration with the
 * error (or, for an `end` the adapter did not ask for, simply ends it).
 */
export const queuedItems = <R>(
  source: SubscriptionSource,
  toEvent: (resolved: R) => EsdbRecordedEvent | undefined,
): AsyncIterable<EsdbSubscriptionItem> => {
  const queue: EsdbSubscriptionItem[] = [];
  let failure: { readonly error: unknown } | undefined;
  let ended = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const push = (item: EsdbSubscriptionItem) => {
    queue.push(item);
    if (queue.length >= HIGH_WATER && !paused) {
      paused = true;
      source.pause();
    }
    wake?.();
  };
  source.on('data', (resolved: never) => {
    const event = toEvent(resolved as R);
    if (event !== undefined) push({ _tag: 'Event', event });
  });
  source.on('caughtUp', () => push({ _tag: 'CaughtUp' }));
  source.on('error', (error) => {
    failure ??= { error };
    wake?.();
  });
  const end = () => {
    ended = true;
    wake?.();
  };
  source.on('end', end);
  source.on('close', end);
  return {
    [Symbol.asyncIterator]: async function* () {
      for (;;) {
        const item = queue.shift();
        if (item !== undefined) {
          if (paused && queue.length < HIGH_WATER / 2) {
            paused = false;
            source.resume();
          }
          yield item;
          continue;
        }
        if (failure !== undefined) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
};
