import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { Tiyn, formatTenge, percentage, strict, tenge, toValidationError } from '../../src/index.js';

const messageOf = (input: unknown): string | undefined => {
  const result = strict({ amount: Tiyn }).decode({ amount: input });
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const NNBSP = '\u202f';

describe('Tiyn codec', () => {
  it('decodes a decimal string to a bigint and encodes it back', () => {
    expect(Tiyn.decode('2100000000000')).toEqual(E.right(2_100_000_000_000n));
    expect(Tiyn.decode('0')).toEqual(E.right(0n));
    expect(Tiyn.encode(2_100_000_000_000n)).toBe('2100000000000');
  });

  it('round-trips every non-negative amount, far beyond the safe integers of a float', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (amount) => {
        expect(Tiyn.decode(Tiyn.encode(amount))).toEqual(E.right(amount));
        expect(Tiyn.is(amount)).toBe(true);
      }),
    );
  });

  it('refuses negative amounts, naming the field', () => {
    expect(messageOf('-5')).toBe('amount: must not be negative, got -5');
    expect(Tiyn.is(-5n)).toBe(false);
    fc.assert(
      fc.property(fc.bigInt({ max: -1n }), (amount) => {
        expect(E.isLeft(Tiyn.decode(amount.toString()))).toBe(true);
      }),
    );
  });

  it('refuses numbers, floats and anything but a plain decimal string', () => {
    const expected = (shown: string) =>
      `amount: expected an amount in tiyn as a decimal string such as "150000", got ${shown}`;
    expect(messageOf(150000)).toBe(expected('150000'));
    expect(messageOf(12.5)).toBe(expected('12.5'));
    expect(messageOf('12.5')).toBe(expected('"12.5"'));
    expect(messageOf('1e6')).toBe(expected('"1e6"'));
    expect(messageOf('007')).toBe(expected('"007"'));
    expect(messageOf('+5')).toBe(expected('"+5"'));
    expect(messageOf(' 5')).toBe(expected('" 5"'));
    expect(messageOf('')).toBe(expected('""'));
    expect(messageOf(undefined)).toBe(expected('nothing'));
  });

  it('takes a non-negative bigint as it is (a typed caller) and refuses a negative one with a message', () => {
    expect(Tiyn.decode(5n)).toEqual({ _tag: 'Right', right: 5n });
    expect(messageOf(-5n)).toBe('amount: must not be negative, got -5');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), (input) => {
        expect(() => Tiyn.decode(input)).not.toThrow();
      }),
      { examples: [[0n]] },
    );
  });

  it('refuses "-0": a zero written as a negative, not canonical, like "007"', () => {
    expect(messageOf('-0')).toBe(
      'amount: expected an amount in tiyn as a decimal string such as "150000", got "-0"',
    );
  });

  it('accepts exactly the strings of non-negative integers without leading zeros', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789-.e+ '.split('')), maxLength: 12 }),
        (text) => {
          expect(E.isRight(Tiyn.decode(text))).toBe(/^(0|[1-9][0-9]*)$/.test(text));
        },
      ),
      { examples: [['-0']] },
    );
  });
});

describe('tenge', () => {
  it('turns whole tenge into tiyn', () => {
    expect(tenge(21_000_000_000)).toBe(2_100_000_000_000n);
    expect(tenge(0)).toBe(0n);
    expect(tenge(5n)).toBe(500n);
  });
});

describe('formatTenge', () => {
  it('writes tenge with two decimals and narrow-space thousands', () => {
    expect(formatTenge(2_100_000_000_000n)).toBe(`21${NNBSP}000${NNBSP}000${NNBSP}000.00 ₸`);
    expect(formatTenge(123_456_789n)).toBe(`1${NNBSP}234${NNBSP}567.89 ₸`);
    expect(formatTenge(100_000n)).toBe(`1${NNBSP}000.00 ₸`);
    expect(formatTenge(99_999n)).toBe('999.99 ₸');
    expect(formatTenge(100n)).toBe('1.00 ₸');
    expect(formatTenge(5n)).toBe('0.05 ₸');
    expect(formatTenge(0n)).toBe('0.00 ₸');
    expect(formatTenge(-150n)).toBe('-1.50 ₸');
  });

  it('loses no tiyn: the digits of the text are the digits of the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (amount) => {
        const digits = formatTenge(amount).replace(/[^0-9]/g, '');
        expect(BigInt(digits)).toBe(amount);
      }),
    );
  });
});

describe('percentage', () => {
  it('gives the article’s recovery rate: 18.69 of 21 billion tenge is 89 %', () => {
    expect(percentage(tenge(18_690_000_000), tenge(21_000_000_000))).toBe(89);
    expect(percentage(1n, 3n)).toBe(33.3);
    expect(percentage(2n, 3n)).toBe(66.7);
    expect(percentage(2n, 3n, 0)).toBe(67);
    expect(percentage(1n, 8n, 2)).toBe(12.5);
    expect(percentage(1n, 200n, 0)).toBe(1); // 0.5 % rounds half up
    expect(percentage(5n, 0n)).toBe(0);
  });

  it('agrees with a float reference within half a unit of the last decimal (non-negative parts)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.integer({ min: 0, max: 4 }),
        (whole, part, decimals) => {
          const exact = (Number(part) * 100) / Number(whole);
          const unit = 10 ** -decimals;
          const result = percentage(part, whole, decimals);
          expect(Math.abs(result - exact)).toBeLessThanOrEqual(unit / 2 + Math.abs(exact) * 1e-12);
          // And it is a multiple of the unit.
          expect(Math.abs(Math.round(result / unit) * unit - result)).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(result)),
          );
        },
      ),
    );
  });

  it('gives an exact change between two years exactly, also when it is a fall (offences 2018 vs 2016: −23 %)', () => {
    expect(percentage(77n - 100n, 100n)).toBe(-23);
    expect(percentage(-1n, 3n, 0)).toBe(-33);
  });

  it('agrees with the float reference for negative parts too (a fall between two years)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: -(10n ** 9n), max: -1n }),
        (whole, part) => {
          const exact = (Number(part) * 100) / Number(whole);
          expect(Math.abs(percentage(part, whole) - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
        },
      ),
    );
  });
});
