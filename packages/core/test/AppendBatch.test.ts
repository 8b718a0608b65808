import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import {
  DEFAULT_STORE_LIMITS,
  EventMetadata,
  Uuid,
  batchTooLarge,
  checkAppendBatch,
  isExpectedRevision,
  isJsonValue,
  parseStreamName,
  strict,
  toValidationError,
  utf8Length,
  validationError,
} from '../src/index.js';
import type { CheckedBatch, EventToAppend, StoreError, StoreLimits } from '../src/index.js';
import { showValue } from '../src/showValue.js';

const STREAM = 'report-KZ-75-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const ids = [
  '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
  '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8f',
  '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d90',
] as const;

const event = (id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  type: 'ReportSubmitted',
  schemaVersion: 1,
  data: { title: 'Road repaired twice on paper', amount: '250000000' },
  metadata: { commandId: 'c-1', actor: { role: 'citizen' } },
  ...overrides,
});

const refusal = (result: E.Either<StoreError, CheckedBatch>): StoreError => {
  if (E.isRight(result)) throw new Error('expected the batch to be refused');
  return result.left;
};

const issues = (
  result: E.Either<StoreError, CheckedBatch>,
): ReadonlyArray<{ path: string; message: string }> => {
  const error = refusal(result);
  if (error._tag !== 'ValidationError') throw new Error(`expected a ValidationError, got ${error._tag}`);
  return error.issues;
};

const check = (
  events: readonly unknown[],
  expectedRevision: unknown = 'any',
  limits: StoreLimits = DEFAULT_STORE_LIMITS,
) => checkAppendBatch(STREAM, events, expectedRevision, limits);

const encoder = new TextEncoder();
const bytesOf = (text: string): number => encoder.encode(text).length;

