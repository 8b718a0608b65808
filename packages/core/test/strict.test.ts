import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { BigIntFromString, DateFromIsoString, isJsonValue, reportErrors, strict } from '../src/index.js';
import type { ValidationIssue } from '../src/index.js';

// A report with fields of every kind a domain codec uses: plain, converted (bigint and date travel as
// strings), nested strict, an array, a union, and optional fields of each.
const Location = strict({ lat: t.number, lon: t.number }, { label: t.string }, 'Location');
const Report = strict(
  {
    title: t.string,
    amount: BigIntFromString,
    region: t.keyof({ 'KZ-71': null, 'KZ-75': null, 'KZ-79': null }),
    location: Location,
  },
  {
    note: t.string,
    submittedAt: DateFromIsoString,
    tags: t.array(t.string),
    status: t.union([t.literal('open'), t.literal('closed'), t.null]),
  },
  'Report',
);
type Report = t.TypeOf<typeof Report>;

const KNOWN = ['title', 'amount', 'region', 'location', 'note', 'submittedAt', 'tags', 'status'];

// Dates whose instant is representable: the whole range of a JavaScript date.
const validDate = fc.date({ noInvalidDate: true });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

const locationArb = fc.record(
  { lat: finite, lon: finite, label: fc.string() },
  { requiredKeys: ['lat', 'lon'] },
);

const reportArb: fc.Arbitrary<Report> = fc.record(
  {
    title: fc.string(),
    amount: fc.bigInt(),
    region: fc.constantFrom('KZ-71' as const, 'KZ-75' as const, 'KZ-79' as const),
    location: locationArb,
    note: fc.string({ unit: 'grapheme' }),
    submittedAt: validDate,
    tags: fc.array(fc.string()),
    status: fc.constantFrom('open' as const, 'closed' as const, null),
  },
  { requiredKeys: ['title', 'amount', 'region', 'location'] },
);

const issuesOf = (result: t.Validation<unknown>): ValidationIssue[] =>
  E.isLeft(result) ? reportErrors(result.left) : [];

const encodedReport = {
  title: 'Road repaired twice on paper',
  amount: '250000000',
  region: 'KZ-75',
  location: { lat: 43.25, lon: 76.9 },
};

