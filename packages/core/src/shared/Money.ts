import { showValue } from '../showValue.js';
import * as t from 'io-ts/lib/index.js';

/**
 * An amount of Kazakhstani tenge in tiyn (1 tenge = 100 tiyn), as a `bigint`: never a float, so sums of
 * billions stay exact. In JSON it travels as a decimal string (`"2100000000000"` is 21 billion tenge).
 *
 * @category shared kernel
 * @since 0.1.0
 */
export type Tiyn = bigint;

/**
 * Codec of a non-negative amount in tiyn, carried as a decimal string; a typed caller may pass a `bigint`.
 *
 * @example
 * import { Tiyn } from '@adal/core';
 * Tiyn.decode('2100000000000'); // Right(2100000000000n)
 * Tiyn.decode('-5')._tag; // 'Left': must not be negative
 * Tiyn.decode(12.5)._tag; // 'Left': a decimal string (or a bigint), never a float
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const Tiyn = new t.Type<bigint, string, unknown>(
  'Tiyn',
  (u): u is bigint => typeof u === 'bigint' && u >= 0n,
  (u, c) => {
    if (typeof u === 'bigint')
      return u < 0n ? t.failure(u, c, `must not be negative, got ${u}`) : t.success(u);
    if (typeof u !== 'string' || !/^(0|-?[1-9][0-9]*)$/.test(u)) {
      return t.failure(
        u,
        c,
        `expected an amount in tiyn as a decimal string such as "150000", got ${showValue(u)}`,
      );
    }
    const value = BigInt(u);
    return value < 0n ? t.failure(u, c, `must not be negative, got ${u}`) : t.success(value);
  },
  (b) => b.toString(),
);

/**
 * Whole tenge to tiyn.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const tenge = (amount: bigint | number): Tiyn => BigInt(amount) * 100n;

/**
 * An amount written as tenge with two decimals and thin-space thousands (`21 000 000 000.00 ₸`).
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const formatTenge = (amount: Tiyn): string => {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents} ₸`;
};

/**
 * `part / whole` as a percentage rounded to `decimals` places, computed on integers (0 when `whole` is 0).
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const percentage = (part: bigint, whole: bigint, decimals = 1): number => {
  if (whole === 0n) return 0;
  // Round half away from zero on the magnitude, so a fall reads as the mirror of a rise (-23 %, not -22.9 %).
  const negative = part < 0n !== whole < 0n;
  const p = part < 0n ? -part : part;
  const w = whole < 0n ? -whole : whole;
  const scale = 10n ** BigInt(decimals);
  const scaled = (p * 100n * scale * 2n + w) / (w * 2n);
  const value = Number(scaled) / Number(scale);
  return negative && value !== 0 ? -value : value;
};
