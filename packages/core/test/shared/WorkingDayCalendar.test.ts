import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  KAZAKHSTAN_UTC_OFFSET_MINUTES,
  LocalDate,
  addDays,
  addMonths,
  addWorkingDays,
  createCalendar,
  isWorkingDay,
  kazakhstanHolidays,
  localDate,
  strict,
  toValidationError,
  workingDaysBetween,
} from '../../src/index.js';

const day = (text: string): LocalDate => {
  if (!LocalDate.is(text)) throw new Error(`fixture ${text} is not a date`);
  return text;
};

const messageOf = (input: unknown): string | undefined => {
  const result = strict({ dueOn: LocalDate }).decode({ dueOn: input });
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const years = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => kazakhstanHolidays(from + i)).flat();

/** Kazakhstan's fixed-date holidays of 2019–2031, the years the properties draw dates from (and a margin). */
const KZ = createCalendar({ holidays: years(2019, 2031) });
const KZ_2026 = createCalendar({ holidays: kazakhstanHolidays(2026) });

/** A date from 2020 to 2030. */
const date = fc.integer({ min: 0, max: 11 * 365 }).map((offset) => addDays(day('2020-01-01'), offset));

describe('LocalDate codec', () => {
  it('accepts dates that exist, 29 February of leap years included', () => {
    for (const text of ['2026-03-06', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) {
      expect(LocalDate.decode(text)).toEqual(E.right(text));
    }
  });

  it('refuses dates that do not exist and other forms, naming the field', () => {
    for (const text of [
      '2026-02-30',
      '2027-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
    ]) {
      expect(messageOf(text)).toBe(`dueOn: expected a date YYYY-MM-DD, got "${text}"`);
    }
    for (const text of ['2026-3-6', '06.03.2026', '2026-03-06T00:00:00Z', ' 2026-03-06', '']) {
      expect(messageOf(text)).toBe(`dueOn: expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
    }
    expect(messageOf(20260306)).toBe('dueOn: expected a date YYYY-MM-DD, got 20260306');
    expect(messageOf(undefined)).toBe('dueOn: expected a date YYYY-MM-DD, got nothing');
  });

  it('accepts exactly the dates a calendar has', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1901-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (instant) => {
          const text = instant.toISOString().slice(0, 10);
          expect(LocalDate.is(text)).toBe(true);
        },
      ),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), (input) => {
        expect(() => LocalDate.decode(input)).not.toThrow();
      }),
      { examples: [[0n]] },
    );
  });
});

describe('localDate', () => {
  it('is the date in Kazakhstan, UTC+5', () => {
    expect(KAZAKHSTAN_UTC_OFFSET_MINUTES).toBe(300);
    expect(localDate(new Date('2026-11-27T18:59:59.999Z'))).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-27T19:00:00.000Z'))).toBe('2026-11-28');
    expect(localDate(new Date('2026-11-27T20:30:00Z'))).toBe('2026-11-28');
    expect(localDate(new Date('2026-12-31T19:00:00Z'))).toBe('2027-01-01');
    expect(localDate(new Date('2026-03-06T10:00:00+05:00'))).toBe('2026-03-06');
  });

  it('takes another offset when asked', () => {
    expect(localDate(new Date('2026-11-27T19:00:00.000Z'), 0)).toBe('2026-11-27');
    expect(localDate(new Date('2026-11-27T23:30:00.000Z'), 60)).toBe('2026-11-28');
  });
});

describe('addDays and addMonths', () => {
  it('adds calendar days across months, years and 29 February', () => {
    expect(addDays(day('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(day('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(day('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(day('2026-03-01'), -1)).toBe('2026-02-28');
  });

  it('clamps a day the target month lacks to its last day', () => {
    expect(addMonths(day('2025-12-31'), 2)).toBe('2026-02-28');
    expect(addMonths(day('2023-12-31'), 2)).toBe('2024-02-29');
    expect(addMonths(day('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(day('2024-02-29'), 12)).toBe('2025-02-28');
    expect(addMonths(day('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(day('2026-08-31'), 1)).toBe('2026-09-30');
  });

  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths(day('2026-03-06'), 2)).toBe('2026-05-06');
    expect(addMonths(day('2026-11-15'), 3)).toBe('2027-02-15');
    expect(addMonths(day('2026-01-31'), 0)).toBe('2026-01-31');
  });

  it('moves by exactly the months asked, never past the target month', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -24, max: 24 }), (from, months) => {
        const to = addMonths(from, months);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
        expect(monthIndex(to) - monthIndex(from)).toBe(months);
        expect(Number(to.slice(8, 10))).toBeLessThanOrEqual(Number(from.slice(8, 10)));
      }),
    );
  });
});

describe('kazakhstanHolidays', () => {
  it('lists 2026 with the days off moved from weekend holidays', () => {
    expect(kazakhstanHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-07',
      '2026-03-08', // Sunday
      '2026-03-09', // … its day off
      '2026-03-21', // Saturday
      '2026-03-22', // Sunday
      '2026-03-23',
      '2026-03-24', // the day off of 21 March
      '2026-03-25', // the day off of 22 March
      '2026-05-01',
      '2026-05-07',
      '2026-05-09', // Saturday
      '2026-05-11', // … its day off
      '2026-07-06',
      '2026-08-30', // Sunday
      '2026-08-31', // … its day off
      '2026-10-25', // Sunday
      '2026-10-26', // … its day off
      '2026-12-16',
    ]);
  });

  it('does not move the day off of Orthodox Christmas, 7 January, when it falls on a weekend', () => {
    // 7 January 2023 was a Saturday; 1 January 2023 was a Sunday and its day off moved past 2 January to 3 January.
    const holidays = kazakhstanHolidays(2023);
    expect(holidays).toContain('2023-01-07');
    expect(holidays).toContain('2023-01-03');
    expect(holidays).not.toContain('2023-01-09');
    expect(holidays.filter((d) => d.startsWith('2023-01-'))).toEqual([
      '2023-01-01',
      '2023-01-02',
      '2023-01-03',
      '2023-01-07',
    ]);
  });

  it('holds every fixed-date holiday, and one working weekday more for each secular one on a weekend', () => {
    const FIXED = [
      '01-01',
      '01-02',
      '01-07',
      '03-08',
      '03-21',
      '03-22',
      '03-23',
      '05-01',
      '05-07',
      '05-09',
      '07-06',
      '08-30',
      '10-25',
      '12-16',
    ];
    const weekend = createCalendar();
    for (let year = 2015; year <= 2044; year += 1) {
      const holidays = kazakhstanHolidays(year);
      const fixed = FIXED.map((md) => `${year}-${md}`);
      for (const d of fixed) expect(holidays).toContain(d);
      const moved = holidays.filter((d) => !fixed.includes(d));
      const secularOnWeekend = fixed.filter((d) => !d.endsWith('-01-07') && !isWorkingDay(weekend, day(d)));
      expect(moved).toHaveLength(secularOnWeekend.length);
      for (const d of moved) expect(isWorkingDay(weekend, day(d))).toBe(true);
      expect(new Set(holidays).size).toBe(holidays.length);
      expect([...holidays].sort()).toEqual(holidays);
    }
  });
});

describe('createCalendar and isWorkingDay', () => {
  it('takes Saturday and Sunday off by default, and the holidays given', () => {
    expect(isWorkingDay(KZ_2026, day('2026-03-06'))).toBe(true);
    expect(isWorkingDay(KZ_2026, day('2026-03-07'))).toBe(false);
    expect(isWorkingDay(KZ_2026, day('2026-03-08'))).toBe(false);
    expect(isWorkingDay(KZ_2026, day('2026-03-09'))).toBe(false);
    expect(isWorkingDay(KZ_2026, day('2026-03-10'))).toBe(true);
  });

  it('works a weekend day declared worked, and takes another weekend when asked', () => {
    const transfer = createCalendar({
      holidays: kazakhstanHolidays(2026),
      workingWeekendDays: ['2026-03-07'],
    });
    expect(isWorkingDay(transfer, day('2026-03-07'))).toBe(true);
    const fridaySaturday = createCalendar({ weekendDays: [5, 6] });
    expect(isWorkingDay(fridaySaturday, day('2026-03-06'))).toBe(false);
    expect(isWorkingDay(fridaySaturday, day('2026-03-08'))).toBe(true);
  });

  it('keeps a holiday off even when it is also listed as a worked weekend day', () => {
    const calendar = createCalendar({ holidays: ['2026-03-21'], workingWeekendDays: ['2026-03-21'] });
    expect(isWorkingDay(calendar, day('2026-03-21'))).toBe(false);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it.each([
    ['2026-03-06', 1, '2026-03-10', 'over the weekend and 9 March'],
    ['2026-03-06', 3, '2026-03-12', 'the redirect window of a report registered on 6 March'],
    ['2026-03-06', 15, '2026-04-02', 'the answer due date of a report registered on 6 March'],
    ['2026-03-20', 3, '2026-03-30', 'over Nauryz, 23–25 March'],
    ['2026-03-07', 1, '2026-03-10', 'from a Saturday'],
    ['2026-04-30', 1, '2026-05-04', 'over 1 May and a weekend'],
    ['2026-12-31', 1, '2027-01-01', 'holidays are data: a calendar of 2026 alone works 1 January 2027'],
    ['2026-03-10', -1, '2026-03-06', 'backwards over 9 March and the weekend'],
    ['2026-03-26', -1, '2026-03-20', 'backwards over Nauryz'],
    ['2026-03-06', 0, '2026-03-06', 'zero days'],
  ])('from %s, %i working days is %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(KZ_2026, day(from), n)).toBe(expected);
  });

  it('crosses New Year on a calendar that holds both years (2 January 2027, a Saturday, moves to 4 January)', () => {
    expect(addWorkingDays(KZ, day('2026-12-31'), 1)).toBe('2027-01-05');
    expect(workingDaysBetween(KZ, day('2026-12-31'), day('2027-01-05'))).toBe(1);
  });

  it('counts the working days after a date up to and including another', () => {
    expect(workingDaysBetween(KZ_2026, day('2026-03-06'), day('2026-04-02'))).toBe(15);
    expect(workingDaysBetween(KZ_2026, day('2026-03-06'), day('2026-03-06'))).toBe(0);
    expect(workingDaysBetween(KZ_2026, day('2026-03-06'), day('2026-03-09'))).toBe(0);
    expect(workingDaysBetween(KZ_2026, day('2026-03-06'), day('2026-03-10'))).toBe(1);
    expect(workingDaysBetween(KZ_2026, day('2026-04-02'), day('2026-03-06'))).toBe(-15);
  });

  it('lands on a working day whenever it moves', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
        (from, n) => {
          const to = addWorkingDays(KZ, from, n);
          expect(isWorkingDay(KZ, to)).toBe(true);
          expect(n > 0 ? to > from : to < from).toBe(true);
        },
      ),
    );
  });

  it('workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n for n in -40..40 and random dates', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40, max: 40 }), (from, n) => {
        expect(workingDaysBetween(KZ, from, addWorkingDays(KZ, from, n))).toBe(n);
      }),
      { numRuns: 500, examples: [[day('2026-03-07'), -1]] },
    );
  });

  it('the same, forwards from any date', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 40 }), (from, n) => {
        expect(workingDaysBetween(KZ, from, addWorkingDays(KZ, from, n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('the same, backwards from a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40, max: -1 }), (from, n) => {
        fc.pre(isWorkingDay(KZ, from));
        expect(workingDaysBetween(KZ, from, addWorkingDays(KZ, from, n))).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('counts one working day back from a Saturday to the Friday before (the smallest counterexample)', () => {
    expect(addWorkingDays(KZ_2026, day('2026-03-07'), -1)).toBe('2026-03-06');
    expect(workingDaysBetween(KZ_2026, day('2026-03-07'), day('2026-03-06'))).toBe(-1);
  });

  it('gives 0, not −0, when no working day lies between going backwards', () => {
    expect(workingDaysBetween(KZ_2026, day('2026-03-08'), day('2026-03-07'))).toBe(0);
  });
});

describe('working days counted as day numbers', () => {
  // The definition, one calendar day at a time over `YYYY-MM-DD` text: what the day-number arithmetic must equal.
  const textWorked = (calendar: ReturnType<typeof createCalendar>, d: LocalDate): boolean =>
    !calendar.holidays.has(d) &&
    (calendar.workingWeekendDays.has(d) ||
      !calendar.weekendDays.has(new Date(`${d}T00:00:00.000Z`).getUTCDay()));
  const textAdd = (calendar: ReturnType<typeof createCalendar>, from: LocalDate, n: number): LocalDate => {
    let current = from;
    let left = n;
    const step = n >= 0 ? 1 : -1;
    while (left !== 0) {
      current = addDays(current, step);
      if (textWorked(calendar, current)) left -= step;
    }
    return current;
  };
  const calendars = fc
    .record({
      holidays: fc.array(date, { maxLength: 40 }),
      workingWeekendDays: fc.array(date, { maxLength: 10 }),
      weekendDays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 3 }),
    })
    .map((options) => createCalendar(options));

  it('agree with the day-by-day definition on any calendar, date and count', () => {
    fc.assert(
      fc.property(calendars, date, fc.integer({ min: -80, max: 80 }), (calendar, from, n) => {
        const to = addWorkingDays(calendar, from, n);
        expect(to).toBe(textAdd(calendar, from, n));
        expect(isWorkingDay(calendar, from)).toBe(textWorked(calendar, from));
        expect(workingDaysBetween(calendar, from, to)).toBe(n);
      }),
    );
  });

  it('agree before 1970 too, and see holidays added to a calendar after its first use', () => {
    const calendar = createCalendar({ holidays: ['1969-12-31'] });
    expect(isWorkingDay(calendar, day('1969-12-31'))).toBe(false);
    expect(isWorkingDay(calendar, day('1969-12-27'))).toBe(false); // a Saturday
    expect(addWorkingDays(calendar, day('1969-12-29'), 2)).toBe('1970-01-01');
    (calendar.holidays as Set<string>).add('1970-01-01');
    expect(addWorkingDays(calendar, day('1969-12-29'), 2)).toBe('1970-01-02');
  });
});
