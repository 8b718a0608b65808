import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_STORE_LIMITS, checkAppendBatch, utf8Length } from '../src/index.js';
import type { CheckedBatch, StoreError, StoreLimits } from '../src/index.js';

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
