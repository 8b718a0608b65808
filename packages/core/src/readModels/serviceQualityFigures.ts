import * as t from 'io-ts/lib/index.js';
import { FlagResolution } from '../ratings/ServiceRatingEvents.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import { LocalDate as LocalDateCodec } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';

const Count = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0,
  'Count (a whole number, 0 or more)',
);

/**
 * How many buckets the histogram of response times has: 0, 1, … 14 working days, and a last bucket for 15
 * or more.
 *
 * @category read models
 * @since 0.1.0
 */
export const RESPONSE_DAYS_BUCKETS = 16;

const Histogram = t.refinement(
  t.readonlyArray(Count),
  (buckets) => buckets.length === RESPONSE_DAYS_BUCKETS,
  `ResponseDaysHistogram (${RESPONSE_DAYS_BUCKETS} counts)`,
);

/**
 * The fields of {@link ServiceQualityFigures}, for the documents that hold them beside their own.
 *
 * @category read models
 * @since 0.1.0
 */
export const serviceQualityFigureFields = {
  /** Ratings given, each counted once with its current score (after the latest correction). */
  ratings: Count,
  /** The sum of the current scores: the mean is `scoreSum / ratings`, exact. */
  scoreSum: Count,
  /** How many ratings have each score. */
  distribution: strict({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }, {}, 'ScoreDistribution'),
  /** Ratings whose current score is at or below the region's threshold. */
  lowScores: Count,
  /** Ratings that say an informal payment was demanded. */
  informalPayments: Count,
  /** Ratings corrected at least once. */
  corrected: Count,
  /** Violations flagged; open, and resolved by resolution. They add up: raised = open + the three resolved. */
  flagsRaised: Count,
  flagsOpen: Count,
  flagsConfirmed: Count,
  flagsNotConfirmed: Count,
  flagsReferred: Count,
  /** Response deadlines started (by a low score or a flag): still open, or answered on time or late. */
  deadlinesStarted: Count,
  deadlinesOpen: Count,
  respondedOnTime: Count,
  respondedLate: Count,
  /** How many responses took 0, 1, … working days (the last bucket: that many or more), and their sum. */
  responseDays: Histogram,
  responseWorkingDaysSum: Count,
  /** The due dates of the open deadlines, in date order: what is overdue on a given day. */
  openDeadlines: t.readonlyArray(strict({ dueOn: LocalDateCodec, count: Count }, {}, 'OpenDeadlines')),
};

/**
 * The figures of the service-quality read model, for a region, a service in a region, or a provider.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityFigures = strict(serviceQualityFigureFields, {}, 'ServiceQualityFigures');

/**
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityFigures = t.TypeOf<typeof ServiceQualityFigures>;

/**
 * Figures that are all zero.
 *
 * @category read models
 * @since 0.1.0
 */
export const emptyServiceQualityFigures: ServiceQualityFigures = {
  ratings: 0,
  scoreSum: 0,
  distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
  lowScores: 0,
  informalPayments: 0,
  corrected: 0,
  flagsRaised: 0,
  flagsOpen: 0,
  flagsConfirmed: 0,
  flagsNotConfirmed: 0,
  flagsReferred: 0,
  deadlinesStarted: 0,
  deadlinesOpen: 0,
  respondedOnTime: 0,
  respondedLate: 0,
  responseDays: Array.from({ length: RESPONSE_DAYS_BUCKETS }, () => 0),
  responseWorkingDaysSum: 0,
  openDeadlines: [],
};

type CountFigure = {
  [K in keyof ServiceQualityFigures]: ServiceQualityFigures[K] extends number ? K : never;
}[keyof ServiceQualityFigures];
const COUNT_FIGURES = Object.keys(emptyServiceQualityFigures).filter(
  (key): key is CountFigure => typeof emptyServiceQualityFigures[key as CountFigure] === 'number',
);

/**
 * Adds two sets of figures (`sign` -1 subtracts the second): how a national view merges regions.
 *
 * @category read models
 * @since 0.1.0
 */
export const addServiceQualityFigures = (
  a: ServiceQualityFigures,
  b: ServiceQualityFigures,
  sign: 1 | -1 = 1,
): ServiceQualityFigures => {
  const counts = Object.fromEntries(COUNT_FIGURES.map((key) => [key, a[key] + sign * b[key]])) as Record<
    CountFigure,
    number
  >;
  const due = new Map<string, number>();
  for (const { dueOn, count } of a.openDeadlines) due.set(dueOn, (due.get(dueOn) ?? 0) + count);
  for (const { dueOn, count } of b.openDeadlines) due.set(dueOn, (due.get(dueOn) ?? 0) + sign * count);
  return {
    ...counts,
    distribution: {
      1: a.distribution[1] + sign * b.distribution[1],
      2: a.distribution[2] + sign * b.distribution[2],
      3: a.distribution[3] + sign * b.distribution[3],
      4: a.distribution[4] + sign * b.distribution[4],
      5: a.distribution[5] + sign * b.distribution[5],
    },
    responseDays: a.responseDays.map((n, i) => n + sign * (b.responseDays[i] ?? 0)),
    openDeadlines: [...due.entries()]
      .filter(([, count]) => count !== 0)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([dueOn, count]) => ({ dueOn: dueOn as LocalDate, count })),
  };
};

