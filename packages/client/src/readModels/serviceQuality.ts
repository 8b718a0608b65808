import type {
  LocalDate,
  LocalizedText,
  ReadModelStore,
  RegionCode,
  ServiceQualityFigures,
  ServiceQualityRecordDocument,
} from '@adal/core';
import {
  addServiceQualityFigures,
  boundedText,
  emptyServiceQualityFigures,
  LocalDate as LocalDateCodec,
  ProviderKind,
  Region,
  SERVICE_QUALITY,
  serviceQualityIds as ids,
  ServiceQualityProviderDocument,
  ServiceQualityRecordDocument as RecordCodec,
  ServiceQualityRegionDocument,
  ServiceQualityServiceDocument,
  serviceQualitySummary,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts/lib/index.js';
import type { ReadError } from './readModelDocuments.js';
import { checkInput, dayAsked, documentReader, PageLimit } from './readModelDocuments.js';

/**
 * Service-quality figures with what follows from them on the day asked: the mean score (exact, from the
 * sum and the count; `null` without ratings), the share of responses on time, the mean and median working
 * days a response took, and the open deadlines overdue on `asOf`.
 *
 * @category read models
 * @since 0.1.0
 */
export interface QualityFigures extends ServiceQualityFigures {
  readonly asOf: LocalDate;
  readonly meanScore: number | null;
  readonly onTimeShare: number | null;
  readonly meanResponseWorkingDays: number | null;
  readonly medianResponseWorkingDays: number | null;
  readonly deadlinesOverdue: number;
}

/**
 * A region's service quality.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RegionQuality extends QualityFigures {
  readonly region: RegionCode;
}

/**
 * The country's service quality: the sum of the regions', and each region's.
 *
 * @category read models
 * @since 0.1.0
 */
export interface NationalQuality extends QualityFigures {
  readonly regions: readonly RegionQuality[];
}

/**
 * The quality of one public service, in a region or (without `region`) in the whole country.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ServiceQuality extends QualityFigures {
  readonly serviceCode: string;
  readonly region?: RegionCode;
  readonly name?: LocalizedText;
}

/**
 * The quality of one provider (a public service centre branch, the e-government portal, …).
 *
 * @category read models
 * @since 0.1.0
 */
export interface ProviderQuality extends QualityFigures {
  readonly region: RegionCode;
  readonly providerId: string;
  readonly providerKind: t.TypeOf<typeof ProviderKind>;
  readonly name?: LocalizedText;
}

/**
 * One rating as the read model counts it, named by its first event, with the events behind its figures.
 * It never holds the rater's pseudonym nor what the rater wrote.
 *
 * @category read models
 * @since 0.1.0
 */
export type CountedRating = Omit<ServiceQualityRecordDocument, 'kind'>;

/**
 * Which ratings of a region to list; `after` and `limit` page through them.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RatingFilter {
  readonly serviceCode?: string;
  readonly providerId?: string;
  readonly lowScore?: boolean;
  readonly informalPayment?: boolean;
  readonly flagOpen?: boolean;
  readonly deadlineOpen?: boolean;
  readonly after?: string;
  readonly limit?: number;
}

/**
 * A page of ratings, in the order they were given; pass `next` as `after` for the following page.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RatingPage {
  readonly ratings: readonly CountedRating[];
  readonly next?: string;
}

/**
 * Why a service-quality query gave no answer: bad input (named by field), an unreachable store, or a
 * stored document that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityQueryError = ReadError;

/**
 * The day the figures are computed for (`YYYY-MM-DD`); today in Kazakhstan when absent.
 *
 * @category read models
 * @since 0.1.0
 */
export interface AsOfOptions {
  readonly asOf?: string;
}

/** @inline */
type Result<A> = TE.TaskEither<ServiceQualityQueryError, A>;

/**
 * The questions the service-quality read model answers.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ServiceQualityQueries {
  /** A region's figures (zeros when it has no rating). */
  readonly region: (region: string, options?: AsOfOptions) => Result<RegionQuality>;
  /** The country's figures, summed over the regions. */
  readonly national: (options?: AsOfOptions) => Result<NationalQuality>;
  /** Every rated service of a region, by service code. */
  readonly services: (region: string, options?: AsOfOptions) => Result<readonly ServiceQuality[]>;
  /** One service, in a region or nationally (zeros when it has no rating). */
  readonly service: (
    serviceCode: string,
    options?: AsOfOptions & { readonly region?: string },
  ) => Result<ServiceQuality>;
  /** Every rated provider of a region, by provider id. */
  readonly providers: (region: string, options?: AsOfOptions) => Result<readonly ProviderQuality[]>;
  /** One provider; `undefined` when it has no rating. */
  readonly provider: (
    region: string,
    providerId: string,
    options?: AsOfOptions,
  ) => Result<ProviderQuality | undefined>;
  /** A page of a region's ratings, narrowed by a filter: the ratings behind a figure. */
  readonly ratings: (region: string, filter?: RatingFilter) => Result<RatingPage>;
}

