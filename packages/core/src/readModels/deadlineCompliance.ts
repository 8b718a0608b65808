import * as t from 'io-ts/lib/index.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import { boundedText } from '../primitives.js';
import { percentage } from '../shared/Money.js';
import type { DocumentChange, Projection } from '../Projection.js';
import { defineProjection } from '../Projection.js';
import type { CitizenReportEvent } from '../reports/CitizenReportEvents.js';
import { CitizenReportEvents } from '../reports/CitizenReportEvents.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import { LocalDate as LocalDateCodec, workingDaysBetween } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import { ofKind, regionOf } from './documentTotals.js';

/**
 * The last bucket of the days-to-answer histogram: answers given this many working days or more after the
 * consideration started all land in it. 60 working days is about three months, well past the longest
 * legal term (15 working days, extended once to at most two calendar months).
 *
 * @category read models
 * @since 0.1.0
 */
export const ANSWER_DAYS_CAP = 60;

const Count = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Count');

/**
 * How many answers took each number of working days: index `d` counts the answers given `d` working days
 * after the consideration started, the last index ({@link ANSWER_DAYS_CAP}) those given that many or more.
 *
 * @category read models
 * @since 0.1.0
 */
export const DaysToAnswerHistogram = t.refinement(
  t.readonlyArray(Count),
  (buckets) => buckets.length === ANSWER_DAYS_CAP + 1,
  `DaysToAnswerHistogram(${ANSWER_DAYS_CAP + 1} buckets)`,
);

/**
 * The unit a report is assigned to (`ReportAssigned`'s `unit`), or `null` for the regional office itself:
 * a report registered and not yet assigned, or answered without an assignment.
 *
 * @category read models
 * @since 0.1.0
 */
export const AnsweringUnit = t.union([boundedText(200), t.null], 'AnsweringUnit');

/**
 * The deadline figures of one answering body, as stored. `open` counts reports under consideration
 * (registered or assigned, reopened ones included); `overdue` those of them marked overdue; each answer
 * counts once, on time or late as its event says, and its working days go to the histogram. A reopened
 * report answered again counts a second answer.
 *
 * @category read models
 * @since 0.1.0
 */