/**
 * What the figures count of one rating: its current score and verdict, its open deadline, its flags and
 * the responses that closed a deadline.
 *
 * @category read models
 * @since 0.1.0
 */
export interface CountedRatingFacts {
  readonly score: number;
  readonly lowScore: boolean;
  readonly informalPayment: boolean;
  readonly corrected: boolean;
  readonly deadline: { readonly dueOn: LocalDate } | null;
  readonly flags: readonly { readonly resolution: t.TypeOf<typeof FlagResolution> | null }[];
  readonly responses: readonly { readonly onTime: boolean; readonly workingDaysTaken: number }[];
}

/**
 * What one rating adds to the figures of its region, service and provider. Every figure is the sum of this
 * over the ratings (which is how the projection keeps them, and how a test checks them).
 *
 * @category read models
 * @since 0.1.0
 */
export const serviceQualityContribution = (rating: CountedRatingFacts): ServiceQualityFigures => {
  const one = (yes: boolean): number => (yes ? 1 : 0);
  const flagged = (resolution: t.TypeOf<typeof FlagResolution> | null) =>
    rating.flags.filter((flag) => flag.resolution === resolution).length;
  const onTime = rating.responses.filter((response) => response.onTime).length;
  const responseDays = Array.from({ length: RESPONSE_DAYS_BUCKETS }, () => 0);
  for (const { workingDaysTaken } of rating.responses) {
    const bucket = Math.min(workingDaysTaken, RESPONSE_DAYS_BUCKETS - 1);
    responseDays[bucket] = (responseDays[bucket] ?? 0) + 1;
  }
  return {
    ratings: 1,
    scoreSum: rating.score,
    distribution: { ...emptyServiceQualityFigures.distribution, [rating.score]: 1 },
    lowScores: one(rating.lowScore),
    informalPayments: one(rating.informalPayment),
    corrected: one(rating.corrected),
    flagsRaised: rating.flags.length,
    flagsOpen: flagged(null),
    flagsConfirmed: flagged('violationConfirmed'),
    flagsNotConfirmed: flagged('notConfirmed'),
    flagsReferred: flagged('referredForInvestigation'),
    deadlinesStarted: rating.responses.length + one(rating.deadline !== null),
    deadlinesOpen: one(rating.deadline !== null),
    respondedOnTime: onTime,
    respondedLate: rating.responses.length - onTime,
    responseDays,
    responseWorkingDaysSum: rating.responses.reduce((sum, response) => sum + response.workingDaysTaken, 0),
    openDeadlines: rating.deadline === null ? [] : [{ dueOn: rating.deadline.dueOn, count: 1 }],
  };
};

/**
 * Figures a portal shows beside the counts: the mean score (`null` without ratings), the share of responses
 * on time (`null` without responses), the mean and median working days a response took, and how many open
 * deadlines are overdue on `asOf` (due before it).
 *
 * @example
 * import { emptyServiceQualityFigures, serviceQualitySummary } from '@adal/core';
 * serviceQualitySummary(emptyServiceQualityFigures).meanScore; // null
 *
 * @category read models
 * @since 0.1.0
 */
export const serviceQualitySummary = (
  figures: ServiceQualityFigures,
  asOf?: LocalDate,
): {
  readonly meanScore: number | null;
  readonly onTimeShare: number | null;
  readonly meanResponseWorkingDays: number | null;
  readonly medianResponseWorkingDays: number | null;
  readonly deadlinesOverdue: number | null;
} => {
  const responded = figures.respondedOnTime + figures.respondedLate;
  return {
    meanScore: figures.ratings === 0 ? null : figures.scoreSum / figures.ratings,
    onTimeShare: responded === 0 ? null : figures.respondedOnTime / responded,
    meanResponseWorkingDays: responded === 0 ? null : figures.responseWorkingDaysSum / responded,
    medianResponseWorkingDays: median(figures.responseDays),
    deadlinesOverdue:
      asOf === undefined
        ? null
        : figures.openDeadlines.filter((d) => d.dueOn < asOf).reduce((sum, d) => sum + d.count, 0),
  };
};

/** The lower median of a histogram (the bucket of the middle response), `null` when it is empty. */
const median = (histogram: readonly number[]): number | null => {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [days, n] of histogram.entries()) {
    seen += n;
    if (seen * 2 >= total) return days;
  }
  return histogram.length - 1;
};
