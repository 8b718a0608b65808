import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { StreamNameCodec, parseStreamName, reportErrors, streamName, streamNameParts } from '../src/index.js';
import type { InvalidStreamName } from '../src/index.js';

// The grammar of DESIGN §2, written out here as the test's own reference.
const category = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,39}$/);
const region = fc.integer({ min: 0, max: 99 }).map((n) => `KZ-${String(n).padStart(2, '0')}`);
const id = fc.stringMatching(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,127}$/);
const GRAMMAR = /^[a-z][a-zA-Z0-9]{0,39}-KZ-[0-9]{2}-[A-Za-z0-9_.][A-Za-z0-9_.-]{0,127}$/;

const refusal = (name: string): InvalidStreamName => {
  const result = parseStreamName(name);
  if (E.isRight(result)) throw new Error(`expected ${JSON.stringify(name)} to be refused`);
  return result.left;
};

describe('stream names', () => {
  it('accepts every <category>-<region>-<id> and splits it back into its parts', () => {
    fc.assert(
      fc.property(category, region, id, (c, r, i) => {
        const built = streamName(c, r, i);
        expect(built).toEqual(E.right(`${c}-${r}-${i}`));
        expect(parseStreamName(`${c}-${r}-${i}`)).toEqual(built);
        if (E.isRight(built)) expect(streamNameParts(built.right)).toEqual({ category: c, region: r, id: i });
      }),
    );
  });

  it('splits a UUID id with its hyphens intact', () => {
    const name = parseStreamName('report-KZ-75-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e');
    expect(E.isRight(name)).toBe(true);
    if (E.isRight(name)) {
      expect(streamNameParts(name.right)).toEqual({
        category: 'report',
        region: 'KZ-75',
        id: '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
      });
    }
  });

  it('refuses every string outside the grammar with InvalidStreamName and a message starting "streamName:"', () => {
    const anyString = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      // Near misses: valid-looking parts glued with arbitrary separators.
      fc
        .tuple(category, fc.string({ maxLength: 3 }), region, fc.string({ maxLength: 3 }), id)
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(
        anyString.filter((s) => !GRAMMAR.test(s)),
        (name) => {
          const error = refusal(name);
          expect(error._tag).toBe('InvalidStreamName');
          expect(error.streamName).toBe(name);
          expect(error.message.startsWith('streamName: ')).toBe(true);
          expect(error.message).toBe(`streamName: ${error.reason}, got ${JSON.stringify(name)}`);
        },
      ),
    );
  });

  it('says which part is wrong', () => {
    expect(refusal('').reason).toBe('must not be empty');
    expect(refusal('$all').reason).toBe('names starting with "$" are reserved for the store');
    expect(refusal('$ce-report').reason).toBe('names starting with "$" are reserved for the store');
    for (const name of [
      'Report-KZ-71-1',
      '1report-KZ-71-1',
      'report_x-KZ-71-1',
      `r${'a'.repeat(40)}-KZ-71-1`,
    ]) {
      expect(refusal(name).reason).toBe('the category must be a lower-case word such as "report"');
    }
    for (const name of [
      'report-KZ-7-1',
      'report-kz-71-1',
      'report-KZ-711-1',
      'report-RU-71-1',
      'report-KZ-1',
      'report',
    ]) {
      expect(refusal(name).reason).toBe(
        'the region must be an ISO 3166-2:KZ code such as "KZ-71" (or "KZ-00" for national streams)',
      );
    }
    for (const name of [
      'report-KZ-71',
      'report-KZ-71-',
      'report-KZ-71--1',
      'report-KZ-71-a b',
      'report-KZ-71-жалоба',
      `report-KZ-71-${'a'.repeat(129)}`,
    ]) {
      expect(refusal(name).reason).toBe('the id must be 1-128 letters, digits, "-", "_" or "."');
    }
  });

  it('accepts the limits of each part', () => {
    for (const name of [
      `r${'a'.repeat(39)}-KZ-71-1`,
      `report-KZ-00-${'a'.repeat(128)}`,
      'report-KZ-99-a.b_c-d',
      'caseX2-KZ-71-_',
    ]) {
      expect(E.isRight(parseStreamName(name))).toBe(true);
    }
  });

  it('checks the parts given to streamName', () => {
    const result = streamName('report', 'KZ-7', '42');
    expect(E.isLeft(result) ? result.left.reason : undefined).toMatch(/^the region must be/);
  });
});

describe('StreamNameCodec', () => {
  it('decodes every valid name and encodes it unchanged', () => {
    fc.assert(
      fc.property(category, region, id, (c, r, i) => {
        const name = `${c}-${r}-${i}`;
        expect(StreamNameCodec.decode(name)).toEqual(E.right(name));
        expect(StreamNameCodec.is(name)).toBe(true);
        expect(StreamNameCodec.encode(name as t.TypeOf<typeof StreamNameCodec>)).toBe(name);
      }),
    );
  });

  it('refuses bad names with the reason as the message', () => {
    const result = t.type({ stream: StreamNameCodec }).decode({ stream: 'report-42' });
    expect(E.isLeft(result) ? reportErrors(result.left) : []).toEqual([
      {
        path: 'stream',
        message: 'the region must be an ISO 3166-2:KZ code such as "KZ-71" (or "KZ-00" for national streams)',
      },
    ]);
  });

  it('refuses what is not a string', () => {
    const result = StreamNameCodec.decode(42);
    expect(E.isLeft(result) ? reportErrors(result.left) : []).toEqual([
      { path: '', message: 'expected StreamName, got 42' },
    ]);
    expect(StreamNameCodec.is(42)).toBe(false);
  });
});
