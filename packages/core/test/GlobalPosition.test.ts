import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  GlobalPositionCodec,
  compareGlobalPositions,
  globalPosition,
  globalPositionParts,
} from '../src/index.js';

const U64_MAX = (1n << 64n) - 1n;
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }),
  // Small values and values around powers of 16, where fixed-width hex matters most.
  fc.bigInt({ min: 0n, max: 300n }),
  fc
    .integer({ min: 1, max: 63 })
    .chain((bits) => fc.bigInt({ min: (1n << BigInt(bits)) - 2n, max: (1n << BigInt(bits)) + 1n })),
);
const parts = fc.tuple(u64, u64);

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const compareParts = ([a1, a2]: readonly [bigint, bigint], [b1, b2]: readonly [bigint, bigint]): number =>
  a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0;

describe('GlobalPosition', () => {
  it('builds the documented form', () => {
    expect(globalPosition(7n, 42n)).toBe('0000000000000007.000000000000002a');
    expect(globalPosition(0n, 0n)).toBe('0000000000000000.0000000000000000');
    expect(globalPosition(U64_MAX, U64_MAX)).toBe('ffffffffffffffff.ffffffffffffffff');
  });

  it('gives back the parts it was built from', () => {
    fc.assert(
      fc.property(u64, u64, (major, minor) => {
        const position = globalPosition(major, minor);
        expect(globalPositionParts(position)).toEqual({ major, minor });
        expect(GlobalPositionCodec.is(position)).toBe(true);
        expect(GlobalPositionCodec.decode(position)).toEqual(E.right(position));
      }),
    );
  });

  it('orders as strings exactly as (major, minor) orders as numbers', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const pa = globalPosition(...a);
        const pb = globalPosition(...b);
        const expected = compareParts(a, b);
        expect(sign(compareGlobalPositions(pa, pb))).toBe(expected);
        expect(pa < pb).toBe(expected < 0);
        expect(pa === pb).toBe(expected === 0);
      }),
    );
  });

  it('sorts a list of positions as plain strings into numeric order', () => {
    fc.assert(
      fc.property(fc.array(parts), (list) => {
        const byNumbers = [...list].sort(compareParts).map((p) => globalPosition(...p));
        const byStrings = list.map((p) => globalPosition(...p)).sort();
        const byCompare = list.map((p) => globalPosition(...p)).sort(compareGlobalPositions);
        expect(byStrings).toEqual(byNumbers);
        expect(byCompare).toEqual(byNumbers);
      }),
    );
  });

  it('refuses parts outside unsigned 64 bits', () => {
    expect(() => globalPosition(-1n, 0n)).toThrow(RangeError);
    expect(() => globalPosition(0n, -1n)).toThrow(RangeError);
    expect(() => globalPosition(U64_MAX + 1n, 0n)).toThrow(RangeError);
    expect(() => globalPosition(0n, U64_MAX + 1n)).toThrow(
      /unsigned 64-bit integers, got 0, 18446744073709551616/,
    );
  });

  it('decodes only well-formed stored positions', () => {
    for (const bad of [
      '0000000000000007.000000000000002A',
      '7.42',
      '0000000000000007000000000000002a',
      '0000000000000007.000000000000002a ',
      '00000000000000007.000000000000002a',
      '',
      7,
    ]) {
      expect(GlobalPositionCodec.is(bad)).toBe(false);
      expect(E.isLeft(GlobalPositionCodec.decode(bad))).toBe(true);
    }
  });
});