describe('checkAppendBatch', () => {
  it('accepts a well-formed batch and gives back the checked parts', () => {
    const events = [event(ids[0]), event(ids[1], { type: 'ReportAnswered', schemaVersion: 3, metadata: {} })];
    const result = check(events, 4n);
    expect(E.isRight(result)).toBe(true);
    if (E.isRight(result)) {
      expect(result.right.streamName).toBe(STREAM);
      expect(result.right.expectedRevision).toBe(4n);
      expect(result.right.events).toEqual(events);
      const expectedBytes = events.reduce(
        (n, e) => n + bytesOf(JSON.stringify(e['data'])) + bytesOf(JSON.stringify(e['metadata'])),
        0,
      );
      expect(result.right.bytes).toBe(expectedBytes);
    }
  });

  it('accepts each form of expected revision', () => {
    for (const expected of ['no_stream', 'stream_exists', 'any', 0n, 123n]) {
      expect(E.isRight(check([event(ids[0])], expected))).toBe(true);
    }
  });

  it('refuses a bad stream name before anything else', () => {
    const error = refusal(checkAppendBatch('report-42', [], 'latest', DEFAULT_STORE_LIMITS));
    expect(error._tag).toBe('InvalidStreamName');
    expect(error.message.startsWith('streamName: ')).toBe(true);
  });

  it('refuses an empty batch', () => {
    expect(issues(check([]))).toEqual([{ path: 'events', message: 'a batch needs at least one event' }]);
  });

  it('refuses more events than the limit, and accepts exactly the limit', () => {
    const limits = { maxBatchEvents: 2, maxBatchBytes: DEFAULT_STORE_LIMITS.maxBatchBytes };
    expect(E.isRight(check([event(ids[0]), event(ids[1])], 'any', limits))).toBe(true);
    const error = refusal(check([event(ids[0]), event(ids[1]), event(ids[2])], 'any', limits));
    expect(error).toEqual({
      _tag: 'BatchTooLarge',
      unit: 'events',
      limit: 2,
      actual: 3,
      message: 'events: a batch may hold at most 2 events, got 3',
    });
  });

  it('counts bytes in UTF-8, so Kazakh and Russian text weighs two bytes a letter', () => {
    // "Қазақстан" is 9 letters of the Cyrillic block: 18 bytes, 20 with its quotes; "{}" is 2 more.
    const kazakh = event(ids[0], { data: 'Қазақстан', metadata: {} });
    expect(JSON.stringify('Қазақстан').length + 2).toBe(13);
    const accepted = check([kazakh], 'any', { maxBatchEvents: 10, maxBatchBytes: 22 });
    expect(E.isRight(accepted) ? accepted.right.bytes : undefined).toBe(22);
    expect(refusal(check([kazakh], 'any', { maxBatchEvents: 10, maxBatchBytes: 21 }))).toEqual({
      _tag: 'BatchTooLarge',
      unit: 'bytes',
      limit: 21,
      actual: 22,
      message: 'events: a batch may hold at most 21 bytes, got 22',
    });
    // Russian, in data and metadata: {"text":"Жалоба на дорогу"} is 13 ASCII bytes (two of them spaces) and
    // 14 letters of two bytes; {"actor":{"role":"гражданин"}} is 21 ASCII bytes and 9 letters of two bytes.
    const russian = event(ids[1], {
      data: { text: 'Жалоба на дорогу' },
      metadata: { actor: { role: 'гражданин' } },
    });
    const result = check([russian]);
    expect(E.isRight(result) ? result.right.bytes : undefined).toBe(13 + 14 * 2 + 21 + 9 * 2);
  });

  it('counts the bytes of the whole batch against the limit', () => {
    const one = event(ids[0], { data: 'x'.repeat(8), metadata: {} }); // 10 + 2 bytes
    const limits = { maxBatchEvents: 10, maxBatchBytes: 36 };
    expect(E.isRight(check([one, { ...one, id: ids[1] }, { ...one, id: ids[2] }], 'any', limits))).toBe(true);
    const error = refusal(
      check([one, { ...one, id: ids[1] }, { ...one, id: ids[2] }], 'any', { ...limits, maxBatchBytes: 35 }),
    );
    expect(error._tag === 'BatchTooLarge' ? [error.unit, error.actual] : undefined).toEqual(['bytes', 36]);
  });

  it('refuses a bad id at events.N.id', () => {
    expect(issues(check([event(ids[0]), event('not-a-uuid')]))).toEqual([
      { path: 'events.1.id', message: 'expected Uuid, got "not-a-uuid"' },
    ]);
    expect(issues(check([event(ids[0].toUpperCase())]))[0]?.path).toBe('events.0.id');
  });

  it('refuses an id used twice in the batch at the second use', () => {
    expect(issues(check([event(ids[0]), event(ids[1]), event(ids[0])]))).toEqual([
      { path: 'events.2.id', message: `event id ${ids[0]} appears twice in the batch` },
    ]);
  });

  it('refuses data that is not plain JSON', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    const notJson: ReadonlyArray<readonly [string, unknown]> = [
      ['a bigint', 250_000_000n],
      ['undefined', undefined],
      ['a date', new Date(0)],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a function', () => 1],
      ['a nested bigint', { amount: [1, { tiyn: 1n }] }],
      ['a map', new Map([['a', 1]])],
      ['a cycle', cyclic],
    ];
    for (const [, data] of notJson) {
      expect(issues(check([event(ids[0], { data })]))).toEqual([
        { path: 'events.0.data', message: 'expected plain JSON data (encode it with its codec first)' },
      ]);
    }
    const { data: _data, ...withoutData } = event(ids[0]);
    expect(issues(check([withoutData]))).toEqual([
      { path: 'events.0.data', message: 'expected plain JSON data (encode it with its codec first)' },
    ]);
  });

  it('refuses unknown metadata fields, also inside the actor', () => {
    expect(issues(check([event(ids[0], { metadata: { commandId: 'c-1', userAgent: 'curl' } })]))).toEqual([
      { path: 'events.0.metadata.userAgent', message: 'unknown field' },
    ]);
    expect(
      issues(check([event(ids[0], { metadata: { actor: { role: 'citizen', name: 'Aigerim' } } })])),
    ).toEqual([{ path: 'events.0.metadata.actor.name', message: 'unknown field' }]);
  });

  it('refuses unknown fields of an event', () => {
    expect(issues(check([event(ids[0], { streamName: STREAM })]))).toEqual([
      { path: 'events.0.streamName', message: 'unknown field' },
    ]);
  });

  it('refuses bad type names and schema versions, bigints included, without throwing', () => {
    expect(issues(check([event(ids[0], { type: '1Report' })]))).toEqual([
      {
        path: 'events.0.type',
        message: 'expected an event type name (a letter, then letters, digits, "_" or "."), got "1Report"',
      },
    ]);
    for (const [version, shown] of [
      [0, '0'],
      [1.5, '1.5'],
      ['1', '"1"'],
      [1n, '1n'],
    ] as const) {
      expect(issues(check([event(ids[0], { schemaVersion: version })]))).toEqual([
        {
          path: 'events.0.schemaVersion',
          message: `expected a schema version (an integer from 1), got ${shown}`,
        },
      ]);
    }
  });

  it('refuses a bad expected revision', () => {
    for (const [expected, shown] of [
      [-1n, '-1'],
      [1, '1'],
      ['latest', 'latest'],
      [undefined, 'undefined'],
    ] as const) {
      expect(issues(checkAppendBatch(STREAM, [event(ids[0])], expected, DEFAULT_STORE_LIMITS))).toEqual([
        {
          path: 'expectedRevision',
          message: `expected "no_stream", "stream_exists", "any" or a revision (bigint >= 0), got ${shown}`,
        },
      ]);
    }
  });

  it('accepts any JSON data and counts its bytes as TextEncoder does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const result = check([event(ids[0], { data, metadata: {} })]);
        expect(E.isRight(result) ? result.right.bytes : undefined).toBe(bytesOf(JSON.stringify(data)) + 2);
      }),
    );
  });
});