const Options = { asOf: LocalDateCodec };
const RegionInput = strict({ region: Region }, Options);
const ServiceInput = strict({ serviceCode: boundedText(40) }, { ...Options, region: Region });
const ProviderInput = strict({ region: Region, providerId: boundedText(100) }, Options);
const FilterInput = strict(
  { region: Region },
  {
    serviceCode: boundedText(40),
    providerId: boundedText(100),
    lowScore: t.boolean,
    informalPayment: t.boolean,
    flagOpen: t.boolean,
    deadlineOpen: t.boolean,
    after: t.string,
    limit: PageLimit,
  },
);

/**
 * Queries over the service-quality read model ({@link SERVICE_QUALITY}) in a read-model store, kept up to
 * date by a projection runner. Figures that depend on the day (deadlines overdue) are computed for `asOf`,
 * today by the clock when absent. Bad input is returned as a `ValidationError` naming the field, never thrown.
 *
 * @example
 * import { serviceQualityQueries } from '@adal/client';
 * const quality = serviceQualityQueries(readModels);
 * await quality.provider('KZ-75', 'PSC-ALM-AUEZOV-2')(); // Right({ ratings: 40, meanScore: 3.2, distribution: … })
 * await quality.ratings('KZ-75', { flagOpen: true })(); // the ratings with an open flag
 *
 * @category read models
 * @since 0.1.0
 */
