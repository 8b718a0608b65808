import * as t from 'io-ts/lib/index.js';
import { REFUSED, withFastDecoder } from './fastDecode.js';
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
  const century = twoDigits(u, 0);
  const yearOfCentury = twoDigits(u, 2);
  const month = twoDigits(u, 5);
  const day = twoDigits(u, 8);
  const hour = twoDigits(u, 11);
  const minute = twoDigits(u, 14);
  const second = twoDigits(u, 17);
  const tenMillis = twoDigits(u, 20);
  const lastMilli = u.charCodeAt(22) - 48;
  const year = century * 100 + yearOfCentury;
  if (
    century < 10 ||
    yearOfCentury < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    tenMillis < 0 ||
    lastMilli < 0 ||
    lastMilli > 9
  )
    return undefined;
  const millis = tenMillis * 10 + lastMilli;
  return new Date(
    daysSinceEpoch(year, month, day) * 86_400_000 +
      hour * 3_600_000 +
      minute * 60_000 +
      second * 1000 +
      millis,
  );
};

/**
 * The days from 1970-01-01 to a day of the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`),
 * for years from 1000 on: what `Date.UTC` computes, in a small fraction of its time.
 */
const daysSinceEpoch = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

/** The two-digit number at `start`, or -1 when either is not a digit. */
const twoDigits = (u: string, start: number): number => {
  const tens = u.charCodeAt(start) - 48;
  const ones = u.charCodeAt(start + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
};

/**
 * Codec of an instant carried as an ISO-8601 string in UTC (`2026-11-28T10:15:00.000Z`), decoded to a `Date`.
 * It also reads a valid `Date` as it is, so a typed caller may pass one.
 *
 * @category codecs
 * @since 0.1.0
 */
export const DateFromIsoString: t.Type<Date, string, unknown> = new t.Type<Date, string, unknown>(
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
withFastDecoder(DateFromIsoString, (u) => {
  const fast = typeof u === 'string' ? fromIsoUtcMillis(u) : undefined;
  if (fast !== undefined) return fast;
  const decoded = DateFromIsoString.validate(u, []);
  return decoded._tag === 'Right' ? decoded.right : REFUSED;
});

/**
 * A non-empty string without leading or trailing blanks, at most `max` characters long.
 *
 * @category codecs
 * @since 0.1.0
 */
export const boundedText = (max: number, name = `Text(1..${max})`): t.Type<string, string, unknown> => {
  const codec = new t.Type<string, string, unknown>(
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
  // Decoding accepts exactly what the guard accepts, and gives the text itself.
  return withFastDecoder(codec, (u) => (codec.is(u) ? u : REFUSED));
};