describe('utf8Length', () => {
  const agrees = (text: string): void => {
    expect(utf8Length(text)).toBe(encoder.encode(text).length);
  };

  it('agrees with TextEncoder on any text of whole graphemes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), agrees));
  });

  it('agrees with TextEncoder on ASCII text and on ASCII text with one character beyond it', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), agrees));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii' }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (a, b) => agrees(a + b + a),
      ),
    );
  });

  it('agrees with TextEncoder on any sequence of code points', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), agrees));
  });

  it('agrees with TextEncoder on any UTF-16 text, lone surrogates included', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
    fc.assert(fc.property(fc.string({ unit: fc.oneof(codeUnit, surrogate) }), agrees));
  });

  it('counts 1, 2, 3 and 4 bytes by code point', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('Қ')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('\ud83d')).toBe(3);
    expect(utf8Length('\ud83dж')).toBe(5);
    expect(utf8Length('\ude00\ud83d')).toBe(6);
  });
});

/*
 * `checkAppendBatch` as it was before its fast path, kept as written then (codecs included): for any input,
 * the new one must give the same result, refusals word for word, and the same events, fields in the same order.
 */
const PreviousEventTypeName = new t.Type<string, string, unknown>(
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

const PreviousSchemaVersion = new t.Type<number, number, unknown>(
  'SchemaVersion',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u >= 1
      ? t.success(u)
      : t.failure(u, c, `expected a schema version (an integer from 1), got ${showValue(u)}`),
  t.identity,
);

const PreviousJsonData = new t.Type<EventToAppend['data'], EventToAppend['data'], unknown>(
  'JSON',
  isJsonValue,
  (u, c) =>
    isJsonValue(u)
      ? t.success(u)
      : t.failure(u, c, 'expected plain JSON data (encode it with its codec first)'),
  t.identity,
);

const PreviousEventBatchCodec = t.array(
  strict(
    {
      id: Uuid,
      type: PreviousEventTypeName,
      schemaVersion: PreviousSchemaVersion,
      data: PreviousJsonData,
      metadata: EventMetadata,
    },
    {},
    'EventToAppend',
  ),
);

const previousCheckAppendBatch = (
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
  const decoded = PreviousEventBatchCodec.decode(events);
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

/** What a call gives, or what it throws. */
const attempt = (
  run: () => E.Either<StoreError, CheckedBatch>,
): { readonly result: E.Either<StoreError, CheckedBatch> } | { readonly threw: string } => {
  try {
    return { result: run() };
  } catch (error) {
    return { threw: String(error) };
  }
};

interface Append {
  readonly name: string;
  readonly events: readonly unknown[];
  readonly expectedRevision: unknown;
  readonly limits: StoreLimits;
}

/** Both implementations give the same: deep-equal results, events with fields in the same order, data as given. */
const agrees = ({ name, events, expectedRevision, limits }: Append): void => {
  const actual = attempt(() => checkAppendBatch(name, events, expectedRevision, limits));
  const expected = attempt(() => previousCheckAppendBatch(name, events, expectedRevision, limits));
  expect(actual).toStrictEqual(expected);
  if ('result' in actual && 'result' in expected && E.isRight(actual.result) && E.isRight(expected.result)) {
    const checked = actual.result.right.events;
    const previous = expected.result.right.events;
    expect(checked).not.toBe(events);
    // Member order is what toStrictEqual does not compare; the JSON text does.
    expect(JSON.stringify(checked)).toBe(JSON.stringify(previous));
    checked.forEach((event, index) => {
      expect(event).not.toBe(events[index]);
      expect(event.data).toBe(previous[index]?.data);
      expect(event.metadata).not.toBe((events[index] as { metadata?: unknown }).metadata);
    });
  }
};

// Text that is written escaped, in more than one byte, or as a lone surrogate (three bytes once encoded).
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  fc.constantFrom(
    '"',
    '\\',
    '\u0000',
    '\n',
    '\u001f',
    '\u007f',
    '\u00e9',
    '\u049a',
    '\u20ac',
    '\u2028',
    '\ud83d\ude00',
    '\ud800',
    '\udfff',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);
const text = fc.oneof(
  fc.string({ unit, maxLength: 12 }),
  fc.constantFrom('2026-03-04T06:30:00.000Z', '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e', 'a'.repeat(64)),
);
const jsonData = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: unit }),
  fc.dictionary(text, fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), {
    maxKeys: 8,
  }),
);
/** An optional field that may also be given as undefined (which reads as absent). */
const orUndefined = <A>(arbitrary: fc.Arbitrary<A>): fc.Arbitrary<A | undefined> =>
  fc.oneof({ weight: 5, arbitrary }, fc.constant(undefined));
