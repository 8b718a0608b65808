import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isJsonValue } from '../src/index.js';

// Values that JSON cannot carry unchanged, each checked alone and buried inside JSON.
const notJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.bigInt(),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.date(),
  fc.constant(() => 1),
  fc.constant(Symbol('x')),
  fc.constant(new Map<string, number>()),
  fc.constant(new Uint8Array(2)),
  fc.constant(
    new (class Point {
      readonly x = 1;
    })(),
  ),
);

// Puts a value somewhere inside a JSON container: at the end of an array or under a key of an object.
const bury = (container: unknown, value: unknown, key: string): unknown =>
  Array.isArray(container) ? [...container, value] : { ...(container as object), [key]: value };

const withoutNegativeZero = (value: unknown): unknown =>
  Object.is(value, -0)
    ? 0
    : Array.isArray(value)
      ? value.map(withoutNegativeZero)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]))
        : value;

describe('isJsonValue', () => {
  it('is true of every JSON value, which survives JSON text unchanged (but for -0, read back as 0)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(isJsonValue(value)).toBe(true);
        expect(JSON.parse(JSON.stringify(value))).toEqual(withoutNegativeZero(value));
      }),
    );
  });

  it('is false of values JSON cannot carry', () => {
    fc.assert(
      fc.property(notJson, (value) => {
        expect(isJsonValue(value)).toBe(false);
      }),
    );
  });

  it('is false of JSON with such a value anywhere inside', () => {
    const container = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));
    fc.assert(
      fc.property(container, notJson, fc.string(), fc.nat({ max: 4 }), (outer, value, key, depth) => {
        let buried = bury(outer, value, key);
        for (let level = 0; level < depth; level++) buried = level % 2 === 0 ? [buried] : { [key]: buried };
        expect(isJsonValue(buried)).toBe(false);
      }),
    );
  });

  it('accepts objects without a prototype and shared (acyclic) references', () => {
    const bare: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    bare['a'] = 1;
    expect(isJsonValue(bare)).toBe(true);
    const shared = { n: 1 };
    expect(isJsonValue({ a: shared, b: shared, c: [shared, shared] })).toBe(true);
  });

  it('refuses cycles', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = { back: cyclic };
    expect(isJsonValue(cyclic)).toBe(false);
    const list: unknown[] = [];
    list.push(list);
    expect(isJsonValue(list)).toBe(false);
  });

  it('walks deep values: a cycle far down is refused, deep acyclic nesting and deep shared references are not', () => {
    const nest = (depth: number, inner: unknown): unknown => {
      let value = inner;
      for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { next: value } : [value];
      return value;
    };
    expect(isJsonValue(nest(500, 'leaf'))).toBe(true);
    const shared = { n: 1 };
    expect(isJsonValue(nest(100, { a: shared, b: nest(80, shared) }))).toBe(true);
    for (const depth of [3, 63, 64, 65, 300]) {
      const loop: { back?: unknown } = {};
      loop.back = nest(depth, loop);
      expect(isJsonValue(nest(depth, loop))).toBe(false);
    }
  });
});