export const BodyCompliance = strict(
  {
    unit: AnsweringUnit,
    open: Count,
    overdue: Count,
    answeredOnTime: Count,
    answeredLate: Count,
    daysToAnswer: DaysToAnswerHistogram,
  },
  {},
  'BodyCompliance',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type BodyCompliance = t.TypeOf<typeof BodyCompliance>;

/**
 * A tally of deadline figures: one body's, or several added up with {@link addComplianceTallies}.
 *
 * @category read models
 * @since 0.1.0
 */
export type ComplianceTally = Omit<BodyCompliance, 'unit'>;

/**
 * A region's deadline figures by answering body: document `region:<region>`. Its size grows with the
 * number of bodies, never with the number of reports.
 *
 * @category read models
 * @since 0.1.0
 */
export const RegionCompliance = strict(
  { kind: t.literal('region'), region: Region, bodies: t.readonlyArray(BodyCompliance) },
  {},
  'RegionCompliance',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type RegionCompliance = t.TypeOf<typeof RegionCompliance>;

/**
 * What the projection remembers of one report between its events: document `report:<report stream>`,
 * of a fixed size. Created at registration (or at a reopening of a report never registered), deleted when
 * the report leaves the office for good (redirected, a duplicate, escalated to a case).
 *
 * @category read models
 * @since 0.1.0
 */
export const ReportCompliance = strict(
  {
    kind: t.literal('report'),
    unit: AnsweringUnit,
    open: t.boolean,
    overdue: t.boolean,
    /** The start of the current consideration: the registration, or the latest reopening. */
    consideredFrom: LocalDateCodec,
  },
  {},
  'ReportCompliance',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ReportCompliance = t.TypeOf<typeof ReportCompliance>;

/**
 * A document of the deadline-compliance read model, told apart by `kind`.
 *
 * @category read models
 * @since 0.1.0
 */
export const DeadlineComplianceDocument = t.union(
  [RegionCompliance, ReportCompliance],
  'DeadlineComplianceDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type DeadlineComplianceDocument = t.TypeOf<typeof DeadlineComplianceDocument>;

/**
 * The id of a region's figures: `region:<region>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const regionComplianceId = (region: RegionCode): string => `region:${region}`;

/**
 * The id of a report's working document: `report:<report stream>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const reportComplianceId = (report: string): string => `report:${report}`;

/**
 * A tally with nothing counted.
 *
 * @category read models
 * @since 0.1.0
 */
export const emptyComplianceTally = (): ComplianceTally => ({
  open: 0,
  overdue: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  daysToAnswer: Array.from({ length: ANSWER_DAYS_CAP + 1 }, () => 0),
});

/**
 * Adds tallies up: a region's from its bodies', the nation's from the regions'.
 *
 * @category read models
 * @since 0.1.0
 */
export const addComplianceTallies = (tallies: Iterable<ComplianceTally>): ComplianceTally => {
  const sum = emptyComplianceTally();
  const days = [...sum.daysToAnswer];
  let { open, overdue, answeredOnTime, answeredLate } = sum;
  for (const tally of tallies) {
    open += tally.open;
    overdue += tally.overdue;
    answeredOnTime += tally.answeredOnTime;
    answeredLate += tally.answeredLate;
    tally.daysToAnswer.forEach((count, index) => {
      const bucket = Math.min(index, ANSWER_DAYS_CAP);
      days[bucket] = (days[bucket] ?? 0) + count;
    });
  }
  return { open, overdue, answeredOnTime, answeredLate, daysToAnswer: days };
};

/**
 * A median read from a histogram: `workingDays`, and `atLeast` when a middle answer lies in the last,
 * open-ended bucket (the median is then at least `workingDays`).
 *
 * @category read models
 * @since 0.1.0
 */
export interface MedianDays {
  readonly workingDays: number;
  readonly atLeast: boolean;
}

/**
 * The median of the values a histogram counts (index = value; the last index stands for itself or more):
 * the middle value of an odd count, the mean of the two middle ones of an even count, `undefined` when the
 * histogram is empty.
 *
 * @example
 * import { medianOfHistogram } from '@adal/core';
 * medianOfHistogram([0, 2, 0, 1]); // { workingDays: 1, atLeast: false }   (1, 1, 3)
 * medianOfHistogram([0, 1, 0, 1]); // { workingDays: 2, atLeast: true }    (1, 3 or more)
 *
 * @category read models
 * @since 0.1.0
 */
export const medianOfHistogram = (histogram: readonly number[]): MedianDays | undefined => {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const last = histogram.length - 1;
  // The k-th smallest value (0-based), walking the cumulative counts.
  const nth = (k: number): number => {
    let seen = 0;
    for (const [value, count] of histogram.entries()) {
      seen += count;
      if (seen > k) return value;
    }
    return last;
  };
  const low = nth(Math.floor((total - 1) / 2));
  const high = nth(Math.floor(total / 2));
  return { workingDays: (low + high) / 2, atLeast: high === last };
};

/**
 * The share of deadlines kept, in percent to one decimal, as `domain/model.md` defines it: answers on time
 * over every answer plus the open reports already overdue; `undefined` when there is nothing to judge yet.
 *
 * @example
 * import { onTimePercent } from '@adal/core';
 * // 6 answered on time, 2 late, 2 open and overdue: 6 / (8 + 2) = 60 %
 * onTimePercent({ answeredOnTime: 6, answeredLate: 2, overdue: 2 }); // 60
 *
 * @category read models
 * @since 0.1.0
 */
export const onTimePercent = (
  tally: Pick<ComplianceTally, 'answeredOnTime' | 'answeredLate' | 'overdue'>,
): number | undefined => {
  const judged = tally.answeredOnTime + tally.answeredLate + tally.overdue;
  return judged === 0 ? undefined : percentage(BigInt(tally.answeredOnTime), BigInt(judged), 1);
};

/** The events that change the figures; the others leave every document as it is. */
const COUNTED = new Set<CitizenReportEvent['type']>([
  'ReportRegistered',
  'ReportAssigned',
  'ReportMarkedOverdue',
  'ReportAnswered',
  'ReportRedirected',
  'ReportMarkedDuplicate',
  'ReportRejected',
  'ReportEscalatedToCase',
  'ReportWithdrawn',
  'ReportReopened',
]);

/**
 * Builds the deadline-compliance projection over an environment: a report's working days to answer count
 * on its region's calendar, from the start of its consideration (registration, or the latest reopening)
 * to the day of the answer.
 *
 * The answering body is the unit the report was last assigned to, or the regional office while it has
 * none. A reassigned open report moves to its new unit, with its overdue flag; answers stay with the unit
 * that gave them. A report's region is the one its stream name carries, as in the reports map.
 *
 * @example
 * import { deadlineCompliance, domainEnvironment } from '@adal/core';
 * const projection = deadlineCompliance(domainEnvironment({ holidays: ['2026-05-27'] }));
 * // projectEvents(projection, events) // Right(Map { 'region:KZ-71' => { kind: 'region', bodies: [...] }, … })
 *
 * @category read models
 * @since 0.1.0
 */
export const deadlineCompliance = (environment: DomainEnvironment) =>
  defineProjection({
    name: 'deadline-compliance',
    version: 1,
    sources: { report: CitizenReportEvents },
    document: DeadlineComplianceDocument,
    reads: (event, recorded) => {
      const region = regionOf(recorded);
      if (region === undefined || !COUNTED.has(event.type)) return [];
      return [reportComplianceId(recorded.streamName), regionComplianceId(region)];
    },
    apply: (event, recorded, documents): readonly DocumentChange<DeadlineComplianceDocument>[] => {
      const region = regionOf(recorded);
      if (region === undefined) return [];
      const reportId = reportComplianceId(recorded.streamName);
      const regionId = regionComplianceId(region);
      const before = ofKind(documents(reportId), 'report');
      const step = evolveReport(before, event, (from, to) =>
        workingDaysBetween(environment.calendar(region), from, to),
      );
      if (step.after === before && step.answer === undefined) return [];
      const changes: DocumentChange<DeadlineComplianceDocument>[] = [
        step.after === undefined
          ? { op: 'delete', id: reportId }
          : { op: 'put', id: reportId, document: step.after },
      ];
      // Only an open report, or an answer, counts in the region's figures.
      if (before?.open === true || step.after?.open === true || step.answer !== undefined) {
        const figures = ofKind(documents(regionId), 'region') ?? {
          kind: 'region' as const,
          region,
          bodies: [],
        };
        const document = refigure(figures, before, step.after, step.answer);
        changes.push({ op: 'put', id: regionId, document });
      }
      return changes;
    },
  });

/**
 * Deadline compliance with the default environment (national holidays).
 *
 * @category read models
 * @since 0.1.0
 */
export const DEADLINE_COMPLIANCE: Projection<
  { readonly report: typeof CitizenReportEvents },
  DeadlineComplianceDocument
> = deadlineCompliance(defaultDomainEnvironment);

interface Answer {
  readonly unit: string | null;
  readonly late: boolean;
  readonly workingDays: number;
}

interface Step {
  /** The report's document after the event (`undefined`: deleted, or never created). */
  readonly after: ReportCompliance | undefined;
  readonly answer?: Answer;
}

const evolveReport = (
  report: ReportCompliance | undefined,
  event: CitizenReportEvent,
  workingDays: (from: LocalDate, to: LocalDate) => number,
): Step => {
  switch (event.type) {
    case 'ReportRegistered':
      return report !== undefined
        ? { after: report }
        : {
            after: {
              kind: 'report',
              unit: null,
              open: true,
              overdue: false,
              consideredFrom: event.data.registeredOn,
            },
          };
    case 'ReportReopened':
      // A reopened report is considered anew, by the unit that had it (or the office): a new term and a
      // new count of days.
      return {
        after: {
          kind: 'report',
          unit: report?.unit ?? null,
          open: true,
          overdue: false,
          consideredFrom: event.data.reopenedOn,
        },
      };
    case 'ReportAssigned':
      return { after: report === undefined ? report : { ...report, unit: event.data.unit } };
    case 'ReportMarkedOverdue':
      return { after: report?.open === true && !report.overdue ? { ...report, overdue: true } : report };
    case 'ReportAnswered': {
      if (report?.open !== true) return { after: report };
      const days = Math.max(0, workingDays(report.consideredFrom, event.data.answeredOn));
      return {
        after: { ...report, open: false, overdue: false },
        answer: { unit: report.unit, late: event.data.late, workingDays: days },
      };
    }
    case 'ReportRejected':
    case 'ReportWithdrawn':
      // Both may be reopened after a complaint: the report's document stays for that.
      return { after: report?.open === true ? { ...report, open: false, overdue: false } : report };
    case 'ReportRedirected':
    case 'ReportMarkedDuplicate':
    case 'ReportEscalatedToCase':
      return { after: undefined };
    default:
      return { after: report };
  }
};

// The region's figures change by what the report counted for before, what it counts for now, and the
// answer the event gave, if any: every transition keeps `open` and `overdue` equal to the reports' flags.
const refigure = (
  figures: RegionCompliance,
  before: ReportCompliance | undefined,
  after: ReportCompliance | undefined,
  answer: Answer | undefined,
): RegionCompliance => {
  const bodies = new Map<string | null, ComplianceTally>(
    figures.bodies.map(({ unit, ...tally }) => [unit, tally]),
  );
  const change = (unit: string | null, update: (tally: ComplianceTally) => ComplianceTally) =>
    bodies.set(unit, update(bodies.get(unit) ?? emptyComplianceTally()));
  const count = (report: ReportCompliance | undefined, sign: 1 | -1) => {
    if (report?.open !== true) return;
    change(report.unit, (tally) => ({
      ...tally,
      open: tally.open + sign,
      overdue: tally.overdue + (report.overdue ? sign : 0),
    }));
  };
  count(before, -1);
  count(after, 1);
  if (answer !== undefined) {
    change(answer.unit, (tally) => {
      const days = [...tally.daysToAnswer];
      const bucket = Math.min(answer.workingDays, ANSWER_DAYS_CAP);
      days[bucket] = (days[bucket] ?? 0) + 1;
      return answer.late
        ? { ...tally, answeredLate: tally.answeredLate + 1, daysToAnswer: days }
        : { ...tally, answeredOnTime: tally.answeredOnTime + 1, daysToAnswer: days };
    });
  }
  // Bodies in a stable order (the office first, then units by name), without those left with nothing: a
  // unit whose only report was reassigned elsewhere drops out.
  const kept = [...bodies]
    .filter(([, tally]) => !isEmpty(tally))
    .sort(([a], [b]) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
    .map(([unit, tally]) => ({ unit, ...tally }));
  return { ...figures, bodies: kept };
};

const isEmpty = (tally: ComplianceTally): boolean =>
  tally.open === 0 &&
  tally.overdue === 0 &&
  tally.answeredOnTime === 0 &&
  tally.answeredLate === 0 &&
  tally.daysToAnswer.every((count) => count === 0);
