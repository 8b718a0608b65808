import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import type { StoreError } from './StoreError.js';
import { batchTooLarge } from './StoreError.js';
import { isExpectedRevision } from './ExpectedRevision.js';
import type { ExpectedRevision } from './ExpectedRevision.js';
import { isJsonValue } from './Json.js';
import { writtenName } from './jsonText.js';
import type { EventToAppend } from './RecordedEvent.js';
import { EventMetadata } from './RecordedEvent.js';
import { fastDecoderOf, REFUSED } from './fastDecode.js';
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
  const checked = checkValidBatch(events, limits);
  if (checked !== undefined) {
    return E.right({
      streamName: parsed.right,
      events: checked.events,
      expectedRevision,
      bytes: checked.bytes,
    });
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

const EVENT_FIELDS: readonly string[] = ['id', 'type', 'schemaVersion', 'data', 'metadata'];

const decodeMetadata = fastDecoderOf(EventMetadata);

/**
 * The events and bytes `checkAppendBatch` gives for a batch that is plainly valid, found without io-ts's
 * `Either`s and contexts and with one walk over each event's data instead of `isJsonValue`, `JSON.stringify`
 * and `utf8Length`; `undefined` for anything else (an error, or an input it does not follow, such as fields
 * in another order), which the codec then checks, so every refusal reads as it did. What it gives is what
 * the codec gives: a copy of the batch (`slice`, as io-ts copies an array whose items it rebuilt) holding a
 * new event object per event, fields in the codec's order, the data as it was and the metadata as its own
 * codec decodes it.
 */
const checkValidBatch = (
  events: readonly unknown[],
  limits: StoreLimits,
): { readonly events: readonly EventToAppend[]; readonly bytes: number } | undefined => {
  // JSON.stringify would call a `toJSON` added to these prototypes, which the byte count below does not.
  if (
    (Object.prototype as { toJSON?: unknown }).toJSON !== undefined ||
    (Array.prototype as { toJSON?: unknown }).toJSON !== undefined
  )
    return undefined;
  // A subclass of Array would build the copy through its own constructor, which the codec's way would then
  // run a second time.
  if (Object.getPrototypeOf(events) !== Array.prototype) return undefined;
  const checked = events.slice() as EventToAppend[];
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
    // Exactly the five fields, in the codec's order; `for…in` gives own fields before inherited ones, so the
    // last being its own means all are.
    let count = 0;
    for (const key in event) {
      if (key !== EVENT_FIELDS[count]) return undefined;
      count += 1;
    }
    if (count !== EVENT_FIELDS.length || !Object.prototype.hasOwnProperty.call(event, 'metadata'))
      return undefined;
    const { id, type, schemaVersion, data, metadata } = event as Record<string, unknown>;
    if (!Uuid.is(id) || !EventTypeName.is(type) || !SchemaVersion.is(schemaVersion)) return undefined;
    // The metadata before the data: it is the cheaper to look at, so a batch left to the codec wastes less.
    const decodedMetadata = decodeMetadata(metadata) as EventMetadata | typeof REFUSED;
    if (decodedMetadata === REFUSED) return undefined;
    const dataBytes = jsonBytes(data, 0);
    if (dataBytes < 0) return undefined;
    const metadataBytes = jsonBytes(decodedMetadata, 0);
    if (metadataBytes < 0) return undefined;
    bytes += dataBytes + metadataBytes;
    checked[i] = { id, type, schemaVersion, data: data as EventToAppend['data'], metadata: decodedMetadata };
  }
  if (repeatsAnId(checked) || bytes > limits.maxBatchBytes) return undefined;
  return { events: checked, bytes };
};

const repeatsAnId = (events: readonly EventToAppend[]): boolean => {
  // Most batches hold one to a few events: comparing them costs less than a Set.
  if (events.length > 8) return new Set(events.map((event) => event.id)).size !== events.length;
  for (let i = 1; i < events.length; i++) {
    for (let j = 0; j < i; j++)
      if ((events[i] as EventToAppend).id === (events[j] as EventToAppend).id) return true;
  }
  return false;
};

/**
 * `utf8Length(JSON.stringify(value))` for a value `isJsonValue` accepts, counted without writing the JSON;
 * -1 for anything else and for values nested deeper than `isJsonValue` walks without looking for cycles (the
 * caller then takes the codec's way). Strings and names are counted as written when they hold only printable
 * ASCII other than `"` and `\`, and otherwise by writing them.
 */
const jsonBytes = (value: unknown, depth: number): number => {
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : -1;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_DEPTH) return -1;
      if (Array.isArray(value)) {
        const items = value as readonly unknown[];
        // The brackets and the commas between items.
        let bytes = items.length === 0 ? 2 : items.length + 1;
        for (let i = 0; i < items.length; i++) {
          const item = jsonBytes(items[i], depth + 1);
          if (item < 0) return -1;
          bytes += item;
        }
        return bytes;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return -1;
      const record = value as Record<string, unknown>;
      // The members JSON.stringify writes; a member holding undefined (which it would leave out) is not JSON.
      const keys = Object.keys(record);
      // The braces and the commas between members.
      let bytes = keys.length === 0 ? 2 : keys.length + 1;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const member = jsonBytes(record[key], depth + 1);
        if (member < 0) return -1;
        bytes += writtenName(key).bytes + member;
      }
      return bytes;
    }
    default:
      return -1;
  }
};

/** The depth from which `isJsonValue` looks for cycles. */
const MAX_DEPTH = 64;

// Printable ASCII but `"` and `\`: JSON.stringify writes these as they are, one byte each.
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007f]*$/;

const stringBytes = (text: string): number =>
  PLAIN.test(text) ? text.length + 2 : utf8Length(JSON.stringify(text));

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
