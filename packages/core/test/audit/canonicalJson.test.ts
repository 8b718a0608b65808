import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/index.js';
import { canonicalJson, eventHashInput } from '../../src/index.js';

/** RFC 8785 written the plain way: what the concatenating implementation must equal. */
const reference = (value: JsonValue): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as JsonValue[]).map(reference).join(',')}]`;
  const record = value as { [key: string]: JsonValue };
  return `{${Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${JSON.stringify(key)}:${reference(record[key] as JsonValue)}`)
    .join(',')}}`;
};

/** `canonicalJson` as it was before it was made faster, kept as written then: the new one must equal it. */
const previous = (value: JsonValue): string => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    let out = '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out += ',';
      out += previous(items[i] as JsonValue);
    }
    return `${out}]`;
  }
  const record = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${previous(member)}`;
  }
  return `${out}}`;
};

/** What a call gives: its text, or the error it throws. */
const outcome = (serialise: (value: JsonValue) => string, value: unknown) => {
  try {
    return { text: serialise(value as JsonValue) };
  } catch (error) {
    return { threw: String(error), kind: (error as Error).constructor.name };
  }
};

// Text `JSON.stringify` escapes or that sorts in surprising ways: lone and paired surrogates, control
// characters, the quote and backslash, line and paragraph separators (not escaped), letters that differ only
// in case or in being precomposed, characters past the BMP (sorted by their surrogates, not by code point),
// and names of Object.prototype's members.
const edgeUnit = fc.oneof(
  fc.constantFrom(
    '\ud800',
    '\udbff',
    '\udc00',
    '\udfff',
    '\ud83d\ude00',
    '\ud83d',
    '\ude00',
    '\u0000',
    '\u0001',
    '\b',
    '\t',
    '\n',
    '\u000b',
    '\f',
    '\r',
    '\u001f',
    ' ',
    '"',
    '\\',
    '/',
    '\u007f',
    '\u0080',
    '\u00e9',
    'e\u0301',
    'E',
    'e',
    '\u20ac',
    '\u2028',
    '\u2029',
    '\ufeff',
    '\uffff',
    '\uff61',
    '__proto__',
    'constructor',
    'toString',
    '0',
    '1',
    '10',
    'a',
    'A',
    'z',
    'Z',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', maxLength: 2 }),
);
const edgeString = fc.string({ unit: edgeUnit, maxLength: 6 });
const edgeNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.1 + 0.2,
  1e21,
  1e-7,
  -1e-7,
  1e20,
  123456789012345680000,
  5e-324,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31) - 1,
);
const { value: edgeJson } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    edgeNumber,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    edgeString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(edgeString, tie('value'), { maxKeys: 6 }),
    // Larger objects than events hold, sorted another way.
    fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { minKeys: 17, maxKeys: 40 }),
    // Members holding undefined are left out (they are not JSON, but an optional field may be one).
    fc.dictionary(edgeString, fc.option(tie('value'), { nil: undefined }), { maxKeys: 6 }),
  ),
}));

describe('canonicalJson', () => {
  it('sorts members by UTF-16 code units and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '\u20ac': 1, '\ud83d\ude00': 2, é: 3 })).toBe(
      '{"a":[true,null,"x"],"b":1,"é":3,"\u20ac":1,"\ud83d\ude00":2}',
    );
  });

  it('gives the bytes of the plain RFC 8785 serialisation for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        expect(canonicalJson(value as JsonValue)).toBe(reference(value as JsonValue));
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalJson against its previous implementation', () => {
  it('gives the same text for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(previous, value));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same text for JSON made of text that needs escaping or sorts in surprising ways', () => {
    fc.assert(
      fc.property(edgeJson, (value) => {
        expect(outcome(canonicalJson, value)).toEqual(outcome(previous, value));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same text for JSON with strings of any UTF-16 code units', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (value) => {
          expect(outcome(canonicalJson, value)).toEqual(outcome(previous, value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same text for hand-picked edge cases', () => {
    const cases: unknown[] = [
      '',
      '\ud800',
      'a\udc00b',
      '\ud83d\ude00',
      '\u2028\u2029',
      '\u0000\u001f\u007f',
      'say "hi" \\ bye',
      -0,
      [-0, 1e21, 1e-7, 5e-324],
      { '': 1, ' ': 2, a: 3, A: 4, '\u00e9': 5, 'e\u0301': 6, '\uff61': 7, '\ud83d\ude00': 8 },
      JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "toString": null}'),
      { 10: 'ten', 9: 'nine', '01': 'zero-one', b: 'b', 1: 'one' },
      { a: undefined, b: 1 },
      { a: undefined },
      Object.assign(Object.create(null) as object, { z: 1, y: [{}] }),
      [[[]], {}, [{}]],
      { nested: { deeper: { deepest: ['x', { '\ud800': '\udfff' }] } } },
    ];
    for (const value of cases) expect(outcome(canonicalJson, value)).toEqual(outcome(previous, value));
  });

  it('refuses non-finite numbers and what is not JSON as before', () => {
    for (const value of [
      Number.NaN,
      Infinity,
      -Infinity,
      [1, Number.NaN],
      { a: -Infinity },
      undefined,
      [undefined],
    ]) {
      expect(outcome(canonicalJson, value)).toEqual(outcome(previous, value));
      expect('threw' in outcome(canonicalJson, value)).toBe(true);
    }
    // eslint-disable-next-line no-sparse-arrays -- a hole reads as undefined
    expect(outcome(canonicalJson, [1, , 2])).toEqual(outcome(previous, [1, , 2]));
  });

  it('writes the same names once it has seen more names than it remembers', () => {
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`name-${i}`, i]));
    for (let round = 0; round < 2; round++) expect(canonicalJson(many)).toBe(previous(many));
    const small = { b: 'x', a: 'y', '\u2028': 'z' };
    expect(canonicalJson(small)).toBe(previous(small));
  });
});

describe('eventHashInput', () => {
  it('is the canonical JSON of the fields it covers, without the hash', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          streamName: fc.string(),
          streamRevision: fc.bigInt({ min: 0n, max: 2n ** 63n }),
          type: fc.string(),
          schemaVersion: fc.integer({ min: 1, max: 9 }),
          data: fc.jsonValue(),
          metadata: fc.record(
            { commandId: fc.string(), prevHash: fc.string(), hash: fc.string() },
            { requiredKeys: [] },
          ),
        }),
        (event) => {
          const { hash: _hash, ...metadata } = event.metadata;
          expect(eventHashInput({ ...event, data: event.data as JsonValue })).toBe(
            reference({
              id: event.id,
              streamName: event.streamName,
              streamRevision: event.streamRevision.toString(),
              type: event.type,
              schemaVersion: event.schemaVersion,
              data: event.data as JsonValue,
              metadata,
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
