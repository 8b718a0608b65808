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
