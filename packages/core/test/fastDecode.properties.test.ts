import { submitReportInput } from './reports/commandInputs.js';
import fc from 'fast-check';
import * as t from 'io-ts/lib/index.js';
import { describe, expect, it } from 'vitest';
import {
  BigIntFromString,
  CitizenReportCommand,
  CitizenReportEvents,
  DateFromIsoString,
  boundedText,
  reportErrors,
  strict,
} from '../src/index.js';
import { fastDecoderOf, REFUSED } from '../src/fastDecode.js';

// Fields of every kind a domain codec uses: plain, bounded text, converted (bigint and date travel as strings),
// nested strict, an array, a union, and optional fields of each.
const Location = strict({ lat: t.number, lon: t.number }, { label: t.string }, 'Location');
const required = {
  title: boundedText(50),
  amount: BigIntFromString,
  region: t.keyof({ 'KZ-71': null, 'KZ-75': null }),
  location: Location,
};
const optional = {
  note: t.string,
  submittedAt: DateFromIsoString,
  tags: t.array(t.string),
  status: t.union([t.literal('open'), t.literal('closed'), t.null]),
};
const Report = strict(required, optional, 'Report');
const KNOWN = [...Object.keys(required), ...Object.keys(optional)];

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/**
 * Strict decoding as it was before the fast path, written out again: every own field decoded in its own
 * context, every unknown own field refused, absent and undefined optional fields left out.
 */
const reference = (
  input: unknown,
  context: t.Context = [{ key: '', type: Report, actual: input }],
): t.Validation<unknown> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return Report.validate(input, context);
  const record = input as Record<string, unknown>;
  const errors: t.ValidationError[] = [];
  const output: Record<string, unknown> = {};
  for (const key in record) {
    if (hasOwn(record, key) && !KNOWN.includes(key)) {
      errors.push({
        value: record[key],
        context: [...context, { key, type: t.never, actual: record[key] }],
        message: 'unknown field',
      });
    }
  }
  const field = (codec: t.Mixed, key: string, value: unknown) => {
    const result = codec.validate(value, [...context, { key, type: codec, actual: value }]);
    if (result._tag === 'Left') errors.push(...result.left);
    else output[key] = result.right;
  };
  for (const [key, codec] of Object.entries(required))
    field(codec, key, hasOwn(record, key) ? record[key] : undefined);
  for (const [key, codec] of Object.entries(optional)) {
    if (hasOwn(record, key) && record[key] !== undefined) field(codec, key, record[key]);
  }
  return errors.length > 0 ? t.failures(errors) : t.success(output);
};

/** A value with its fields' order, which a JSON text keeps. */
const ordered = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value)
    ? Object.entries(value).map(([key, field]) => [key, ordered(field)])
    : value;

const outcome = (result: t.Validation<unknown>) =>
  result._tag === 'Right'
    ? { right: result.right, order: ordered(result.right) }
    : { left: reportErrors(result.left) };

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const encodedReport = fc.record(
  {
    title: fc.oneof(fc.constantFrom('Road repaired twice', ' padded ', ''), fc.string({ maxLength: 60 })),
    amount: fc.oneof(fc.bigInt().map(String), fc.constantFrom('01', '1.5', 12)),
    region: fc.constantFrom('KZ-71', 'KZ-75', 'KZ-79'),
    location: fc.record({ lat: finite, lon: finite, label: fc.string() }, { requiredKeys: ['lat', 'lon'] }),
    note: fc.oneof(fc.string(), fc.constant(undefined)),
    submittedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.constantFrom('2026-02-30T10:00:00.000Z', '2026-11-28T10:15:00+05:00', 'yesterday'),
    ),
    tags: fc.array(fc.string(), { maxLength: 3 }),
    status: fc.constantFrom('open', 'closed', null, 'lost'),
  },
  { requiredKeys: ['title', 'amount', 'region', 'location'] },
);

/** What a caller may hand over besides a plain JSON object. */
type Change =
  | { readonly kind: 'reorder'; readonly by: number }
  | { readonly kind: 'extra'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'drop' | 'undefined' | 'inherit' | 'hide'; readonly key: string }
  | { readonly kind: 'wrong'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'freeze' | 'nullPrototype' };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('reorder' as const), by: fc.nat(7) }),
  fc.record({
    kind: fc.constant('extra' as const),
    key: fc.constantFrom('extra', '__proto__', 'constructor', 'toString', '0', 'Title'),
    value: fc.jsonValue(),
  }),
  fc.record({
    kind: fc.constantFrom('drop' as const, 'undefined' as const, 'inherit' as const, 'hide' as const),
    key: fc.constantFrom(...KNOWN),
  }),
  fc.record({ kind: fc.constant('wrong' as const), key: fc.constantFrom(...KNOWN), value: fc.jsonValue() }),
  fc.record({ kind: fc.constantFrom('freeze' as const, 'nullPrototype' as const) }),
);

const define = (target: object, key: string, value: unknown, enumerable = true) =>
  Object.defineProperty(target, key, { value, enumerable, writable: true, configurable: true });

