import * as t from 'io-ts/lib/index.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { DocumentChange, Projection } from '../Projection.js';
import { defineProjection } from '../Projection.js';
import type { RecordedEvent } from '../RecordedEvent.js';
import type { ReportStatus } from '../reports/CitizenReport.js';
import type { CitizenReportEvent } from '../reports/CitizenReportEvents.js';
import {
  CitizenReportEvents,
  ReportCategory,
  ReportChannel,
  ReportOutcome,
} from '../reports/CitizenReportEvents.js';
import { coarsen } from '../shared/GeoPoint.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import { LocalDate, localDate } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import { ofKind, regionOf } from './documentTotals.js';

/**
 * The status a report shows on the public map: the aggregate's status of a submitted report (overdue is a
 * flag beside it, as in the aggregate).
 *
 * @example
 * import { ReportMapStatus } from '@adal/core';
 * ReportMapStatus.is('assigned'); // true
 * ReportMapStatus.is('none'); // false
 *
 * @category read models
 * @since 0.1.0
 */
export const ReportMapStatus = t.keyof(
  {
    submitted: null,
    registered: null,
    assigned: null,
    answered: null,
    closed: null,
    redirected: null,
    duplicate: null,
    rejected: null,
    escalated: null,
    withdrawn: null,
  },
  'ReportMapStatus',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ReportMapStatus = t.TypeOf<typeof ReportMapStatus>;

// The map's statuses are exactly the aggregate's, less `none`: a status added to one and not the other
// fails to compile here.
const sameStatuses: [Exclude<ReportStatus, 'none'>, ReportMapStatus] extends [
  ReportMapStatus,
  Exclude<ReportStatus, 'none'>,
]
  ? true
  : never = true;
void sameStatuses;

/**
 * Every status of the map, in the order of the report's life.
 *
 * @category read models
 * @since 0.1.0
 */
export const REPORT_MAP_STATUSES = Object.keys(ReportMapStatus.keys) as readonly ReportMapStatus[];

/**
 * Every category of report.
 *
 * @category read models
 * @since 0.1.0
 */
export const REPORT_CATEGORIES = Object.keys(ReportCategory.keys) as readonly ReportCategory[];

const Count = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Count');

const Degrees = (name: string, limit: number) =>
  t.refinement(t.number, (n) => Number.isFinite(n) && Math.abs(n) <= limit, name);

/**
 * A point as the public map shows it: WGS84 degrees, already coarsened (the policy's
 * `publicCoordinateDecimals`, 3 by default: about 100 m). Not a `GeoPoint`: rounding may take a point
 * on the edge of the country's box a little over it.
 *
 * @category read models
 * @since 0.1.0
 */
export const PublicPoint = strict(
  { lat: Degrees('Latitude', 90), lon: Degrees('Longitude', 180) },
  {},
  'PublicPoint',
);

/**
 * One report on the public map: document `<region>:<report stream>`, so a region's reports list by prefix.
 *
 * It holds only what the public may see: region, status, category, channel, the day of submission, the
 * coarsened point, the overdue flag, the due date and the outcome of a closed report. Never the precise
 * point, the reporter (identified or anonymous), the description (free text that may name people), the
 * evidence or the budget object's fields, all typed in by the reporter and not moderated.
 *
 * @category read models
 * @since 0.1.0
 */
export const ReportMapFeature = strict(
  {
    kind: t.literal('report'),
    /** The report's id (its stream name). */
    report: t.string,
    region: Region,
    status: ReportMapStatus,
    category: ReportCategory,
    channel: ReportChannel,
    submittedOn: LocalDate,
    point: PublicPoint,
    /** Marked overdue and not answered yet: by law a refusal, until it is answered or leaves the office. */
    overdue: t.boolean,
  },
  { dueOn: LocalDate, outcome: ReportOutcome },
  'ReportMapFeature',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ReportMapFeature = t.TypeOf<typeof ReportMapFeature>;

const countsOf = <K extends string>(keys: { readonly [P in K]: null }, name: string) =>
  strict(
    Object.fromEntries(Object.keys(keys).map((key) => [key, Count])) as { readonly [P in K]: typeof Count },
    {},
    name,
  );

/**
 * A region's reports counted: document `count:<region>`. `byStatus` and `byCategory` name every status
 * and category (zeros included), each summing to `total`; `overdue` counts the reports flagged overdue.
 *
 * @category read models
 * @since 0.1.0
 */
export const ReportMapCounts = strict(
  {
    kind: t.literal('count'),
    region: Region,
    total: Count,
    overdue: Count,
    byStatus: countsOf(ReportMapStatus.keys, 'ReportCountsByStatus'),
    byCategory: countsOf(ReportCategory.keys, 'ReportCountsByCategory'),
  },
  {},
  'ReportMapCounts',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ReportMapCounts = t.TypeOf<typeof ReportMapCounts>;

/**
 * A document of the reports map: a report or a region's counts, told apart by `kind`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ReportsMapDocument = t.union([ReportMapFeature, ReportMapCounts], 'ReportsMapDocument');

/**
 * @category read models
 * @since 0.1.0
 */
export type ReportsMapDocument = t.TypeOf<typeof ReportsMapDocument>;

/**
 * The id of a report's map document: `<region>:<report>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const reportMapFeatureId = (region: RegionCode, report: string): string => `${region}:${report}`;

/**
 * The id of a region's counts: `count:<region>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const reportMapCountsId = (region: RegionCode): string => `count:${region}`;

/**
 * The counts of a region without reports.
 *
 * @category read models
 * @since 0.1.0
 */
export const emptyReportMapCounts = (region: RegionCode): ReportMapCounts => ({
  kind: 'count',
  region,
  total: 0,
  overdue: 0,
  byStatus: zeros(REPORT_MAP_STATUSES),
  byCategory: zeros(REPORT_CATEGORIES),
});

/** The events that leave the map as it is. */
const UNSEEN = new Set<CitizenReportEvent['type']>([
  'EvidenceAttached',
  'ReporterNotifiedOfExtension',
  'FollowUpPosted',
]);

/**
 * Builds the reports-map projection over an environment, whose policy says how many decimals of a point
 * the public sees (`publicCoordinateDecimals`, per region). A changed policy changes the documents: rebuild
 * the read model (or bump the version) when it changes.
 *
 * A report's region is the one its stream name carries (`report-<region>-<id>`, as the client names a
 * report after the region it is submitted in): every event then finds its documents without a lookup.
 * Events of a stream whose name carries no region code (`KZ-00`) are not shown.
 *
 * @example
 * import { domainEnvironment, projectEvents, reportsMap } from '@adal/core';
 * const projection = reportsMap(domainEnvironment({ policies: { defaults: { publicCoordinateDecimals: 2 } } }));
 * // projectEvents(projection, events) // Right(Map { 'KZ-71:report-KZ-71-…' => { kind: 'report', … } })
 *
 * @category read models
 * @since 0.1.0
 */
export const reportsMap = (environment: DomainEnvironment) =>
  defineProjection({
    name: 'reports-map',
    version: 1,
    sources: { report: CitizenReportEvents },
    document: ReportsMapDocument,
    reads: (event, recorded) => {
      const region = regionOf(recorded);
      if (region === undefined || UNSEEN.has(event.type)) return [];
      return [reportMapFeatureId(region, recorded.streamName), reportMapCountsId(region)];
    },
    apply: (event, recorded, documents): readonly DocumentChange<ReportsMapDocument>[] => {
      const region = regionOf(recorded);
      if (region === undefined) return [];
      const id = reportMapFeatureId(region, recorded.streamName);
      const countsId = reportMapCountsId(region);
      const before = ofKind(documents(id), 'report');
      const after = evolveFeature(before, event, recorded, region, environment);
      if (after === undefined || after === before) return [];
      const counts = ofKind(documents(countsId), 'count') ?? emptyReportMapCounts(region);
      return [
        { op: 'put', id, document: after },
        { op: 'put', id: countsId, document: recount(counts, before, after) },
      ];
    },
  });

/**
 * The reports map with the default environment (3 decimals of public coordinates everywhere).
 *
 * @category read models
 * @since 0.1.0
 */
export const REPORTS_MAP: Projection<{ readonly report: typeof CitizenReportEvents }, ReportsMapDocument> =
  reportsMap(defaultDomainEnvironment);

const evolveFeature = (
  feature: ReportMapFeature | undefined,
  event: CitizenReportEvent,
  recorded: RecordedEvent,
  region: RegionCode,
  environment: DomainEnvironment,
): ReportMapFeature | undefined => {
  if (event.type === 'ReportSubmitted') {
    if (feature !== undefined) return feature;
    return {
      kind: 'report',
      report: recorded.streamName,
      region,
      status: 'submitted',
      category: event.data.category,
      channel: event.data.channel,
      // The day only: the time of day would help tell who was at the place.
      submittedOn: localDate(event.data.at),
      point: coarsen(event.data.point, environment.policy(region).publicCoordinateDecimals),
      overdue: false,
    };
  }
  if (feature === undefined) return undefined;
  switch (event.type) {
    case 'ReportRegistered':
      return { ...feature, status: 'registered', dueOn: event.data.dueOn };
    case 'ReportAssigned':
      return feature.status === 'assigned' ? feature : { ...feature, status: 'assigned' };
    case 'DeadlineExtended':
      return { ...feature, dueOn: event.data.newDueOn };
    case 'ReportRedirected':
      return leaveOpen(feature, 'redirected');
    case 'ReportAnswered':
      return leaveOpen(feature, 'answered');
    case 'ReportClosed':
      return { ...leaveOpen(feature, 'closed'), outcome: event.data.outcome };
    case 'ReportMarkedDuplicate':
      return leaveOpen(feature, 'duplicate');
    case 'ReportRejected':
      return leaveOpen(feature, 'rejected');
    case 'ReportEscalatedToCase':
      return leaveOpen(feature, 'escalated');
    case 'ReportWithdrawn':
      return leaveOpen(feature, 'withdrawn');
    case 'ReportReopened': {
      const { outcome: _outcome, ...rest } = feature;
      return { ...rest, status: 'assigned', dueOn: event.data.dueOn, overdue: false };
    }
    case 'ReportMarkedOverdue':
      return feature.overdue ? feature : { ...feature, overdue: true };
    case 'EvidenceAttached':
    case 'ReporterNotifiedOfExtension':
    case 'FollowUpPosted':
      return feature;
  }
};

// A report that leaves consideration (answered, or one of the side exits) is no longer waiting, so no longer
// overdue; whether its answer came late is the deadline-compliance read model's business.
const leaveOpen = (feature: ReportMapFeature, status: ReportMapStatus): ReportMapFeature => ({
  ...feature,
  status,
  overdue: false,
});

// Counts change by what the report counted for before and what it counts for now, so every transition
// (including one the aggregate adds later) keeps `byStatus` and `byCategory` summing to `total`.
const recount = (
  counts: ReportMapCounts,
  before: ReportMapFeature | undefined,
  after: ReportMapFeature,
): ReportMapCounts => {
  const byStatus = { ...counts.byStatus };
  const byCategory = { ...counts.byCategory };
  let { total, overdue } = counts;
  if (before !== undefined) {
    byStatus[before.status] -= 1;
    byCategory[before.category] -= 1;
    total -= 1;
    if (before.overdue) overdue -= 1;
  }
  byStatus[after.status] += 1;
  byCategory[after.category] += 1;
  total += 1;
  if (after.overdue) overdue += 1;
  return { ...counts, total, overdue, byStatus, byCategory };
};

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}
