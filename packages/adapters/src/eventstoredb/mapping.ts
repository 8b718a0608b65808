import type {
  AllFilter,
  BatchTooLarge,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  JsonValue,
  RecordedEvent,
  StoreError,
  StoreUnavailable,
  StreamState,
} from '@adal/core';
import {
  batchTooLarge,
  globalPosition,
  globalPositionParts,
  parseStreamName,
  storeUnavailable,
  streamNotFound,
  wrongExpectedRevision,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type {
  EsdbEventData,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbServerFilter,
} from './driver.js';

/** The metadata key that carries our schema version beside the event's own metadata. */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

/**
 * Why EventStoreDB was unavailable, kept on the `StoreUnavailable` so a caller can tell a retry on another
 * node (`not_leader`) from a wait (`unavailable`, `deadline_exceeded`) from a configuration fault
 * (`access_denied`).
 */
export type EsdbUnavailableReason =
  | 'not_leader'
  | 'unavailable'
  | 'deadline_exceeded'
  | 'access_denied'
  | 'cancelled'
  | 'group_not_found'
  | 'group_exists'
  | 'group_full'
  | 'unknown';

/** A `StoreUnavailable` with the reason EventStoreDB gave. */
export interface EsdbUnavailable extends StoreUnavailable {
  readonly reason: EsdbUnavailableReason;
}

/** Our expected revision in the client's terms: the two use the same words and the same numbers. */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): EsdbExpectedRevision => expected;

/** The client's current revision (`'no_stream'` or a bigint) as our stream state. */
export const fromEsdbCurrentRevision = (current: unknown): StreamState =>
  typeof current === 'bigint' ? current : 'no_stream';

/** An ESDB position as ours: commit is the major part, prepare the minor, so the order is kept. */
export const fromEsdbPosition = (position: EsdbPosition): GlobalPosition =>
  globalPosition(position.commit, position.prepare);

/** Our position as an ESDB position. */
export const toEsdbPosition = (position: GlobalPosition): EsdbPosition => {
  const { major, minor } = globalPositionParts(position);
  return { commit: major, prepare: minor };
};

/** An event to append as ESDB event data: JSON data, and metadata with the schema version added. */
export const toEsdbEventData = (event: EventToAppend): EsdbEventData => ({
  id: event.id,
  type: event.type,
  data: event.data,
  metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion } as JsonValue,
});

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * An ESDB event as a recorded event of ours. Refuses (Left) events that are not ours: a stream name outside
 * our scheme, or no position (every event read from a server of version 20 or later has one).
 */
export const fromEsdbEvent = (event: EsdbRecordedEvent): E.Either<string, RecordedEvent> => {
  const streamName = parseStreamName(event.streamId);
  if (E.isLeft(streamName)) return E.left(`stream ${event.streamId} is not an Adal stream`);
  if (event.position === undefined) return E.left(`event ${event.id} was read without a position`);
  const raw = isRecord(event.metadata) ? event.metadata : {};
  const { [SCHEMA_VERSION_KEY]: version, ...metadata } = raw;
  return E.right({
    id: event.id,
    type: event.type,
    schemaVersion: typeof version === 'number' ? version : 1,
    streamName: streamName.right,
    streamRevision: event.revision,
    globalPosition: fromEsdbPosition(event.position),
    recordedAt: event.created,
    data: event.data as JsonValue,
    metadata: metadata as EventMetadata,
  });
};

