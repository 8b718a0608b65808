import type {
  ReadModelStore,
  RegionCode,
  ReportMapStatus,
  StoreUnavailable,
  ValidationError,
} from '@adal/core';
import {
  emptyReportMapCounts,
  MAX_DOCUMENT_PAGE,
  Region,
  REGION_CODES,
  REPORT_CATEGORIES,
  REPORT_MAP_STATUSES,
  ReportCategory,
  ReportMapCounts,
  ReportMapFeature,
  ReportMapStatus as StatusCodec,
  REPORTS_MAP,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts/lib/index.js';
import type { ReadModelDocumentInvalid } from './readModelDocuments.js';
import { checkInput, documentPages } from './readModelDocuments.js';

/**
 * What the public map shows of a report, as the `properties` of its GeoJSON feature. No precise point,
 * reporter, description or evidence: the read model never holds them.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReportFeatureProperties {
  readonly region: RegionCode;
  readonly status: ReportMapStatus;
  readonly category: ReportCategory;
  readonly channel: ReportMapFeature['channel'];
  /** The day of submission, `YYYY-MM-DD` in Kazakhstan. */
  readonly submittedOn: string;
  readonly overdue: boolean;
  readonly dueOn?: string;
  readonly outcome?: NonNullable<ReportMapFeature['outcome']>;
}

/**
 * One report on the map: an RFC 7946 Feature with a Point at its coarsened coordinates, `[lon, lat]`.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReportFeature {
  readonly type: 'Feature';
  /** The report's id (its stream name), as the portal's report page takes it. */
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: ReportFeatureProperties;
}

/**
 * The reports on the map: an RFC 7946 FeatureCollection, ready for a map library.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReportFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly ReportFeature[];
}

/**
 * Which reports to show. Each field narrows the list; `status` and `category` take one value or a list of
 * them; `bbox` is `[west, south, east, north]` in degrees (RFC 7946's order). Fields are checked at run
 * time, so a portal may pass what a request gave it.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReportsMapFilter {
  readonly region?: string;
  readonly status?: string | readonly string[];
  readonly category?: string | readonly string[];
  readonly bbox?: readonly number[];
}

/**
 * A region's reports counted, by status and by category.
 *
 * @category read models
 * @since 0.1.0
 */
export type RegionReportCounts = Omit<ReportMapCounts, 'kind'>;

/**
 * Why a map query gave no answer: a bad filter (named by field), an unreachable store, or a stored document
 * that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type ReportsMapQueryError = ValidationError | StoreUnavailable | ReadModelDocumentInvalid;

/**
 * The questions the reports map answers.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReportsMapQueries {
  /** The reports that match the filter, as GeoJSON (every report without a filter). */
  readonly features: (
    filter?: ReportsMapFilter,
  ) => TE.TaskEither<ReportsMapQueryError, ReportFeatureCollection>;
  /** Every region's counts, in the order of {@link REGION_CODES} (zeros for a region without reports). */
  readonly countsByRegion: () => TE.TaskEither<ReportsMapQueryError, readonly RegionReportCounts[]>;
}

