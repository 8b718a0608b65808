import type { Policy, PolicyBook } from '../shared/Policy.js';
import { policyFor } from '../shared/Policy.js';
import type { RegionCode } from '../shared/Region.js';
import type { WorkingDayCalendar } from '../shared/WorkingDayCalendar.js';
import { createCalendar, kazakhstanHolidays } from '../shared/WorkingDayCalendar.js';

/**
 * What the deciders need to know beyond a command and a state: each region's working-day calendar and
 * policy. Aggregates are built from it (`citizenReport(environment)`), so deciders stay pure.
 *
 * @category domain
 * @since 0.1.0
 */
export interface DomainEnvironment {
  readonly calendar: (region: RegionCode) => WorkingDayCalendar;
  readonly policy: (region: RegionCode) => Policy;
}

/**
 * Options of {@link domainEnvironment}.
 *
 * @category domain
 * @since 0.1.0
 */
export interface DomainEnvironmentOptions {
  /** Extra holidays for every region (Kurban Ait, decreed days off), `YYYY-MM-DD`. */
  readonly holidays?: readonly string[];
  /** Weekend days worked instead of a moved day off, `YYYY-MM-DD`. */
  readonly workingWeekendDays?: readonly string[];
  /** A region's own calendar, replacing the national one. */
  readonly calendars?: Partial<Record<RegionCode, WorkingDayCalendar>>;
  /** Policy values: national overrides and per-region ones. */
  readonly policies?: PolicyBook;
}

/** The fixed-date holidays of the years a deadline can fall in. */
const FIXED_HOLIDAYS = Array.from({ length: 2045 - 2015 }, (_, i) => kazakhstanHolidays(2015 + i)).flat();

/**
 * Builds a domain environment: Kazakhstan's fixed-date holidays (2015–2044) plus what the options add, and
 * the default policy with the options' overrides.
 *
 * @example
 * import { domainEnvironment } from '@adal/core';
 * const environment = domainEnvironment({
 *   holidays: ['2026-05-27'], // Kurban Ait
 *   policies: { regions: { 'KZ-75': { lowScoreThreshold: 3 } } },
 * });
 *
 * @category domain
 * @since 0.1.0
 */
export const domainEnvironment = (options: DomainEnvironmentOptions = {}): DomainEnvironment => {
  const national = createCalendar({
    holidays: [...FIXED_HOLIDAYS, ...(options.holidays ?? [])],
    workingWeekendDays: options.workingWeekendDays ?? [],
  });
  const book = options.policies ?? {};
  return {
    calendar: (region) => options.calendars?.[region] ?? national,
    policy: (region) => policyFor(book, region),
  };
};

/**
 * The environment with no options: national fixed-date holidays and default policy everywhere.
 *
 * @category domain
 * @since 0.1.0
 */
export const defaultDomainEnvironment: DomainEnvironment = domainEnvironment();