const applyChange = (input: Record<string, unknown>, c: Change): Record<string, unknown> => {
  const entries = Object.entries(input);
  const rebuilt = (from: [string, unknown][], prototype: object | null = Object.prototype) => {
    const output = Object.create(prototype) as Record<string, unknown>;
    for (const [key, value] of from) define(output, key, value);
    return output;
  };
  switch (c.kind) {
    case 'reorder': {
      const by = entries.length === 0 ? 0 : c.by % entries.length;
      return rebuilt([...entries.slice(by), ...entries.slice(0, by)], Object.getPrototypeOf(input) as object);
    }
    case 'extra':
      return define(rebuilt(entries, Object.getPrototypeOf(input) as object), c.key, c.value) as Record<
        string,
        unknown
      >;
    case 'drop':
      return rebuilt(entries.filter(([key]) => key !== c.key));
    case 'undefined':
      return rebuilt([...entries.filter(([key]) => key !== c.key), [c.key, undefined]]);
    case 'wrong':
      return rebuilt(entries.map(([key, value]) => [key, key === c.key ? c.value : value]));
    case 'inherit': {
      const value = hasOwn(input, c.key) ? input[c.key] : 'inherited';
      return rebuilt(
        entries.filter(([key]) => key !== c.key),
        rebuilt([[c.key, value]]),
      );
    }
    case 'hide': {
      const output = rebuilt(entries);
      if (hasOwn(output, c.key)) define(output, c.key, output[c.key], false);
      return output;
    }
    case 'freeze':
      return Object.freeze(rebuilt(entries));
    case 'nullPrototype':
      return rebuilt(entries, null);
  }
};

const input = fc
  .tuple(encodedReport, fc.array(change, { maxLength: 3 }))
  .map(([report, changes]) =>
    changes.reduce(applyChange, JSON.parse(JSON.stringify(report)) as Record<string, unknown>),
  );

describe('fast decoding', () => {
  it('strict decodes and refuses every input as it did before its fast path, fields in the same order', () => {
    fc.assert(
      fc.property(input, (u) => {
        expect(outcome(Report.decode(u))).toStrictEqual(outcome(reference(u)));
      }),
      { numRuns: 3000 },
    );
  });

  it("a strict codec's fast decoder gives validate's value or REFUSED, never another value", () => {
    fc.assert(
      fc.property(fc.oneof(input, fc.anything()), (u) => {
        const fast = fastDecoderOf(Report)(u);
        const expected = reference(u);
        if (fast !== REFUSED) {
          expect(expected._tag).toBe('Right');
          if (expected._tag === 'Right') expect(ordered(fast)).toStrictEqual(ordered(expected.right));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts a plain JSON object of valid fields in the order encode writes them without validate', () => {
    fc.assert(
      fc.property(encodedReport, (report) => {
        const u = JSON.parse(JSON.stringify(report)) as unknown;
        const expected = reference(u);
        if (expected._tag === 'Right') expect(fastDecoderOf(Report)(u)).not.toBe(REFUSED);
      }),
    );
  });

  it("a keyof's fast decoder accepts exactly what its guard accepts", () => {
    const codecs = [
      t.keyof({ reporter: null, office: null }),
      t.keyof({ kk: null, ru: null, en: null }),
      t.keyof({ toString: null, __proto__: null, '': null }),
    ];
    const candidate = fc.oneof(
      fc.constantFrom(
        'reporter',
        'office',
        'kk',
        'en',
        'toString',
        '__proto__',
        'constructor',
        '',
        'hasOwnProperty',
      ),
      fc.string(),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.constantFrom(...codecs), candidate, (codec, u) => {
        const fast = fastDecoderOf(codec)(u);
        expect(fast === REFUSED ? false : fast === u).toBe(codec.is(u));
      }),
      { numRuns: 2000 },
    );
  });

  it("a tagged union's fast decoder gives t.union's value or REFUSED", () => {
    const plain = t.union(CitizenReportCommand.types);
    const submit = submitReportInput;
    const field = fc.constantFrom('type', 'at', 'author', 'text', 'region', 'reporter', 'extra');
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('PostFollowUp', 'SubmitReport', undefined, 'office'),
    );
    const command = fc
      .array(fc.tuple(field, value), { maxLength: 3 })
      .map((changes) =>
        changes.reduce<Record<string, unknown>>((o, [k, v]) => ({ ...o, [k]: v }), { ...submit }),
      );
    fc.assert(
      fc.property(fc.oneof(command, fc.anything()), (u) => {
        const fast = fastDecoderOf(CitizenReportCommand)(u);
        const expected = plain.decode(u);
        if (expected._tag === 'Left') expect(fast).toBe(REFUSED);
        else if (fast !== REFUSED) expect(ordered(fast)).toStrictEqual(ordered(expected.right));
      }),
      { numRuns: 2000 },
    );
  });

  it('an event registry reads every event as its type reads its data', () => {
    const followUp = {
      at: '2026-03-04T06:30:00.000Z',
      author: 'office',
      text: { text: 'Planned', language: 'en' },
    };
    const data = fc
      .array(fc.tuple(fc.constantFrom('at', 'author', 'text', 'extra'), fc.jsonValue()), { maxLength: 2 })
      .map((changes) =>
        changes.reduce<Record<string, unknown>>((o, [k, v]) => ({ ...o, [k]: v }), { ...followUp }),
      );
    const type = CitizenReportEvents.types.get('FollowUpPosted');
    fc.assert(
      fc.property(data, fc.constantFrom(0, 1, 2), (d, schemaVersion) => {
        const decoded = CitizenReportEvents.decode({ type: 'FollowUpPosted', schemaVersion, data: d });
        const expected = type?.decodeData(schemaVersion, d);
        expect(decoded._tag).toBe(expected?._tag);
        if (decoded._tag === 'Right' && expected?._tag === 'Right') {
          expect(decoded.right).toStrictEqual({ type: 'FollowUpPosted', data: expected.right });
        }
        if (decoded._tag === 'Left' && expected?._tag === 'Left')
          expect(decoded.left).toStrictEqual(expected.left);
      }),
      { numRuns: 1000 },
    );
  });
});