const actor = fc.record(
  { role: text, region: orUndefined(text), id: orUndefined(text) },
  { requiredKeys: ['role'] },
);
const metadata = fc.record(
  {
    commandId: orUndefined(text),
    correlationId: orUndefined(text),
    causationId: orUndefined(text),
    actor: orUndefined(actor),
    occurredAt: orUndefined(text),
    prevHash: orUndefined(text),
    hash: orUndefined(text),
  },
  { requiredKeys: [] },
);
const validEvent = fc.record({
  id: fc.uuid(),
  type: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,20}$/),
  schemaVersion: fc.integer({ min: 1, max: 1000 }),
  data: jsonData,
  metadata,
});

const validAppend: fc.Arbitrary<Append> = fc.record({
  name: fc.constant(STREAM),
  events: fc.uniqueArray(validEvent, { minLength: 1, maxLength: 12, selector: (event) => event.id }),
  expectedRevision: fc.oneof(
    fc.constantFrom('no_stream', 'stream_exists', 'any'),
    fc.bigInt({ min: 0n, max: 2n ** 64n }),
  ),
  limits: fc.constant(DEFAULT_STORE_LIMITS),
});

const cyclic = (): unknown => {
  const value: { self?: unknown } = {};
  value.self = value;
  return value;
};
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: nested(depth - 1) });

// Values of the wrong kind for some field: near misses of each field's own rule, and anything at all.
const WRONG_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  'not-a-uuid',
  '0190F3C2-7B1E-7C4A-9D2E-3F4A5B6C7D8E',
  '1Report',
  'Report Submitted',
  0,
  -1,
  1.5,
  '1',
  1n,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  true,
  [],
  {},
  [1, undefined],
  { amount: 1n },
  new Date(0),
  { when: new Date(0) },
  { f: () => 1 },
  new Map([['a', 1]]),
  Object.create(null) as unknown,
  Object.assign(Object.create(null) as object, { a: 1 }),
  cyclic(),
  nested(63),
  nested(64),
  nested(70),
];
const wrongValue = fc.oneof(
  fc.constantFrom(...WRONG_VALUES),
  fc.constant(null).map(cyclic),
  fc.integer({ min: 60, max: 70 }).map(nested),
  fc.anything(),
);

