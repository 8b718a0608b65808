import type {
  ImplementationFigures,
  ImplementationRecommendationDocument,
  LocalizedText,
  ReadModelStore,
  RegionCode,
} from '@adal/core';
import {
  addImplementationFigures,
  boundedText,
  emptyImplementationFigures,
  IMPLEMENTATION_STATUSES,
  ImplementationBodyDocument,
  ImplementationGroupDocument,
  ImplementationIssuerDocument,
  ImplementationRecommendationDocument as RecommendationCodec,
  ImplementationRegionDocument,
  IssuerKind,
  OverallImplementation,
  RECOMMENDATION_IMPLEMENTATION,
  recommendationImplementationIds as ids,
  Region,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts/lib/index.js';
import type { ReadError } from './readModelDocuments.js';
import { checkInput, documentReader, PageLimit } from './readModelDocuments.js';

/**
 * A region's recommendation figures.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RegionImplementation extends ImplementationFigures {
  readonly region: RegionCode;
}

/**
 * The country's figures: the sum of the regions', and each region's.
 *
 * @category read models
 * @since 0.1.0
 */
export interface NationalImplementation extends ImplementationFigures {
  readonly regions: readonly RegionImplementation[];
}

/**
 * A region's figures by issuer: its monitoring groups together, and the agency.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ImplementationByIssuer {
  readonly region: RegionCode;
  readonly group: ImplementationFigures;
  readonly agency: ImplementationFigures;
}

/**
 * The figures of the recommendations addressed to one body.
 *
 * @category read models
 * @since 0.1.0
 */
export interface BodyImplementation extends ImplementationFigures {
  readonly region: RegionCode;
  readonly bodyId: string;
  readonly name: LocalizedText;
}

/**
 * The figures of one monitoring group's recommendations.
 *
 * @category read models
 * @since 0.1.0
 */
export interface GroupImplementation extends ImplementationFigures {
  readonly region: RegionCode;
  readonly groupId: string;
}

/**
 * One recommendation as the read model counts it, with the ids of the events behind each step: the
 * evidence behind the figures.
 *
 * @category read models
 * @since 0.1.0
 */
export type CountedRecommendation = Omit<ImplementationRecommendationDocument, 'kind'>;

/**
 * Which recommendations of a region to list: each field narrows the list (a figure's recommendations are
 * those it counts, e.g. `{ bodyId, overall: 'partly' }`); `after` and `limit` page through it.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RecommendationFilter {
  readonly bodyId?: string;
  readonly issuerKind?: 'group' | 'agency';
  readonly groupId?: string;
  readonly status?: (typeof IMPLEMENTATION_STATUSES)[number];
  readonly overall?: 'fully' | 'partly' | 'not';
  readonly acknowledged?: boolean;
  readonly reviewed?: boolean;
  readonly reported?: boolean;
  readonly reportedLate?: boolean;
  readonly overdue?: boolean;
  readonly after?: string;
  readonly limit?: number;
}

/**
 * A page of recommendations, in id order; pass `next` as `after` for the following page.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RecommendationPage {
  readonly recommendations: readonly CountedRecommendation[];
  readonly next?: string;
}

/**
 * Why a recommendation-implementation query gave no answer: bad input (named by field), an unreachable
 * store, or a stored document that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type RecommendationImplementationQueryError = ReadError;

/** @inline */
type Result<A> = TE.TaskEither<RecommendationImplementationQueryError, A>;

/**
 * The questions the recommendation-implementation read model answers.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RecommendationImplementationQueries {
  /** A region's figures (zeros when it has no recommendation). */
  readonly region: (region: string) => Result<RegionImplementation>;
  /** The country's figures, summed over the regions. */
  readonly national: () => Result<NationalImplementation>;
  /** A region's figures by issuer: groups and the agency. */
  readonly byIssuer: (region: string) => Result<ImplementationByIssuer>;
  /** The figures of every body a region's recommendations are addressed to, by body id. */
  readonly bodies: (region: string) => Result<readonly BodyImplementation[]>;
  /** One body's figures; `undefined` when no recommendation was addressed to it. */
  readonly body: (region: string, bodyId: string) => Result<BodyImplementation | undefined>;
  /** The figures of every monitoring group of a region that issued a recommendation. */
  readonly groups: (region: string) => Result<readonly GroupImplementation[]>;
  /** A page of a region's recommendations, narrowed by a filter: the recommendations behind a figure. */
  readonly recommendations: (region: string, filter?: RecommendationFilter) => Result<RecommendationPage>;
}

const RegionInput = strict({ region: Region }, {});
const BodyInput = strict({ region: Region, bodyId: boundedText(100) }, {});
const FilterInput = strict(
  { region: Region },
  {
    bodyId: boundedText(100),
    issuerKind: IssuerKind,
    groupId: boundedText(200),
    status: t.keyof(
      Object.fromEntries(IMPLEMENTATION_STATUSES.map((status) => [status, null])) as Record<
        (typeof IMPLEMENTATION_STATUSES)[number],
        null
      >,
    ),
    overall: OverallImplementation,
    acknowledged: t.boolean,
    reviewed: t.boolean,
    reported: t.boolean,
    reportedLate: t.boolean,
    overdue: t.boolean,
    after: t.string,
    limit: PageLimit,
  },
);

