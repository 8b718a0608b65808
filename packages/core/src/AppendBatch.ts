import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { StoreError } from './StoreError.js';
import { batchTooLarge } from './StoreError.js';
import { isExpectedRevision } from './ExpectedRevision.js';
import type { ExpectedRevision } from './ExpectedRevision.js';
import { isJsonValue } from './Json.js';
import type { EventToAppend } from './RecordedEvent.js';
import { EventMetadata } from './RecordedEvent.js';
import type { StreamName } from './StreamName.js';
import { parseStreamName } from './StreamName.js';
import { Uuid } from './primitives.js';
import { showValue } from './showValue.js';
import { strict } from './strict.js';
import { toValidationError, validationError } from './ValidationError.js';

/**
 * How much one append may carry. Every adapter refuses a larger batch with `BatchTooLarge`, so a portal
 * behaves the same on every store (EventStoreDB's own limit on a write is larger than these defaults).
 *
 * @category port
 * @since 0.1.0
 */
export interface StoreLimits {
  readonly maxBatchEvents: number;
  readonly maxBatchBytes: number;
}

/**
 * 1,000 events and 4 MiB of encoded events per append.
 *
 * @category port
 * @since 0.1.0
 */
export const DEFAULT_STORE_LIMITS: StoreLimits = { maxBatchEvents: 1000, maxBatchBytes: 4 * 1024 * 1024 };

const EventTypeName = new t.Type<string, string, unknown>(
  'EventTypeName',
  (u): u is string => typeof u === 'string' && /^[A-Za-z][A-Za-z0-9_.]{0,99}$/.test(u),
  (u, c) =>
    typeof u === 'string' && /^[A-Za-z][A-Za-z0-9_.]{0,99}$/.test(u)
      ? t.success(u)
      : t.failure(
          u,
          c,
          `expected an event type name (a letter, then letters, digits, "_" or "."), got ${showValue(u)}`,
        ),
  t.identity,
);

const SchemaVersion = new t.Type<number, number, unknown>(
  'SchemaVersion',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 1
      ? t.success(u)
      : t.failure(u, c, `expected a schema version (an integer from 1), got ${showValue(u)}`),
  t.identity,
);

const JsonData = new t.Type<EventToAppend['data'], EventToAppend['data'], unknown>(
  'JSON',
  isJsonValue,
  (u, c) =>
    isJsonValue(u)
      ? t.success(u)
      : t.failure(u, c, 'expected plain JSON data (encode it with its codec first)'),
  t.identity,
);

const EventToAppendCodec = strict(
  { id: Uuid, type: EventTypeName, schemaVersion: SchemaVersion, data: JsonData, metadata: EventMetadata },
  {},
  'EventToAppend',
);

// Built once: every append checks its batch with it.
const EventBatchCodec = t.array(EventToAppendCodec);

/**
 * A batch that passed {@link checkAppendBatch}.
 *
 * @category port
 * @since 0.1.0
 */
export interface CheckedBatch {
  readonly streamName: StreamName;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
  /** The JSON size of each event's data plus metadata, as the limit counted it. */
  readonly bytes: number;
}

/**
 * The checks every adapter makes before it writes anything, so all refuse bad appends alike: a valid stream
 * name, a non-empty batch within the limits, well-formed events (UUID ids, none repeated in the batch, a
 * type name, a schema version, JSON data, known metadata fields) and a valid expected revision.
 *
 * @example
 * import { checkAppendBatch, DEFAULT_STORE_LIMITS } from '@adal/core';
 * checkAppendBatch('report-42', [], 'any', DEFAULT_STORE_LIMITS)._tag; // 'Left' (InvalidStreamName)
 *
 * @category port
 * @since 0.1.0
 */
export const checkAppendBatch = (
  name: string,
  events: readonly unknown[],
  expectedRevision: unknown,
  limits: StoreLimits,
): E.Either<StoreError, CheckedBatch> => {
  const parsed = parseStreamName(name);
  if (E.isLeft(parsed)) return parsed;
  if (!Array.isArray(events) || events.length === 0) {
    return E.left(validationError([{ path: 'events', message: 'a batch needs at least one event' }]));
  }
  if (events.length > limits.maxBatchEvents)
    return E.left(batchTooLarge('events', limits.maxBatchEvents, events.length));
  if (!isExpectedRevision(expectedRevision)) {
    return E.left(
      validationError([
        {
          path: 'expectedRevision',
          message: `expected "no_stream", "stream_exists", "any" or a revision (bigint >= 0), got ${String(expectedRevision)}`,
        },
      ]),
    );
  }
  const decoded = EventBatchCodec.decode(events);
  if (E.isLeft(decoded)) {
    return E.left(
      validationError(
        toValidationError(decoded.left).issues.map((issue) => ({
          path: `events.${issue.path}`,
          message: issue.message,
        })),
      ),
    );
  }
  const seen = new Set<string>();
  for (const [index, event] of decoded.right.entries()) {
    if (seen.has(event.id)) {
      return E.left(
        validationError([
          { path: `events.${index}.id`, message: `event id ${event.id} appears twice in the batch` },
        ]),
      );
    }
    seen.add(event.id);
  }
  let bytes = 0;
  for (const event of decoded.right)
    bytes += utf8Length(JSON.stringify(event.data)) + utf8Length(JSON.stringify(event.metadata));
  if (bytes > limits.maxBatchBytes) return E.left(batchTooLarge('bytes', limits.maxBatchBytes, bytes));
  return E.right({ streamName: parsed.right, events: decoded.right, expectedRevision, bytes });
};

/**
 * The number of bytes a string takes in UTF-8, counted without encoding it.
 *
 * @category port
 * @since 0.1.0
 */
export const utf8Length = (text: string): number => {
  // Most stored JSON is ASCII, one byte a character: the native test is far cheaper than the loop below.
  if (ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3; // A lone surrogate is written as U+FFFD, three bytes, as TextEncoder does.
  }
  return bytes;
};

// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ASCII = /^[\u0000-\u007f]*$/;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