const FIELDS = ['id', 'type', 'schemaVersion', 'data', 'metadata'] as const;
const METADATA_FIELDS = [
  'commandId',
  'correlationId',
  'causationId',
  'actor',
  'occurredAt',
  'prevHash',
  'hash',
] as const;

type Change = (events: Record<string, unknown>[], at: number) => void;

const withField = (record: unknown, key: string, value: unknown): Record<string, unknown> => ({
  ...(record as Record<string, unknown>),
  [key]: value,
});
const without = (record: Record<string, unknown>, key: string): Record<string, unknown> => {
  const { [key]: _removed, ...rest } = record;
  return rest;
};

// One way of breaking (or merely reshaping) the event at `at`.
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), wrongValue).map(([field, value]): Change => (events, at) => {
    events[at] = withField(events[at], field, value);
  }),
  fc.constantFrom(...FIELDS).map((field): Change => (events, at) => {
    events[at] = without(events[at] ?? {}, field);
  }),
  fc.tuple(fc.string({ maxLength: 8 }), wrongValue).map(([key, value]): Change => (events, at) => {
    events[at] = withField(events[at], key, value);
  }),
  fc.tuple(fc.constantFrom(...METADATA_FIELDS), wrongValue).map(([field, value]): Change => (events, at) => {
    events[at] = withField(events[at], 'metadata', withField(events[at]?.['metadata'], field, value));
  }),
  fc.tuple(fc.string({ maxLength: 8 }), text).map(([key, value]): Change => (events, at) => {
    events[at] = withField(events[at], 'metadata', withField(events[at]?.['metadata'], key, value));
  }),
  fc
    .tuple(fc.constantFrom('role', 'region', 'id', 'name'), wrongValue)
    .map(([key, value]): Change => (events, at) => {
      const event = events[at] ?? {};
      const metadata = (event['metadata'] ?? {}) as Record<string, unknown>;
      events[at] = withField(
        event,
        'metadata',
        withField(metadata, 'actor', withField(metadata['actor'] ?? {}, key, value)),
      );
    }),
  // The same fields in another order: still valid.
  fc.func(fc.integer()).map((order): Change => (events, at) => {
    const event = events[at] ?? {};
    const keys = Object.keys(event).sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
    events[at] = Object.fromEntries(keys.map((key) => [key, event[key]]));
  }),
  // An id used earlier in the batch (or by the event itself, which changes nothing).
  fc.nat().map((from): Change => (events, at) => {
    events[at] = withField(events[at], 'id', events[from % events.length]?.['id']);
  }),
  // Not an event at all, or no event: a hole.
  wrongValue.map((value): Change => (events, at) => {
    events[at] = value as Record<string, unknown>;
  }),
  fc.constant<Change>((events, at) => {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- makes a hole in the array
    delete events[at];
  }),
);

const brokenAppend: fc.Arbitrary<Append> = fc
  .record({
    append: validAppend,
    changes: fc.array(fc.tuple(fc.nat(), change), { maxLength: 3 }),
    name: fc.oneof(
      { weight: 20, arbitrary: fc.constant(STREAM) },
      fc.constantFrom('report-42', 'Report-KZ-75-x', 'report-KZ-7-x', ''),
      fc.string({ maxLength: 20 }),
    ),
    expectedRevision: fc.oneof(
      { weight: 20, arbitrary: fc.constant('any') },
      fc.bigInt({ min: -3n, max: 3n }),
      fc.constantFrom<unknown>('latest', 1, -1, undefined, null, 'ANY'),
      fc.anything(),
    ),
    limits: fc.oneof(
      { weight: 6, arbitrary: fc.constant(DEFAULT_STORE_LIMITS) },
      fc.record({
        maxBatchEvents: fc.integer({ min: 0, max: 13 }),
        maxBatchBytes: fc.integer({ min: 0, max: 3000 }),
      }),
    ),
    events: fc.oneof(
      { weight: 40, arbitrary: fc.constant(undefined) },
      fc.constantFrom<unknown>([], null, 'events', {}, { length: 1, 0: {} }),
    ),
  })
  .map(({ append, changes, name, expectedRevision, limits, events }) => {
    const changed = append.events.map((event) => ({ ...(event as Record<string, unknown>) }));
    for (const [at, apply] of changes) apply(changed, at % changed.length);
    return {
      name,
      events: events === undefined ? changed : (events as unknown[]),
      expectedRevision,
      limits,
    };
  });

