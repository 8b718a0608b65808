import type { ReadModelsModule } from '../readModels/readModelsModule.js';
import type { Role } from './Role.js';

/**
 * The query groups of `client.readModels`, one per read model.
 *
 * @category access
 * @since 0.1.0
 */
export type QueryGroupName =
  | 'caseStatistics'
  | 'reportsMap'
  | 'deadlineCompliance'
  | 'recommendationImplementation'
  | 'serviceQuality'
  | 'roadmapProgress';

/**
 * Where a query names the region it reads: an argument (by position), or a field of one. An absent value
 * means the whole country.
 *
 * @category access
 * @since 0.1.0
 */
export interface RegionArgument {
  readonly argument: number;
  readonly field?: string;
}

/**
 * Who may run one query:
 *
 * - `public`: anyone, for any region — aggregate figures and the public map, which hold no personal data;
 * - `internal`: only the `readers` listed, each within their own region (a national reader everywhere); a
 *   query about the whole country is national data, so a regional reader is refused it.
 *
 * @category access
 * @since 0.1.0
 */
export type QueryRule =
  | { readonly access: 'public'; readonly why: string }
  | {
      readonly access: 'internal';
      readonly readers: readonly Role[];
      readonly region: RegionArgument;
      readonly why: string;
    };

/**
 * A rule for every query of every read model: a query without one does not compile.
 *
 * @category access
 * @since 0.1.0
 */
export type QueryPolicy = {
  readonly [G in QueryGroupName]: { readonly [K in keyof ReadModelsModule[G]]: QueryRule };
};

const published = (why: string): QueryRule => ({ access: 'public', why });

const staff: readonly Role[] = ['officer', 'regionalHead', 'analyst', 'auditor'];

/**
 * Which read-model queries are public and which internal, and who reads the internal ones. Sessions
 * (`client.as(actor).readModels`) enforce it; the trusted `client.readModels` does not.
 *
 * @category access
 * @since 0.1.0
 */
export const QUERY_POLICY: QueryPolicy = {
  caseStatistics: {
    year: published('the published statistics of a year, by region and national'),
    change: published('the published change of offences between two years'),
    years: published('which years have statistics'),
    eventsBehind: {
      access: 'internal',
      readers: ['officer', 'investigator', 'regionalHead', 'analyst', 'auditor'],
      region: { argument: 2, field: 'region' },
      why: 'names the cases (stream ids) behind a figure: the agency’s own material',
    },
  },
  reportsMap: {
    features: published('the public map: coarsened points, no reporter, no description'),
    countsByRegion: published('counts by region, status and category'),
  },
  deadlineCompliance: {
    byRegion: published('each region’s compliance with the legal deadlines'),
    national: published('the country’s compliance'),
    byBody: {
      access: 'internal',
      readers: staff,
      region: { argument: 0 },
      why: 'the performance of the office’s units: internal management data',
    },
  },
  recommendationImplementation: {
    region: published('a region’s totals'),
    national: published('the country’s totals'),
    byIssuer: published('a region’s totals by issuer (groups, agency)'),
    bodies: {
      access: 'internal',
      readers: ['groupMember', ...staff],
      region: { argument: 0 },
      why: 'figures per addressed body, before assessments are final',
    },
    body: {
      access: 'internal',
      readers: ['groupMember', ...staff],
      region: { argument: 0 },
      why: 'one addressed body’s figures',
    },
    groups: {
      access: 'internal',
      readers: ['groupMember', ...staff],
      region: { argument: 0 },
      why: 'figures per monitoring group',
    },
    recommendations: {
      access: 'internal',
      readers: ['groupMember', ...staff],
      region: { argument: 0 },
      why: 'the list of recommendations with their bodies and events',
    },
  },
  serviceQuality: {
    region: published('a region’s service-quality figures'),
    national: published('the country’s figures'),
    services: published('figures per public service'),
    service: published('one service’s figures'),
    providers: published('figures per provider (public service centre)'),
    provider: published('one provider’s figures'),
    ratings: {
      access: 'internal',
      readers: ['groupMember', ...staff],
      region: { argument: 0 },
      why: 'rating records one by one (flags, responses, deadlines)',
    },
  },
  roadmapProgress: {
    progress: published('the roadmap is a public document, and so is its progress'),
    roadmaps: published('the list of roadmaps'),
  },
};