/** One value of a codec, or a non-empty list of them; a bad value is reported with the values allowed. */
const oneOrMore = <A extends string>(codec: t.Type<A, string, unknown>, allowed: readonly A[]) => {
  const one = (u: unknown, c: t.Context) =>
    codec.is(u)
      ? t.success(u)
      : t.failure<A>(u, c, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(u) ?? String(u)}`);
  return new t.Type<A | readonly A[], unknown, unknown>(
    `${codec.name} | ${codec.name}[]`,
    (u): u is A | readonly A[] => codec.is(u) || (Array.isArray(u) && u.length > 0 && u.every(codec.is)),
    (u, c) => {
      if (!Array.isArray(u)) return one(u, c);
      if (u.length === 0) return t.failure(u, c, `expected at least one of ${allowed.join(', ')}`);
      const errors: t.Errors = [];
      const values: A[] = [];
      u.forEach((value: unknown, index) => {
        const result = one(value, [...c, { key: String(index), type: codec, actual: value }]);
        if (E.isLeft(result)) errors.push(...result.left);
        else values.push(result.right);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(values);
    },
    t.identity,
  );
};

/** `[west, south, east, north]`: four finite degrees, west not east of east, south not north of north. */
const Bbox = new t.Type<readonly [number, number, number, number], unknown, unknown>(
  'Bbox',
  (u): u is readonly [number, number, number, number] => bboxProblem(u) === undefined,
  (u, c) => {
    const problem = bboxProblem(u);
    return problem === undefined
      ? t.success(u as readonly [number, number, number, number])
      : t.failure(u, c, problem);
  },
  t.identity,
);

const bboxProblem = (u: unknown): string | undefined => {
  if (
    !Array.isArray(u) ||
    u.length !== 4 ||
    !u.every((n: unknown) => typeof n === 'number' && Number.isFinite(n))
  ) {
    return `expected [west, south, east, north] in degrees, got ${JSON.stringify(u) ?? String(u)}`;
  }
  const [west, south, east, north] = u as [number, number, number, number];
  if ([west, east].some((lon) => lon < -180 || lon > 180))
    return `longitudes must lie from -180 to 180, got west ${west} and east ${east}`;
  if ([south, north].some((lat) => lat < -90 || lat > 90))
    return `latitudes must lie from -90 to 90, got south ${south} and north ${north}`;
  if (west > east) return `west (${west}) must not be east of east (${east})`;
  if (south > north) return `south (${south}) must not be north of north (${north})`;
  return undefined;
};

const Filter = strict(
  {},
  {
    region: Region,
    status: oneOrMore(StatusCodec, REPORT_MAP_STATUSES),
    category: oneOrMore(ReportCategory, REPORT_CATEGORIES),
    bbox: Bbox,
  },
  'ReportsMapFilter',
);

/**
 * Queries over the reports map read model ({@link REPORTS_MAP}) in a read-model store, kept up to date by a
 * projection runner. A region's reports are read by id prefix, status and category by field; the box is
 * applied to the coarsened points after. Bad filters are returned as a `ValidationError` naming the field,
 * never thrown.
 *
 * @example
 * import { reportsMapQueries } from '@adal/client';
 * const map = reportsMapQueries(readModels);
 * const overdue = await map.features({ region: 'KZ-71', status: ['registered', 'assigned'] })();
 * // Right({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [71.431, 51.128] }, … }] })
 *
 * @category read models
 * @since 0.1.0
 */
export const reportsMapQueries = (readModels: Pick<ReadModelStore, 'findDocuments'>): ReportsMapQueries => {
  const documents = documentPages(readModels, REPORTS_MAP.name);

  const features: ReportsMapQueries['features'] =
    (filter = {}) =>
    async () => {
      const input = checkInput(Filter, filter);
      if (E.isLeft(input)) return input;
      const { region, status, category, bbox } = input.right;
      const found = await documents.all(ReportMapFeature, {
        // The counts documents (`count:<region>`) never match `kind: 'report'`, nor a region's prefix.
        ...(region === undefined ? {} : { prefix: `${region}:` }),
        where: {
          kind: 'report',
          ...(status === undefined ? {} : { status }),
          ...(category === undefined ? {} : { category }),
        },
        limit: MAX_DOCUMENT_PAGE,
      });
      return E.map((reports: ReportMapFeature[]) => ({
        type: 'FeatureCollection' as const,
        features: reports.filter((report) => bbox === undefined || inBox(report, bbox)).map(toFeature),
      }))(found);
    };

  const countsByRegion: ReportsMapQueries['countsByRegion'] = () => async () => {
    const found = await documents.all(ReportMapCounts, { prefix: 'count:', limit: MAX_DOCUMENT_PAGE });
    return E.map((documents: ReportMapCounts[]) => {
      const byRegion = new Map(documents.map((document) => [document.region, document]));
      return REGION_CODES.map((region) => {
        const { kind: _kind, ...counts } = byRegion.get(region) ?? emptyReportMapCounts(region);
        return counts;
      });
    })(found);
  };

  return { features, countsByRegion };
};

const inBox = (
  report: ReportMapFeature,
  [west, south, east, north]: readonly [number, number, number, number],
): boolean =>
  report.point.lon >= west &&
  report.point.lon <= east &&
  report.point.lat >= south &&
  report.point.lat <= north;

const toFeature = (report: ReportMapFeature): ReportFeature => ({
  type: 'Feature',
  id: report.report,
  geometry: { type: 'Point', coordinates: [report.point.lon, report.point.lat] },
  properties: {
    region: report.region,
    status: report.status,
    category: report.category,
    channel: report.channel,
    submittedOn: report.submittedOn,
    overdue: report.overdue,
    ...(report.dueOn === undefined ? {} : { dueOn: report.dueOn }),
    ...(report.outcome === undefined ? {} : { outcome: report.outcome }),
  },
});
