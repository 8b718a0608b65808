import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { BigIntFromString, DateFromIsoString, Uuid, boundedText, reportErrors } from '../src/index.js';

const messagesOf = (result: t.Validation<unknown>): string[] =>
  E.isLeft(result) ? reportErrors(result.left).map((issue) => issue.message) : [];

describe('Uuid', () => {
  it('accepts every canonical lower-case UUID, of any version', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(Uuid.is(id)).toBe(true);
        expect(Uuid.decode(id)).toEqual(E.right(id));
      }),
    );
  });

  it('refuses upper case, missing hyphens, braces and other lengths', () => {
    for (const id of [
      '0190F3C2-7B1E-7C4A-9D2E-3F4A5B6C7D8E',
      '0190f3c27b1e7c4a9d2e3f4a5b6c7d8e',
      '{0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e}',
      '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8',
      '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e0',
      'g190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
      '',
    ]) {
      expect(Uuid.is(id)).toBe(false);
      expect(messagesOf(Uuid.decode(id))).toEqual([`expected Uuid, got ${JSON.stringify(id)}`]);
    }
    expect(Uuid.is(42)).toBe(false);
  });
});

describe('BigIntFromString', () => {
  it('round-trips every bigint through its decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt(), (n) => {
        const encoded = BigIntFromString.encode(n);
        expect(encoded).toMatch(/^-?(0|[1-9][0-9]*)$/);
        expect(BigIntFromString.decode(encoded)).toEqual(E.right(n));
      }),
    );
  });

  it("keeps every digit of amounts far beyond a float's precision", () => {
    expect(BigIntFromString.decode('123456789012345678901234567890')).toEqual(
      E.right(123_456_789_012_345_678_901_234_567_890n),
    );
    expect(BigIntFromString.encode(2_100_000_000_000n)).toBe('2100000000000');
  });

  it('refuses numbers, decimals, exponents, signs, blanks and leading zeros', () => {
    for (const input of [12, '1.5', '1e3', '+1', ' 1', '1 ', '01', '-0', '', '-', '0x10', null, undefined]) {
      const result = BigIntFromString.decode(input);
      expect(E.isLeft(result)).toBe(true);
      expect(messagesOf(result)[0]).toMatch(/^expected an integer as a decimal string, got /);
    }
  });

  it('takes a bigint as it is (a typed caller), and refuses a cyclic object with a message instead of throwing', () => {
    expect(BigIntFromString.decode(12n)).toEqual(E.right(12n));
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(messagesOf(BigIntFromString.decode(cyclic))).toEqual([
      'expected an integer as a decimal string, got [object Object]',
    ]);
    expect(messagesOf(DateFromIsoString.decode(1n))).toEqual(['expected an ISO-8601 date-time, got 1n']);
  });

  it('refuses every string that is not a canonical integer', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^-?(0|[1-9][0-9]*)$/.test(s)),
        (s) => {
          expect(E.isLeft(BigIntFromString.decode(s))).toBe(true);
        },
      ),
    );
  });

  it('is true only of bigints', () => {
    expect(BigIntFromString.is(1n)).toBe(true);
    expect(BigIntFromString.is('1')).toBe(false);
    expect(BigIntFromString.is(1)).toBe(false);
  });
});

