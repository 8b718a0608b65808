import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { reportErrors, strict, toValidationError, validationError } from '../src/index.js';
import type { ValidationIssue } from '../src/index.js';

const issuesOf = (result: t.Validation<unknown>): ValidationIssue[] =>
  E.isLeft(result) ? reportErrors(result.left) : [];

interface Positive {
  readonly Positive: unique symbol;
}

describe('validationError', () => {
  it('lists each issue as `path: problem`, one per line', () => {
    const error = validationError([
      { path: 'region', message: 'expected a region code, got "KZ-99"' },
      { path: 'items.2.amount', message: 'must be positive' },
    ]);
    expect(error._tag).toBe('ValidationError');
    expect(error.message).toBe(
      'region: expected a region code, got "KZ-99"\nitems.2.amount: must be positive',
    );
    expect(error.issues).toHaveLength(2);
  });

  it('shows an issue about the whole input without a path prefix', () => {
    expect(validationError([{ path: '', message: 'expected an object, got null' }]).message).toBe(
      'expected an object, got null',
    );
  });

  it('keeps the issues it was given and shows each on its own line', () => {
    const line = fc.stringMatching(/^[^\n]{1,20}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ path: line, message: line }), { minLength: 1 }), (issues) => {
        const error = validationError(issues);
        expect(error.issues).toEqual(issues);
        expect(error.message.split('\n')).toEqual(issues.map((issue) => `${issue.path}: ${issue.message}`));
      }),
    );
  });
});