describe('checkAppendBatch against its previous implementation', () => {
  it('gives the same checked batch for any valid batch', () => {
    fc.assert(fc.property(validAppend, agrees), { numRuns: 500 });
  });

  it('gives the same result, refusals word for word, for batches broken in any way', () => {
    fc.assert(fc.property(brokenAppend, agrees), { numRuns: 2000 });
  });

  it('gives the same result for batches at their limits of events and bytes', () => {
    fc.assert(
      fc.property(
        validAppend,
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
        (append, moreEvents, moreBytes) => {
          const measured = checkAppendBatch(
            append.name,
            append.events,
            append.expectedRevision,
            append.limits,
          );
          const bytes = E.isRight(measured) ? measured.right.bytes : 0;
          agrees({
            ...append,
            limits: { maxBatchEvents: append.events.length + moreEvents, maxBatchBytes: bytes + moreBytes },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts bytes as JSON.stringify does even when a toJSON was added to a prototype', () => {
    for (const proto of [Object.prototype, Array.prototype]) {
      const events = [event(ids[0], { data: { list: [1, 2], text: 'x' } })];
      Object.defineProperty(proto, 'toJSON', { value: () => 'replaced', configurable: true, writable: true });
      let actual: unknown;
      let expected: unknown;
      try {
        actual = attempt(() => checkAppendBatch(STREAM, events, 'any', DEFAULT_STORE_LIMITS));
        expected = attempt(() => previousCheckAppendBatch(STREAM, events, 'any', DEFAULT_STORE_LIMITS));
      } finally {
        delete (proto as { toJSON?: unknown }).toJSON;
      }
      expect(actual).toStrictEqual(expected);
    }
  });

  it('gives the same result for hand-picked batches', () => {
    const base = event(ids[0]);
    const batches: unknown[][] = [
      [base],
      [{ ...base, data: nested(63) }],
      [{ ...base, data: nested(64) }],
      [{ ...base, data: nested(80) }],
      [{ ...base, data: Object.assign(Object.create(null) as object, { a: [1, 'Қ'] }) }],
      [{ ...base, data: { '': '', '\ud800': '\udfff', '"q"': '\\', '\u2028': 'x\u0000' } }],
      [{ ...base, metadata: { actor: { role: 'citizen', region: undefined, id: undefined } } }],
      [{ ...base, metadata: { hash: 'h', commandId: 'c' } }],
      [{ metadata: base['metadata'], ...without(base, 'metadata') }],
      [base, { ...base, id: ids[1] }, { ...base, id: ids[0] }],
      Array.from({ length: 20 }, (_, i) => ({
        ...base,
        id: `0190f3c2-7b1e-7c4a-9d2e-${String(i % 19).padStart(12, '0')}`,
      })),
      [Object.assign(Object.create({ metadata: {} }) as object, without(base, 'metadata'))],
      [Object.assign(Object.create({ extra: 1 }) as object, base)],
      [Object.defineProperty({ ...base }, 'extra', { value: 1, enumerable: false })],
      [Object.defineProperty(without(base, 'id'), 'id', { value: ids[0], enumerable: false })],
      [{ ...base, data: { toJSON: 'not a function' } }],
    ];
    // Each wrong value in each field of an event, of its metadata and of its actor.
    for (const value of WRONG_VALUES) {
      for (const field of FIELDS) batches.push([withField(base, field, value)]);
      for (const field of METADATA_FIELDS) batches.push([withField(base, 'metadata', { [field]: value })]);
      for (const field of ['role', 'region', 'id']) {
        batches.push([withField(base, 'metadata', { actor: { role: 'citizen', [field]: value } })]);
      }
      batches.push([withField(base, 'data', [value]), { ...base, id: ids[1], data: { value } }]);
    }
    for (const events of batches)
      agrees({ name: STREAM, events, expectedRevision: 'any', limits: DEFAULT_STORE_LIMITS });
    class Batch<T> extends Array<T> {}
    agrees({
      name: STREAM,
      events: Batch.from([base]),
      expectedRevision: 'any',
      limits: DEFAULT_STORE_LIMITS,
    });
  });
});