describe('strict', () => {
  it('decode(encode(x)) gives x back for any valid value, with or without each optional field', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const decoded = Report.decode(Report.encode(report));
        expect(decoded).toEqual(E.right(report));
      }),
    );
  });

  it('encodes to plain JSON that survives JSON text unchanged', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const encoded = Report.encode(report);
        expect(isJsonValue(encoded)).toBe(true);
        expect(Report.decode(JSON.parse(JSON.stringify(encoded)))).toEqual(E.right(report));
      }),
    );
  });

  it('leaves absent optional fields absent after decoding and encoding', () => {
    const decoded = Report.decode(encodedReport);
    expect(E.isRight(decoded)).toBe(true);
    if (E.isRight(decoded)) {
      expect(Object.keys(decoded.right).sort()).toEqual(['amount', 'location', 'region', 'title']);
      expect(decoded.right.amount).toBe(250_000_000n);
      expect(Report.encode(decoded.right)).toEqual(encodedReport);
    }
  });

  it('refuses any unknown extra key with an issue at that key saying "unknown field"', () => {
    const extraKey = fc.string({ minLength: 1 }).filter((key) => !KNOWN.includes(key));
    fc.assert(
      fc.property(reportArb, extraKey, fc.jsonValue(), (report, key, value) => {
        // A computed key makes an own property even for "__proto__".
        const input = { ...Report.encode(report), [key]: value };
        const result = Report.decode(input);
        expect(E.isLeft(result)).toBe(true);
        expect(issuesOf(result)).toEqual([{ path: key, message: 'unknown field' }]);
        expect(Report.is({ ...report, [key]: value })).toBe(false);
      }),
    );
  });

  it('refuses unknown keys of nested strict codecs at their full path', () => {
    const result = Report.decode({ ...encodedReport, location: { lat: 43.25, lon: 76.9, altitude: 800 } });
    expect(issuesOf(result)).toEqual([{ path: 'location.altitude', message: 'unknown field' }]);
  });

  it('reports every unknown field and every bad field at once', () => {
    const result = Report.decode({ ...encodedReport, amount: 12, titel: 'typo', extra: 1 });
    expect(issuesOf(result)).toEqual([
      { path: 'titel', message: 'unknown field' },
      { path: 'extra', message: 'unknown field' },
      { path: 'amount', message: 'expected an integer as a decimal string, got 12' },
    ]);
  });

  it('refuses a missing required field', () => {
    const { title: _title, ...withoutTitle } = encodedReport;
    expect(issuesOf(Report.decode(withoutTitle))).toEqual([
      { path: 'title', message: 'expected string, got nothing' },
    ]);
  });

  it('reads an optional field given as undefined as absent, in decode and in is', () => {
    const withUndefined = Report.decode({ ...encodedReport, note: undefined });
    expect(E.isRight(withUndefined) && 'note' in withUndefined.right).toBe(false);
    expect(E.isRight(withUndefined)).toBe(true);
    const decoded = Report.decode(encodedReport);
    expect(E.isRight(decoded)).toBe(true);
    if (E.isRight(decoded)) {
      expect(Report.is(decoded.right)).toBe(true);
      expect(Report.is({ ...decoded.right, note: undefined })).toBe(true);
      expect(Report.is({ ...decoded.right, note: 42 })).toBe(false);
    }
  });

  it('accepts null only where the field codec allows it', () => {
    expect(E.isRight(Report.decode({ ...encodedReport, status: null }))).toBe(true);
    expect(issuesOf(Report.decode({ ...encodedReport, note: null }))).toEqual([
      { path: 'note', message: 'expected string, got null' },
    ]);
  });

  it('refuses inputs that are not objects', () => {
    expect(issuesOf(Report.decode(null))).toEqual([{ path: '', message: 'expected an object, got null' }]);
    expect(issuesOf(Report.decode([encodedReport]))).toEqual([
      { path: '', message: 'expected an object, got an array' },
    ]);
    expect(issuesOf(Report.decode('report'))).toEqual([
      { path: '', message: 'expected an object, got string' },
    ]);
    expect(Report.is(null)).toBe(false);
    expect(Report.is([])).toBe(false);
  });

  it('is agrees with decoding: true for every decoded value', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        expect(Report.is(report)).toBe(true);
      }),
    );
  });

  it('is refuses a value with a field of the wrong type', () => {
    fc.assert(
      fc.property(reportArb, fc.integer(), (report, amount) => {
        expect(Report.is({ ...report, amount })).toBe(false);
      }),
    );
  });

  it('reads fields named like Object.prototype members from the input only', () => {
    const Odd = strict({ constructor: t.string }, { toString: t.string }, 'Odd');
    expect(E.isRight(Odd.decode({ constructor: 'x' }))).toBe(true);
    expect(issuesOf(Odd.decode({}))).toEqual([
      { path: 'constructor', message: 'expected string, got nothing' },
    ]);
    expect(Odd.is({ constructor: 'x' })).toBe(true);
    const decoded = Odd.decode({ constructor: 'x' });
    expect(E.isRight(decoded) ? Odd.encode(decoded.right) : undefined).toEqual({ constructor: 'x' });
  });

  it('names itself after its fields when no name is given', () => {
    expect(strict({ a: t.string }, { b: t.number }).name).toBe('{ a: string, b?: number }');
    expect(Report.name).toBe('Report');
  });

  it('works without optional fields', () => {
    const Point = strict({ x: t.number });
    expect(Point.decode({ x: 1 })).toEqual(E.right({ x: 1 }));
    expect(issuesOf(Point.decode({ x: 1, y: 2 }))).toEqual([{ path: 'y', message: 'unknown field' }]);
  });
});