describe('reportErrors', () => {
  it('builds dotted paths through objects and arrays', () => {
    const codec = t.type({ a: t.type({ b: t.array(t.type({ c: t.number })) }) });
    expect(issuesOf(codec.decode({ a: { b: [{ c: 1 }, { c: 2 }, { c: 'three' }] } }))).toEqual([
      { path: 'a.b.2.c', message: 'expected number, got "three"' },
    ]);
  });

  it('gives the path of any nested field, however deep, as its keys joined by dots', () => {
    const segment = fc.oneof(fc.nat({ max: 4 }), fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, wrapInUnions) => {
        // Built from the leaf outwards: each segment is an array index or an object key.
        let codec: t.Mixed = t.number;
        let value: unknown = 'not a number';
        for (const segment of [...segments].reverse()) {
          const inner = codec;
          if (typeof segment === 'number') {
            codec = t.array(inner);
            value = [...Array.from({ length: segment }, () => sample(inner)), value];
          } else {
            codec = t.type({ [segment]: inner });
            value = { [segment]: value };
          }
          // Union arms are numbered by io-ts; those numbers must not show in the path.
          if (wrapInUnions) codec = t.union([codec, t.null]);
        }
        const issues = issuesOf(codec.decode(value));
        expect(issues).toContainEqual({
          path: segments.join('.'),
          message: 'expected number, got "not a number"',
        });
      }),
    );
  });

  it('leaves the indexes of union members out of the path', () => {
    const codec = t.type({
      a: t.union([t.type({ b: t.number }), t.type({ b: t.string, c: t.boolean })]),
    });
    expect(issuesOf(codec.decode({ a: { b: null, c: 1 } }))).toEqual([
      { path: 'a.b', message: 'expected number, got null' },
      { path: 'a.b', message: 'expected string, got null' },
      { path: 'a.c', message: 'expected boolean, got 1' },
    ]);
  });

  it('leaves the indexes of intersection members out of the path', () => {
    const codec = t.type({ a: t.intersection([t.type({ b: t.number }), t.partial({ c: t.string })]) });
    expect(issuesOf(codec.decode({ a: { b: 'x', c: 2 } }))).toEqual([
      { path: 'a.b', message: 'expected number, got "x"' },
      { path: 'a.c', message: 'expected string, got 2' },
    ]);
  });

  it('looks through brands, readonly and exact wrappers around unions and intersections', () => {
    const union = t.union([t.type({ b: t.number }), t.type({ b: t.string })]);
    const branded = t.brand(
      union,
      (_u): _u is t.Branded<t.TypeOf<typeof union>, Positive> => true,
      'Positive',
    );
    const wrapped = [
      t.readonly(union),
      branded,
      t.exact(t.intersection([t.type({ b: t.number }), t.partial({ c: t.string })])),
    ];
    for (const inner of wrapped) {
      const issues = issuesOf(t.type({ a: inner }).decode({ a: { b: null } }));
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.path).toBe('a.b');
    }
  });

  describe('unions of tagged objects', () => {
    const Claim = t.union([
      strict({ kind: t.literal('money'), amount: t.number }),
      strict({ kind: t.literal('goods'), items: t.array(t.string) }),
    ]);
    const Claims = t.type({ claims: t.array(Claim) });

    it("reports only the arm whose tag matched, at the field's own path", () => {
      const result = Claims.decode({
        claims: [
          { kind: 'money', amount: 1 },
          { kind: 'money', amount: '1' },
        ],
      });
      expect(issuesOf(result)).toEqual([{ path: 'claims.1.amount', message: 'expected number, got "1"' }]);
    });

    it('reports the arm of the other tag the same way', () => {
      const result = Claims.decode({ claims: [{ kind: 'goods', items: ['flour', 7] }] });
      expect(issuesOf(result)).toEqual([{ path: 'claims.0.items.1', message: 'expected string, got 7' }]);
    });

    it('names every tag in one issue when no tag matched', () => {
      const result = Claims.decode({ claims: [{ kind: 'land', area: 3 }] });
      expect(issuesOf(result)).toEqual([
        { path: 'claims.0.kind', message: 'expected "money" | "goods", got "land"' },
      ]);
    });
  });

  it('says `expected X, got Y` with the codec name and the value as JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        expect(issuesOf(t.type({ n: t.number }).decode({ n: value }))).toEqual([
          { path: 'n', message: `expected number, got ${JSON.stringify(value)}` },
        ]);
      }),
    );
  });

  it('names values that JSON cannot show', () => {
    const codec = t.type({ n: t.number });
    const messageFor = (value: unknown): string | undefined =>
      issuesOf(codec.decode({ n: value }))[0]?.message;
    expect(messageFor(undefined)).toBe('expected number, got nothing');
    expect(messageFor(12n)).toBe('expected number, got 12n');
    expect(messageFor(() => 1)).toBe('expected number, got a function');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(messageFor(cyclic)).toBe('expected number, got [object Object]');
  });

  it('shortens long values to 60 characters', () => {
    const message = issuesOf(t.type({ n: t.number }).decode({ n: 'x'.repeat(100) }))[0]?.message;
    expect(message).toBe(`expected number, got "${'x'.repeat(56)}...`);
    expect(message?.length).toBe('expected number, got '.length + 60);
  });

  it("keeps a codec's own message as it is", () => {
    const Even = new t.Type<number, number, unknown>(
      'Even',
      (u): u is number => typeof u === 'number' && u % 2 === 0,
      (u, c) => (typeof u === 'number' && u % 2 === 0 ? t.success(u) : t.failure(u, c, 'must be even')),
      t.identity,
    );
    expect(issuesOf(t.type({ n: Even }).decode({ n: 3 }))).toEqual([{ path: 'n', message: 'must be even' }]);
  });

  it('reports a problem with the whole input at the empty path', () => {
    expect(issuesOf(t.number.decode('x'))).toEqual([{ path: '', message: 'expected number, got "x"' }]);
  });

  it('reports each distinct problem once', () => {
    const codec = t.union([t.type({ a: t.number }), t.type({ a: t.number, b: t.string })]);
    expect(issuesOf(codec.decode({ a: 'x', b: 'y' }))).toEqual([
      { path: 'a', message: 'expected number, got "x"' },
    ]);
  });
});

describe('toValidationError', () => {
  it('turns io-ts errors into a ValidationError whose message lists every issue', () => {
    const result = t.type({ a: t.string, b: t.array(t.number) }).decode({ a: 1, b: [1, 'two'] });
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      const error = toValidationError(result.left);
      expect(error).toEqual({
        _tag: 'ValidationError',
        message: 'a: expected string, got 1\nb.1: expected number, got "two"',
        issues: [
          { path: 'a', message: 'expected string, got 1' },
          { path: 'b.1', message: 'expected number, got "two"' },
        ],
      });
    }
  });
});

// A valid value of a codec built by the path property, used to fill the array slots before the bad one.
function sample(codec: t.Mixed): unknown {
  if (codec instanceof t.UnionType) return null;
  if (codec instanceof t.ArrayType) return [];
  if (codec instanceof t.InterfaceType) {
    const props = (codec as t.InterfaceType<t.Props>).props;
    return Object.fromEntries(Object.entries(props).map(([key, inner]) => [key, sample(inner)]));
  }
  return 0;
}
