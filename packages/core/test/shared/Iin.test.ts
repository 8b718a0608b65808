import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { Iin, iinCheckDigit, strict, toValidationError } from '../../src/index.js';

const messageOf = (input: unknown): string | undefined => {
  const result = strict({ iin: Iin }).decode({ iin: input });
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

/**
 * An independent reference of the check digit, written from the published rule: weights 1–11, sum mod 11;
 * when that gives 10, weights 3–11, 1, 2; when that gives 10 again, the number is never issued.
 */
const referenceCheckDigit = (first11: string): number | undefined => {
  const weighted = (weights: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < 11; i += 1) sum += Number(first11.charAt(i)) * (weights[i] ?? 0);
    return sum % 11;
  };
  const first = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (first < 10) return first;
  const second = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return second < 10 ? second : undefined;
};

const firstPassSum = (first11: string): number =>
  [...first11].reduce((sum, digit, i) => sum + Number(digit) * (i + 1), 0) % 11;

/** Whether an IIN is valid by the reference: a birth date YYMMDD, a century digit 1–6, the check digit. */
const referenceValid = (iin: string): boolean => {
  if (!/^\d{12}$/.test(iin)) return false;
  const month = Number(iin.slice(2, 4));
  const dayOfMonth = Number(iin.slice(4, 6));
  const century = Number(iin.charAt(6));
  return (
    month >= 1 &&
    month <= 12 &&
    dayOfMonth >= 1 &&
    dayOfMonth <= 31 &&
    century >= 1 &&
    century <= 6 &&
    referenceCheckDigit(iin.slice(0, 11)) === Number(iin.charAt(11))
  );
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Valid IINs: a birth date, a century and sex digit, four serial digits, and the check digit. */
const validIin = fc
  .record({
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    century: fc.integer({ min: 1, max: 6 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map(
    ({ year, month, day, century, serial }) =>
      `${pad(year, 2)}${pad(month, 2)}${pad(day, 2)}${century}${pad(serial, 4)}`,
  )
  .filter((first11) => referenceCheckDigit(first11) !== undefined)
  .map((first11) => `${first11}${String(referenceCheckDigit(first11))}`);

describe('iinCheckDigit', () => {
  it('computes the first-pass digit (weights 1–11)', () => {
    // 9·1 + 1·4 + 1·6 + 3·7 + 1·10 + 2·11 = 72 ≡ 6 (mod 11)
    expect(iinCheckDigit('90010130012')).toBe(6);
  });

  it('falls back to the second pass when the first gives 10', () => {
    // First pass: 9 + 4 + 6 + 21 + 80 + 11 = 131 ≡ 10. Second (3–11, 1, 2): 27 + 6 + 8 + 27 + 8 + 2 = 78 ≡ 1.
    expect(iinCheckDigit('90010130081')).toBe(1);
  });

  it('gives no digit when the second pass gives 10 too (such numbers are never issued)', () => {
    expect(iinCheckDigit('90010130080')).toBeUndefined();
    expect(Iin.is('900101300800')).toBe(false);
  });

  it('agrees with an independent reference on every 11 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (first11) => {
        expect(iinCheckDigit(first11)).toBe(referenceCheckDigit(first11));
      }),
    );
  });
});

describe('Iin codec', () => {
  it('accepts valid numbers', () => {
    for (const iin of ['900101300126', '900101300811']) {
      const decoded = Iin.decode(iin);
      expect(decoded).toEqual(E.right(iin));
      expect(Iin.is(iin)).toBe(true);
      if (E.isRight(decoded)) expect(Iin.encode(decoded.right)).toBe(iin);
    }
  });

  it('refuses invalid numbers, saying what is wrong at the field', () => {
    expect(messageOf('900101300127')).toBe('iin: the check digit does not match');
    expect(messageOf('901301300126')).toBe('iin: the first six digits must be a real birth date YYMMDD');
    expect(messageOf('900100300126')).toBe('iin: the first six digits must be a real birth date YYMMDD');
    expect(messageOf('900132300126')).toBe('iin: the first six digits must be a real birth date YYMMDD');
    expect(messageOf('900101000126')).toBe('iin: the seventh digit (century and sex) must be 1 to 6');
    expect(messageOf('900101700126')).toBe('iin: the seventh digit (century and sex) must be 1 to 6');
    expect(messageOf('90010130012')).toBe('iin: expected 12 digits, got "90010130012"');
    expect(messageOf('9001013001260')).toBe('iin: expected 12 digits, got "9001013001260"');
    expect(messageOf('90010130012a')).toBe('iin: expected 12 digits, got "90010130012a"');
    expect(messageOf(900101300126)).toBe('iin: expected 12 digits, got 900101300126');
    expect(messageOf(undefined)).toBe('iin: expected 12 digits, got nothing');
  });

  it('accepts every generated valid IIN', () => {
    fc.assert(
      fc.property(validIin, (iin) => {
        expect(Iin.is(iin)).toBe(true);
        expect(E.isRight(Iin.decode(iin))).toBe(true);
      }),
    );
  });

  it('changing any one digit of a valid IIN makes it invalid, unless it lands on another valid IIN', () => {
    fc.assert(
      fc.property(
        validIin,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (iin, position, shift) => {
          const digit = (Number(iin.charAt(position)) + shift) % 10;
          const changed = `${iin.slice(0, position)}${digit}${iin.slice(position + 1)}`;
          expect(changed).not.toBe(iin);
          expect(Iin.is(changed)).toBe(referenceValid(changed));
        },
      ),
    );
  });

  it('always catches a changed check digit', () => {
    fc.assert(
      fc.property(validIin, fc.integer({ min: 1, max: 9 }), (iin, shift) => {
        const changed = `${iin.slice(0, 11)}${(Number(iin.charAt(11)) + shift) % 10}`;
        expect(Iin.is(changed)).toBe(false);
      }),
    );
  });

  it('always catches one changed digit among the first ten when neither number needs the second pass', () => {
    // Weights 1–10 are invertible modulo 11, so the first-pass sum changes and the check digit no longer fits.
    fc.assert(
      fc.property(
        validIin,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (iin, position, shift) => {
          const changed = `${iin.slice(0, position)}${(Number(iin.charAt(position)) + shift) % 10}${iin.slice(position + 1)}`;
          fc.pre(firstPassSum(iin.slice(0, 11)) !== 10 && firstPassSum(changed.slice(0, 11)) !== 10);
          expect(Iin.is(changed)).toBe(false);
        },
      ),
    );
  });

  it('cannot catch a changed 11th digit when the first pass decides: its weight, 11, is 0 modulo 11', () => {
    // A property of the published algorithm, not of this code: such a change lands on another valid IIN.
    fc.assert(
      fc.property(validIin, fc.integer({ min: 1, max: 9 }), (iin, shift) => {
        fc.pre(firstPassSum(iin.slice(0, 11)) !== 10);
        const changed = `${iin.slice(0, 10)}${(Number(iin.charAt(10)) + shift) % 10}${iin.charAt(11)}`;
        fc.pre(firstPassSum(changed.slice(0, 11)) !== 10);
        expect(Iin.is(changed)).toBe(true);
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), (input) => {
        expect(() => Iin.decode(input)).not.toThrow();
      }),
      { examples: [[0n]] },
    );
  });
});