/** Whether an event is one of the server's own (`$`-prefixed type or stream), which we never deliver. */
export const isSystemEvent = (event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

/**
 * Our filter of `$all` as the filter the server applies. The server filters on one thing only, so stream
 * prefixes win when both are given (the event types are then checked on our side with `matchesFilter`); with
 * neither, system events are excluded by the same regex the client's `excludeSystemEvents()` uses.
 */
export const toEsdbServerFilter = (filter?: AllFilter): EsdbServerFilter =>
  filter?.streamPrefixes !== undefined
    ? { filterOn: 'streamName', prefixes: [...filter.streamPrefixes] }
    : filter?.eventTypes !== undefined
      ? { filterOn: 'eventType', regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` }
      : { filterOn: 'eventType', regex: '^[^$].*' };

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The client's error `type`s (its `ErrorType` enum), as the client sets them on every error it throws. */
const UNAVAILABLE_REASONS: Readonly<Record<string, EsdbUnavailableReason>> = {
  'not-leader': 'not_leader',
  unavailable: 'unavailable',
  'deadline-exceeded': 'deadline_exceeded',
  timeout: 'deadline_exceeded',
  'access-denied': 'access_denied',
  cancelled: 'cancelled',
  'persistent-subscription-dropped': 'unavailable',
  'persistent-subscription-does-not-exist': 'group_not_found',
  'persistent-subscription-exists': 'group_exists',
  'maximum-subscribers-reached': 'group_full',
};

/**
 * gRPC status codes, for the errors the client passes on without wrapping them (a refused connection comes
 * as a plain `ServiceError` with code 14).
 */
const GRPC_REASONS: Readonly<Record<number, EsdbUnavailableReason>> = {
  1: 'cancelled',
  4: 'deadline_exceeded',
  7: 'access_denied',
  14: 'unavailable',
  16: 'access_denied',
};

/**
 * An error the client threw as one of our store errors: a wrong expected version (with `actual: 'no_stream'`
 * when the stream does not exist), a missing stream, an append over the server's size limit, or
 * `StoreUnavailable` with the reason. Anything else is `StoreUnavailable` with reason `unknown`.
 */
export const fromEsdbError = (
  cause: unknown,
  context: { readonly streamName?: string; readonly expected?: ExpectedRevision } = {},
): StoreError => {
  const type = isRecord(cause) && typeof cause['type'] === 'string' ? cause['type'] : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  const streamName = context.streamName ?? '';
  switch (type) {
    case 'wrong-expected-version': {
      const record = cause as Record<string, unknown>;
      const name = typeof record['streamName'] === 'string' ? record['streamName'] : streamName;
      // `@eventstore/db-client` says expectedVersion/actualVersion, `@kurrent/kurrentdb-client` expectedState/actualState.
      return wrongExpectedRevision(
        name,
        context.expected ?? toExpected(record['expectedVersion'] ?? record['expectedState']),
        fromEsdbCurrentRevision(record['actualVersion'] ?? record['actualState']),
      );
    }
    // Adal never deletes a stream; one deleted or tombstoned on the server has no event to read.
    case 'stream-not-found':
    case 'stream-deleted':
    case 'stream-tombstoned':
      return streamNotFound(streamName);
    case 'maximum-append-size-exceeded':
    case 'append-record-size-exceeded': {
      const record = cause as Record<string, unknown>;
      const limit = record['maxAppendSize'] ?? record['maxSize'];
      const size = record['size'];
      return tooLarge(typeof limit === 'number' ? limit : 0, typeof size === 'number' ? size : undefined);
    }
    default: {
      const code = isRecord(cause) && typeof cause['code'] === 'number' ? cause['code'] : undefined;
      const reason =
        (type === undefined ? undefined : UNAVAILABLE_REASONS[type]) ??
        (code === undefined ? undefined : GRPC_REASONS[code]) ??
        'unknown';
      const error: EsdbUnavailable = {
        ...storeUnavailable(`EventStoreDB: ${reason.replace(/_/g, ' ')}: ${message}`, cause),
        reason,
      };
      return error;
    }
  }
};

const toExpected = (u: unknown): ExpectedRevision =>
  u === 'no_stream' || u === 'stream_exists' || typeof u === 'bigint' ? u : 'any';

// EventStoreDB does not say how large the append was, only its limit; KurrentDB names the record's size.
const tooLarge = (limit: number, size?: number): BatchTooLarge => ({
  ...batchTooLarge('bytes', limit, size ?? limit + 1),
  message: `events: the append is over EventStoreDB's maximum append size of ${limit} bytes`,
});

/** The reason EventStoreDB gave for a failure, when it is one of its own. */
export const esdbReason = (error: StoreError): EsdbUnavailableReason | undefined =>
  error._tag === 'StoreUnavailable' ? (error as Partial<EsdbUnavailable>).reason : undefined;

/**
 * Whether a failure is worth re-subscribing after (the server, the network, a group with no free place yet),
 * not a fault of ours (access denied).
 */
export const isTransient = (error: StoreError): boolean =>
  error._tag === 'StoreUnavailable' && esdbReason(error) !== 'access_denied';
