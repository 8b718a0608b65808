import * as t from 'io-ts/lib/index.js';
import { showValue } from '../showValue.js';

/**
 * A calendar date without a time, `YYYY-MM-DD`, as legal deadlines count them.
 *
 * @category calendar
 * @since 0.1.0
 */
export interface LocalDateBrand {
  readonly LocalDate: unique symbol;
}

/**
 * @category calendar
 * @since 0.1.0
 */
export type LocalDate = t.Branded<string, LocalDateBrand>;

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const date = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
};

/**
 * Codec of a calendar date `YYYY-MM-DD` that exists (no 30 February).
 *
 * @category calendar
 * @since 0.1.0
 */
export const LocalDate = new t.Type<LocalDate, string, unknown>(
  'LocalDate',
  (u): u is LocalDate => typeof u === 'string' && isRealDate(u),
  (u, c) =>
    typeof u === 'string' && isRealDate(u)
      ? t.success(u as LocalDate)
      : t.failure(u, c, `expected a date YYYY-MM-DD, got ${showValue(u)}`),
  t.identity,
);

/**
 * Kazakhstan's time: one zone, UTC+5, since 1 March 2024.
 *
 * @category calendar
 * @since 0.1.0
 */
export const KAZAKHSTAN_UTC_OFFSET_MINUTES = 300;

const toUtcDate = (date: LocalDate): Date => new Date(`${date}T00:00:00.000Z`);
const fromUtcDate = (date: Date): LocalDate => date.toISOString().slice(0, 10) as LocalDate;

/**
 * The calendar date in Kazakhstan at an instant.
 *
 * @example
 * import { localDate } from '@adal/core';
 * localDate(new Date('2026-11-27T20:30:00Z')); // '2026-11-28' (01:30 in Astana)
 *
 * @category calendar
 * @since 0.1.0
 */
export const localDate = (instant: Date, offsetMinutes = KAZAKHSTAN_UTC_OFFSET_MINUTES): LocalDate =>
  fromUtcDate(new Date(instant.getTime() + offsetMinutes * 60_000));

/**
 * The date `days` calendar days later (earlier when negative).
 *
 * @category calendar
 * @since 0.1.0
 */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const d = toUtcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtcDate(d);
};

/**
 * The date `months` calendar months later; a day that the month lacks becomes its last day
 * (31 December + 2 months = 28 or 29 February).
 *
 * @category calendar
 * @since 0.1.0
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const d = toUtcDate(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return fromUtcDate(d);
};

/**
 * Which days are worked: the days of the week that are weekends (0 = Sunday … 6 = Saturday), the holidays,
 * and the weekend days that are worked instead (transfers decreed each year).
 *
 * @category calendar
 * @since 0.1.0
 */
export interface WorkingDayCalendar {
  readonly weekendDays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly workingWeekendDays: ReadonlySet<string>;
}

/**
 * Builds a calendar: Saturday and Sunday off by default, plus the holidays given as data.
 *
 * @example
 * import { createCalendar, kazakhstanHolidays } from '@adal/core';
 * const calendar = createCalendar({ holidays: [...kazakhstanHolidays(2026), ...kazakhstanHolidays(2027)] });
 *
 * @category calendar
 * @since 0.1.0
 */
export const createCalendar = (
  options: {
    readonly holidays?: Iterable<string>;
    readonly workingWeekendDays?: Iterable<string>;
    readonly weekendDays?: Iterable<number>;
  } = {},
): WorkingDayCalendar => ({
  weekendDays: new Set(options.weekendDays ?? [0, 6]),
  holidays: new Set(options.holidays ?? []),
  workingWeekendDays: new Set(options.workingWeekendDays ?? []),
});

/**
 * Whether a date is worked.
 *
 * @category calendar
 * @since 0.1.0
 */
export const isWorkingDay = (calendar: WorkingDayCalendar, date: LocalDate): boolean =>
  worked(daysOf(calendar), dayNumber(date));

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (a Thursday) of a date `YYYY-MM-DD`. */
const dayNumber = (date: LocalDate): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

const fromDayNumber = (day: number): LocalDate => fromUtcDate(new Date(day * DAY_MS));

/** A calendar's days as day numbers, so counting days needs no text and no `Date`. */
interface CalendarDays {
  readonly weekendDays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<number>;
  readonly workingWeekendDays: ReadonlySet<number>;
  /** The sizes they were made at: a calendar whose sets were changed since is converted again. */
  readonly sizes: string;
}

