import * as t from 'io-ts/lib/index.js';
import { showValue } from './showValue.js';

/**
 * A UUID in its canonical lower-case text form (any version); Adal's own ids are UUIDv7.
 *
 * @category model
 * @since 0.1.0
 */
export interface UuidBrand {
  readonly Uuid: unique symbol;
}

/**
 * @category model
 * @since 0.1.0
 */
export type Uuid = t.Branded<string, UuidBrand>;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Codec of a canonical lower-case UUID.
 *
 * @example
 * import { Uuid } from '@adal/core';
 * Uuid.is('0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e'); // true
 *
 * @category codecs
 * @since 0.1.0
 */
export const Uuid = t.brand(t.string, (s): s is Uuid => UUID_PATTERN.test(s), 'Uuid');

/**
 * Codec of a `bigint` carried in JSON as a decimal string (never a float, so no precision is lost). It also
 * reads a `bigint` as it is, so a typed caller may pass `150000n` where JSON carries `"150000"`.
 *
 * @example
 * import { BigIntFromString } from '@adal/core';
 * BigIntFromString.encode(21_000_000_000_00n); // '2100000000000'
 *
 * @category codecs
 * @since 0.1.0
 */
export const BigIntFromString = new t.Type<bigint, string, unknown>(
  'BigIntFromString',
  (u): u is bigint => typeof u === 'bigint',
  (u, c) =>
    typeof u === 'bigint'
      ? t.success(u)
      : typeof u === 'string' && /^(0|-?[1-9][0-9]*)$/.test(u)
        ? t.success(BigInt(u))
        : t.failure(u, c, `expected an integer as a decimal string, got ${showValue(u)}`),
  (b) => b.toString(),
);

// Years outside 0000-9999 take the expanded six-digit form that `Date.prototype.toISOString` writes.
const ISO_DATE_TIME =
  /^(\d{4}|[+-]\d{6})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * The common form `Date.prototype.toISOString` writes (`2026-11-28T10:15:00.000Z`), read field by field:
 * parsing a date string is most of the cost of decoding an event. Anything else, or any field out of its
 * everyday range (a year before 1000, hour 24), is left to the general path, which decides as before.
 */
const fromIsoUtcMillis = (u: string): Date | undefined => {
  if (
    u.length !== 24 ||
    u.charCodeAt(4) !== 45 ||
    u.charCodeAt(7) !== 45 ||
    u.charCodeAt(10) !== 84 ||
    u.charCodeAt(13) !== 58 ||
    u.charCodeAt(16) !== 58 ||
    u.charCodeAt(19) !== 46 ||
    u.charCodeAt(23) !== 90
  )
    return undefined;
  const year = digits(u, 0, 4);
  const month = digits(u, 5, 2);
  const day = digits(u, 8, 2);
  const hour = digits(u, 11, 2);
  const minute = digits(u, 14, 2);
  const second = digits(u, 17, 2);
  const millis = digits(u, 20, 3);
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    millis < 0
  )
    return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
};

/** The decimal number `length` digits long at `start`, or -1 when one of them is not a digit. */
const digits = (u: string, start: number, length: number): number => {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = u.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
};

/**
 * Codec of an instant carried as an ISO-8601 string in UTC (`2026-11-28T10:15:00.000Z`), decoded to a `Date`.
 * It also reads a valid `Date` as it is, so a typed caller may pass one.
 *
 * @category codecs
 * @since 0.1.0
 */
export const DateFromIsoString = new t.Type<Date, string, unknown>(
  'DateFromIsoString',
  (u): u is Date => u instanceof Date && !Number.isNaN(u.getTime()),
  (u, c) => {
    if (u instanceof Date) {
      return Number.isNaN(u.getTime())
        ? t.failure(u, c, 'expected a real date-time, got an invalid Date')
        : t.success(u);
    }
    const fast = typeof u === 'string' ? fromIsoUtcMillis(u) : undefined;
    if (fast !== undefined) return t.success(fast);
    const match = typeof u === 'string' ? ISO_DATE_TIME.exec(u) : null;
    if (typeof u !== 'string' || match === null) {
      return t.failure(u, c, `expected an ISO-8601 date-time, got ${showValue(u)}`);
    }
    // JavaScript rolls a day past the end of its month over into the next month (2026-02-30 becomes
    // 2026-03-02), so the day is checked here.
    const day = Number(match[3]);
    const date = new Date(u);
    return Number.isNaN(date.getTime()) || day > daysInMonth(Number(match[1]), Number(match[2]))
      ? t.failure(u, c, `expected a real date-time, got "${u}"`)
      : t.success(date);
  },
  (d) => d.toISOString(),
);

/**
 * A non-empty string without leading or trailing blanks, at most `max` characters long.
 *
 * @category codecs
 * @since 0.1.0
 */
export const boundedText = (max: number, name = `Text(1..${max})`): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.trim() === u && u.length > 0 && u.length <= max,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c);
      const trimmed = u.trim();
      if (trimmed.length === 0) return t.failure(u, c, 'must not be empty');
      if (trimmed !== u) return t.failure(u, c, 'must not start or end with blanks');
      if (u.length > max) return t.failure(u, c, `must be at most ${max} characters, got ${u.length}`);
      return t.success(u);
    },
    t.identity,
  );
