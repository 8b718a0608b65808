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
  /** Creates a persistent subscription group on `$all`; throws the client's "exists" error if it does. */
  readonly createPersistentSubscriptionToAll: (
    group: string,
    settings: EsdbPersistentSettings,
  ) => Promise<void>;
  /** Joins a persistent subscription group on `$all` as one more consumer. */
  readonly subscribeToPersistentSubscriptionToAll: (
    group: string,
    options: { readonly bufferSize: number },
  ) => EsdbPersistentSubscription;
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

/** How the server hands a group's events to its consumers (the client's `consumerStrategyName`). */
export type EsdbConsumerStrategy = 'RoundRobin' | 'Pinned' | 'DispatchToSingle';

/** The settings of a persistent subscription group that the adapter sets; the server's defaults for the rest. */
export interface EsdbPersistentSettings {
  readonly startFrom: EsdbPosition | 'start' | 'end';
  readonly filter: EsdbServerFilter;
  readonly consumerStrategy: EsdbConsumerStrategy;
  /** How many times the server re-sends an event that timed out or was nacked with `retry` before parking it. */
  readonly maxRetryCount: number;
  /** After how long without an ack the server sends an event again. */
  readonly messageTimeoutMs: number;
}

/** What a consumer of a group is given: the event (absent for a link to a deleted event) and how to settle it. */
export interface EsdbPersistentItem {
  readonly event: EsdbRecordedEvent | undefined;
  /** How many times the server has sent this event before. */
  readonly retryCount: number;
  readonly ack: () => Promise<void>;
  readonly nack: (action: 'park' | 'retry' | 'skip', reason: string) => Promise<void>;
}

/** A consumer's connection to a group. Iteration throws when the server drops it, ends when unsubscribed. */
export interface EsdbPersistentSubscription extends AsyncIterable<EsdbPersistentItem> {
  readonly unsubscribe: () => Promise<void>;
}
