import * as t from 'io-ts/lib/index.js';
import { showValue } from '../showValue.js';

/**
 * An IIN (individual identification number): 12 digits — birth date `YYMMDD`, a digit for the century and
 * sex (1–6), four serial digits, and a check digit. It is personal data: Adal stores it only encrypted.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export interface IinBrand {
  readonly Iin: unique symbol;
}

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type Iin = t.Branded<string, IinBrand>;

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The check digit of the first 11 digits of an IIN, or `undefined` when no digit fits (such numbers are
 * never issued).
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const iinCheckDigit = (first11: string): number | undefined => {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0) % 11;
  const first = sum(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = sum(SECOND_WEIGHTS);
  return second === 10 ? undefined : second;
};

const explain = (u: unknown): string | undefined => {
  if (typeof u !== 'string' || !/^\d{12}$/.test(u)) return `expected 12 digits, got ${showValue(u)}`;
  const centurySex = Number(u[6]);
  if (centurySex < 1 || centurySex > 6) return 'the seventh digit (century and sex) must be 1 to 6';
  // 1-2: born in the 19th century, 3-4: the 20th, 5-6: the 21st.
  const year = 1800 + Math.floor((centurySex - 1) / 2) * 100 + Number(u.slice(0, 2));
  const month = Number(u.slice(2, 4));
  const day = Number(u.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1) {
    return 'the first six digits must be a real birth date YYMMDD';
  }
  const check = iinCheckDigit(u.slice(0, 11));
  if (check === undefined || check !== Number(u[11])) return 'the check digit does not match';
  return undefined;
};

/**
 * Codec of an IIN, checking its birth date, century digit and check digit.
 *
 * @example
 * import { Iin, iinCheckDigit } from '@adal/core';
 * const first11 = '90010130012';
 * Iin.decode(first11 + String(iinCheckDigit(first11)))._tag; // 'Right'
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const Iin = new t.Type<Iin, string, unknown>(
  'Iin',
  (u): u is Iin => explain(u) === undefined,
  (u, c) => {
    const problem = explain(u);
    return problem === undefined ? t.success(u as Iin) : t.failure(u, c, problem);
  },
  t.identity,
);