const converted = new WeakMap<WorkingDayCalendar, CalendarDays>();

const sizesOf = (calendar: WorkingDayCalendar): string =>
  `${calendar.weekendDays.size}/${calendar.holidays.size}/${calendar.workingWeekendDays.size}`;

const daysOf = (calendar: WorkingDayCalendar): CalendarDays => {
  const known = converted.get(calendar);
  const sizes = sizesOf(calendar);
  if (known !== undefined && known.sizes === sizes) return known;
  const numbers = (dates: ReadonlySet<string>): Set<number> => {
    const days = new Set<number>();
    for (const date of dates) if (LocalDate.is(date)) days.add(dayNumber(date));
    return days;
  };
  const days: CalendarDays = {
    weekendDays: calendar.weekendDays,
    holidays: numbers(calendar.holidays),
    workingWeekendDays: numbers(calendar.workingWeekendDays),
    sizes,
  };
  converted.set(calendar, days);
  return days;
};

const worked = (days: CalendarDays, day: number): boolean => {
  if (days.holidays.has(day)) return false;
  if (days.workingWeekendDays.has(day)) return true;
  // Day 0 was a Thursday (4); the modulo is kept non-negative for days before 1970.
  return !days.weekendDays.has((((day + 4) % 7) + 7) % 7);
};

/**
 * The `n`-th working day after `date` (the date itself is not counted): a deadline of "15 working days
 * after registration".
 *
 * @category calendar
 * @since 0.1.0
 */
export const addWorkingDays = (calendar: WorkingDayCalendar, date: LocalDate, n: number): LocalDate => {
  const days = daysOf(calendar);
  let current = dayNumber(date);
  let left = n;
  const step = n >= 0 ? 1 : -1;
  while (left !== 0) {
    current += step;
    if (worked(days, current)) left -= step;
  }
  return n === 0 ? date : fromDayNumber(current);
};

/**
 * How many working days lie after `from` up to and including `to`; when `to` is earlier, minus the number
 * from `to` up to but not including `from`. So `workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n`.
 *
 * @category calendar
 * @since 0.1.0
 */
export const workingDaysBetween = (calendar: WorkingDayCalendar, from: LocalDate, to: LocalDate): number => {
  if (to === from) return 0;
  const days = daysOf(calendar);
  const start = dayNumber(from);
  const end = dayNumber(to);
  const forwards = end > start;
  let count = 0;
  for (let current = start; current !== end;) {
    current += forwards ? 1 : -1;
    // Forwards this counts the days in (from, to]; backwards those in [to, from), the ones addWorkingDays
    // steps on when it goes back.
    if (worked(days, current)) count += 1;
  }
  return forwards || count === 0 ? count : -count;
};

/**
 * Kazakhstan's public holidays with a fixed date in one year (New Year 1–2 January, Orthodox Christmas
 * 7 January, International Women's Day 8 March, Nauryz 21–23 March, Unity Day 1 May, Defender of the
 * Fatherland Day 7 May, Victory Day 9 May, Capital Day 6 July, Constitution Day 30 August, Republic Day
 * 25 October, Independence Day 16 December). A secular holiday that falls on a weekend moves its day off to
 * the next working day. Kurban Ait moves with the lunar calendar and the government moves days off by
 * decree each year: supply those as extra holidays and working weekend days.
 *
 * @category calendar
 * @since 0.1.0
 */
export const kazakhstanHolidays = (year: number): LocalDate[] => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const fixed: [number, number, boolean][] = [
    [1, 1, true],
    [1, 2, true],
    [1, 7, false],
    [3, 8, true],
    [3, 21, true],
    [3, 22, true],
    [3, 23, true],
    [5, 1, true],
    [5, 7, true],
    [5, 9, true],
    [7, 6, true],
    [8, 30, true],
    [10, 25, true],
    [12, 16, true],
  ];
  const days = new Set<string>(fixed.map(([m, d]) => `${year}-${pad(m)}-${pad(d)}`));
  const weekend = createCalendar();
  for (const [m, d, movesOff] of fixed) {
    const date = `${year}-${pad(m)}-${pad(d)}` as LocalDate;
    if (!movesOff || isWorkingDay(weekend, date)) continue;
    let next = addDays(date, 1);
    while (!isWorkingDay(weekend, next) || days.has(next)) next = addDays(next, 1);
    days.add(next);
  }
  return [...days].sort() as LocalDate[];
};