describe('DateFromIsoString', () => {
  it('reads the fixed-width UTC form as the JavaScript date parser does, in range or not', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 999 }),
        ),
        ([year, month, day, hour, minute, second, ms]) => {
          const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}.${String(ms).padStart(3, '0')}Z`;
          const parsed = new Date(text);
          const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate();
          const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
          const valid = !Number.isNaN(parsed.getTime()) && day <= (month === 2 ? (leap ? 29 : 28) : lastDay);
          const decoded = DateFromIsoString.decode(text);
          expect(E.isRight(decoded)).toBe(valid);
          if (E.isRight(decoded)) expect(decoded.right.getTime()).toBe(parsed.getTime());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads the first and last day of every month of years 1000 to 9999 as the JavaScript date parser does', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    for (let year = 1000; year <= 9999; year++) {
      for (let month = 1; month <= 12; month++) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        for (const [day, time] of [
          [1, '00:00:00.000'],
          [last, '23:59:59.999'],
        ] as const) {
          const text = `${year}-${two(month)}-${two(day)}T${time}Z`;
          const decoded = DateFromIsoString.decode(text);
          if (E.isLeft(decoded) || decoded.right.getTime() !== Date.parse(text)) {
            expect.fail(`${text} read as ${E.isRight(decoded) ? decoded.right.toISOString() : 'refused'}`);
          }
        }
      }
    }
  });

  it('round-trips every valid date, including years written in the six-digit form', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const encoded = DateFromIsoString.encode(date);
        expect(encoded).toBe(date.toISOString());
        const decoded = DateFromIsoString.decode(encoded);
        expect(E.isRight(decoded)).toBe(true);
        if (E.isRight(decoded)) expect(decoded.right.getTime()).toBe(date.getTime());
      }),
    );
  });

  it('reads offsets and shorter forms as the same instant', () => {
    const instant = Date.UTC(2026, 10, 28, 10, 15);
    for (const text of [
      '2026-11-28T10:15Z',
      '2026-11-28T10:15:00Z',
      '2026-11-28T10:15:00.000Z',
      '2026-11-28T15:15:00+05:00',
    ]) {
      const decoded = DateFromIsoString.decode(text);
      expect(E.isRight(decoded) ? decoded.right.getTime() : undefined).toBe(instant);
    }
  });

  it('accepts 29 February only in leap years', () => {
    expect(E.isRight(DateFromIsoString.decode('2024-02-29T00:00:00Z'))).toBe(true);
    expect(E.isRight(DateFromIsoString.decode('2000-02-29T00:00:00Z'))).toBe(true);
    expect(messagesOf(DateFromIsoString.decode('2026-02-29T00:00:00Z'))).toEqual([
      'expected a real date-time, got "2026-02-29T00:00:00Z"',
    ]);
    expect(E.isLeft(DateFromIsoString.decode('1900-02-29T00:00:00Z'))).toBe(true);
  });

  it('refuses days past the end of their month instead of rolling them over', () => {
    for (const text of [
      '2026-02-30T00:00:00Z',
      '2026-04-31T12:00:00Z',
      '2026-06-31T00:00Z',
      '2026-11-31T00:00:00+05:00',
    ]) {
      expect(messagesOf(DateFromIsoString.decode(text))).toEqual([
        `expected a real date-time, got "${text}"`,
      ]);
    }
    expect(E.isRight(DateFromIsoString.decode('2026-12-31T23:59:59.999Z'))).toBe(true);
  });

  it('refuses impossible months, hours and minutes', () => {
    for (const text of [
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '2026-01-01T23:60:00Z',
    ]) {
      expect(messagesOf(DateFromIsoString.decode(text))).toEqual([
        `expected a real date-time, got "${text}"`,
      ]);
    }
  });

  it('refuses what is not an ISO-8601 date-time with an offset', () => {
    for (const input of [
      '2026-11-28',
      '2026-11-28T10:15:00',
      '28.11.2026 10:15',
      '2026-11-28 10:15:00Z',
      '',
      1_700_000_000_000,
      null,
    ]) {
      expect(messagesOf(DateFromIsoString.decode(input))).toEqual([
        `expected an ISO-8601 date-time, got ${JSON.stringify(input)}`,
      ]);
    }
    // A typed caller may pass a Date: a valid one is taken as it is, an invalid one is refused.
    expect(DateFromIsoString.decode(new Date(0))).toEqual(E.right(new Date(0)));
    expect(messagesOf(DateFromIsoString.decode(new Date(Number.NaN)))).toEqual([
      'expected a real date-time, got an invalid Date',
    ]);
  });

  it('is true only of valid dates', () => {
    expect(DateFromIsoString.is(new Date(0))).toBe(true);
    expect(DateFromIsoString.is(new Date(Number.NaN))).toBe(false);
    expect(DateFromIsoString.is('2026-11-28T10:15:00Z')).toBe(false);
  });
});

describe('boundedText', () => {
  const Title = boundedText(10);

  it('accepts every string of 1 to max characters without blanks at its ends', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() === s && s.length > 0),
        (s) => {
          expect(Title.decode(s)).toEqual(E.right(s));
          expect(Title.is(s)).toBe(true);
        },
      ),
    );
  });

  it('says what is wrong', () => {
    expect(messagesOf(Title.decode(''))).toEqual(['must not be empty']);
    expect(messagesOf(Title.decode('   '))).toEqual(['must not be empty']);
    expect(messagesOf(Title.decode(' road'))).toEqual(['must not start or end with blanks']);
    expect(messagesOf(Title.decode('road\n'))).toEqual(['must not start or end with blanks']);
    expect(messagesOf(Title.decode('a'.repeat(11)))).toEqual(['must be at most 10 characters, got 11']);
    expect(messagesOf(Title.decode(10))).toEqual(['expected Text(1..10), got 10']);
  });

  it('is false of what decoding refuses', () => {
    for (const u of ['', ' a', 'a'.repeat(11), 5]) expect(Title.is(u)).toBe(false);
  });

  it('can be named', () => {
    expect(boundedText(5, 'Title').name).toBe('Title');
    expect(Title.name).toBe('Text(1..10)');
  });
});