export const serviceQualityQueries = (
  readModels: ReadModelStore,
  options: { readonly clock?: () => Date } = {},
): ServiceQualityQueries => {
  const documents = documentReader(readModels, SERVICE_QUALITY.name);
  const clock = options.clock ?? (() => new Date());
  const quality = (
    figures: ServiceQualityFigures | undefined,
    asOf: LocalDate | undefined,
  ): QualityFigures => {
    const day = dayAsked(asOf, clock);
    const counted = figuresOf(figures);
    const summary = serviceQualitySummary(counted, day);
    return { ...counted, asOf: day, ...summary, deadlinesOverdue: summary.deadlinesOverdue ?? 0 };
  };

  const region: ServiceQualityQueries['region'] = (regionInput, given) => async () => {
    const input = checkInput(RegionInput, { ...given, region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.one(ServiceQualityRegionDocument, ids.region(input.right.region));
    return E.map((document: ServiceQualityFigures | undefined) => ({
      region: input.right.region,
      ...quality(document, input.right.asOf),
    }))(found);
  };

  const national: ServiceQualityQueries['national'] = (given) => async () => {
    const input = checkInput(strict({}, Options), { ...given });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ServiceQualityRegionDocument, { prefix: ids.regions });
    if (E.isLeft(found)) return found;
    const { asOf } = input.right;
    return E.right({
      ...quality(sum(found.right), asOf),
      regions: found.right.map((document) => ({ region: document.region, ...quality(document, asOf) })),
    });
  };

  const services: ServiceQualityQueries['services'] = (regionInput, given) => async () => {
    const input = checkInput(RegionInput, { ...given, region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ServiceQualityServiceDocument, {
      prefix: ids.services(input.right.region),
    });
    return E.map((list: t.TypeOf<typeof ServiceQualityServiceDocument>[]) =>
      list.map((document) => serviceOf(document.serviceCode, document.region, [document], input.right.asOf)),
    )(found);
  };

  const serviceOf = (
    serviceCode: string,
    inRegion: RegionCode | undefined,
    list: readonly t.TypeOf<typeof ServiceQualityServiceDocument>[],
    asOf: LocalDate | undefined,
  ): ServiceQuality => {
    const name = list.find((document) => document.name !== undefined)?.name;
    return {
      serviceCode,
      ...(inRegion === undefined ? {} : { region: inRegion }),
      ...(name === undefined ? {} : { name }),
      ...quality(sum(list), asOf),
    };
  };

  const service: ServiceQualityQueries['service'] = (serviceCode, given) => async () => {
    const input = checkInput(ServiceInput, { ...given, serviceCode });
    if (E.isLeft(input)) return input;
    const { region: inRegion, asOf } = input.right;
    const found =
      inRegion === undefined
        ? await documents.all(ServiceQualityServiceDocument, {
            prefix: ids.services(),
            where: { serviceCode: input.right.serviceCode },
          })
        : E.map((document: t.TypeOf<typeof ServiceQualityServiceDocument> | undefined) =>
            document === undefined ? [] : [document],
          )(
            await documents.one(
              ServiceQualityServiceDocument,
              ids.service(inRegion, input.right.serviceCode),
            ),
          );
    return E.map((list: t.TypeOf<typeof ServiceQualityServiceDocument>[]) =>
      serviceOf(input.right.serviceCode, inRegion, list, asOf),
    )(found);
  };

  const providerOf = (
    document: t.TypeOf<typeof ServiceQualityProviderDocument>,
    asOf: LocalDate | undefined,
  ) => {
    const { region: inRegion, providerId, providerKind, name } = document;
    return {
      region: inRegion,
      providerId,
      providerKind,
      ...(name === undefined ? {} : { name }),
      ...quality(document, asOf),
    };
  };

  const providers: ServiceQualityQueries['providers'] = (regionInput, given) => async () => {
    const input = checkInput(RegionInput, { ...given, region: regionInput });
    if (E.isLeft(input)) return input;
    const found = await documents.all(ServiceQualityProviderDocument, {
      prefix: ids.providers(input.right.region),
    });
    return E.map((list: t.TypeOf<typeof ServiceQualityProviderDocument>[]) =>
      list.map((document) => providerOf(document, input.right.asOf)),
    )(found);
  };

  const provider: ServiceQualityQueries['provider'] = (regionInput, providerId, given) => async () => {
    const input = checkInput(ProviderInput, { ...given, region: regionInput, providerId });
    if (E.isLeft(input)) return input;
    const found = await documents.one(
      ServiceQualityProviderDocument,
      ids.provider(input.right.region, input.right.providerId),
    );
    return E.map((document: t.TypeOf<typeof ServiceQualityProviderDocument> | undefined) =>
      document === undefined ? undefined : providerOf(document, input.right.asOf),
    )(found);
  };

  const ratings: ServiceQualityQueries['ratings'] =
    (regionInput, filter = {}) =>
    async () => {
      const input = checkInput(FilterInput, { ...filter, region: regionInput });
      if (E.isLeft(input)) return input;
      const { region: inRegion, after, limit, ...where } = input.right;
      const page = await documents.behind(RecordCodec, ids.records(inRegion), { where, after, limit });
      if (E.isLeft(page)) return page;
      const { documents: list, next } = page.right;
      return E.right(next === undefined ? { ratings: list } : { ratings: list, next });
    };

  return { region, national, services, service, providers, provider, ratings };
};

const sum = (list: readonly ServiceQualityFigures[]): ServiceQualityFigures =>
  list.reduce(
    (total: ServiceQualityFigures, figures) => addServiceQualityFigures(total, figures),
    emptyServiceQualityFigures,
  );

/** The figures of a document (zeros for none), without its other fields. */
const figuresOf = (document: ServiceQualityFigures | undefined): ServiceQualityFigures =>
  addServiceQualityFigures(emptyServiceQualityFigures, document ?? emptyServiceQualityFigures);