/**
 * Queries over the recommendation-implementation read model ({@link RECOMMENDATION_IMPLEMENTATION}) in a
 * read-model store, kept up to date by a projection runner. Bad input is returned as a `ValidationError`
 * naming the field, never thrown.
 *
 * @example
 * import { recommendationImplementationQueries } from '@adal/client';
 * const implementation = recommendationImplementationQueries(readModels);
 * await implementation.region('KZ-71')(); // Right({ issued: 12, reviewed: 9, implementedFully: 4, … })
 * await implementation.recommendations('KZ-71', { overall: 'not' })(); // the recommendations behind a figure
 *
 * @category read models
 * @since 0.1.0
 */
export const recommendationImplementationQueries = (
  readModels: ReadModelStore,
): RecommendationImplementationQueries => {
  const documents = documentReader(readModels, RECOMMENDATION_IMPLEMENTATION.name);

  const region: RecommendationImplementationQueries['region'] = (regionInput) => async () => {
    const input = checkInput(RegionInput, { region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.one(ImplementationRegionDocument, ids.region(input.right.region));
    return E.map((document: t.TypeOf<typeof ImplementationRegionDocument> | undefined) => ({
      region: input.right.region,
      ...figuresOf(document),
    }))(found);
  };

  const national: RecommendationImplementationQueries['national'] = () => async () => {
    const found = await documents.all(ImplementationRegionDocument, { prefix: ids.regions });
    if (E.isLeft(found)) return found;
    const regions = found.right.map((document) => ({ region: document.region, ...figuresOf(document) }));
    const total = regions.reduce(
      (sum: ImplementationFigures, figures) => addImplementationFigures(sum, figures),
      emptyImplementationFigures,
    );
    return E.right({ ...figuresOf(total), regions });
  };

  const byIssuer: RecommendationImplementationQueries['byIssuer'] = (regionInput) => async () => {
    const input = checkInput(RegionInput, { region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ImplementationIssuerDocument, {
      prefix: ids.issuers(input.right.region),
    });
    if (E.isLeft(found)) return found;
    const of = (kind: 'group' | 'agency') => figuresOf(found.right.find((d) => d.issuerKind === kind));
    return E.right({ region: input.right.region, group: of('group'), agency: of('agency') });
  };

  const bodies: RecommendationImplementationQueries['bodies'] = (regionInput) => async () => {
    const input = checkInput(RegionInput, { region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ImplementationBodyDocument, { prefix: ids.bodies(input.right.region) });
    return E.map((list: t.TypeOf<typeof ImplementationBodyDocument>[]) => list.map(bodyOf))(found);
  };

  const body: RecommendationImplementationQueries['body'] = (regionInput, bodyId) => async () => {
    const input = checkInput(BodyInput, { region: regionInput, bodyId });
    if (E.isLeft(input)) return input;
    const found = await documents.one(
      ImplementationBodyDocument,
      ids.body(input.right.region, input.right.bodyId),
    );
    return E.map((document: t.TypeOf<typeof ImplementationBodyDocument> | undefined) =>
      document === undefined ? undefined : bodyOf(document),
    )(found);
  };

  const groups: RecommendationImplementationQueries['groups'] = (regionInput) => async () => {
    const input = checkInput(RegionInput, { region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ImplementationGroupDocument, {
      prefix: ids.groups(input.right.region),
    });
    return E.map((list: t.TypeOf<typeof ImplementationGroupDocument>[]) =>
      list.map((d) => ({ region: d.region, groupId: d.groupId, ...figuresOf(d) })),
    )(found);
  };

  const recommendations: RecommendationImplementationQueries['recommendations'] =
    (regionInput, filter = {}) =>
    async () => {
      const input = checkInput(FilterInput, { ...filter, region: regionInput });
      if (E.isLeft(input)) return input;
      const { region: inRegion, after, limit, ...where } = input.right;
      const page = await documents.behind(RecommendationCodec, ids.recommendations(inRegion), {
        where,
        after,
        limit,
      });
      if (E.isLeft(page)) return page;
      const { documents: list, next } = page.right;
      return E.right(next === undefined ? { recommendations: list } : { recommendations: list, next });
    };

  return { region, national, byIssuer, bodies, body, groups, recommendations };
};

/** The figures of a document (zeros for none), without its other fields. */
const figuresOf = (document: ImplementationFigures | undefined): ImplementationFigures =>
  addImplementationFigures(emptyImplementationFigures, document ?? emptyImplementationFigures);

const bodyOf = (document: t.TypeOf<typeof ImplementationBodyDocument>): BodyImplementation => ({
  region: document.region,
  bodyId: document.bodyId,
  name: document.name,
  ...figuresOf(document),
});
