import type {
  CaseStatisticsFigure,
  ReadModelStore,
  RegionCode,
  StoreUnavailable,
  Tiyn,
  ValidationError,
} from '@adal/core';
import {
  CASE_STATISTICS,
  CaseStatisticsEvidenceDocument,
  CaseStatisticsFigure as FigureCodec,
  CaseStatisticsYearDocument,
  caseStatisticsEvidencePrefix,
  caseStatisticsYearId,
  caseStatisticsYearPrefix,
  DEFAULT_DOCUMENT_PAGE,
  MAX_DOCUMENT_PAGE,
  percentage,
  Region,
  StatisticsYear,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts/lib/index.js';
import type { ReadModelDocumentInvalid } from './readModelDocuments.js';
import { checkAfter, checkInput, documentReader } from './readModelDocuments.js';

export type { ReadModelDocumentInvalid } from './readModelDocuments.js';

/**
 * Heads of bodies detained in a year, by official level, as the agency reports them.
 *
 * @category read models
 * @since 0.1.0
 */
export interface HeadsDetained {
  readonly republican: number;
  readonly regional: number;
  readonly cityDistrict: number;
  readonly total: number;
}

/**
 * The case statistics of one year, for one region or (without `region`) the whole country.
 *
 * @category read models
 * @since 0.1.0
 */
export interface CaseStatisticsYear {
  readonly year: number;
  /** The region; absent for the national figures, which sum every region's. */
  readonly region?: RegionCode;
  readonly offencesRegistered: number;
  readonly personsExposed: number;
  readonly headsDetained: HeadsDetained;
  readonly organisedGroups: number;
  readonly systemicFacts: number;
  readonly officialsChargedForSystemicFacts: number;
  /** Damage caused, in tiyn. */
  readonly damage: Tiyn;
  /** Damage recovered, in tiyn. */
  readonly recovered: Tiyn;
  /** Recovered as a percentage of the damage, to one decimal (0 when there is no damage). */
  readonly recoveryRate: number;
}

/**
 * How the number of offences registered changed from one year to another.
 *
 * @category read models
 * @since 0.1.0
 */
export interface OffenceChange {
  readonly fromYear: number;
  readonly toYear: number;
  readonly region?: RegionCode;
  readonly from: number;
  readonly to: number;
  /** `to - from`. */
  readonly difference: number;
  /** The change as a percentage of `from`, to one decimal (`-23` is a fall of 23 %); absent when `from` is 0. */
  readonly percentChange?: number;
}

/**
 * One event behind a figure: which event, in which stream and region, and what it added (`count` for a
 * counting figure, `amount` in tiyn for damage and recovered).
 *
 * @category read models
 * @since 0.1.0
 */
export interface FigureEvidence {
  readonly eventId: string;
  readonly streamName: string;
  readonly region: RegionCode;
  readonly position: string;
  readonly count?: number;
  readonly amount?: Tiyn;
}

/**
 * A page of the events behind a figure, by region and then in the order of the store. Pass `next` as
 * `after` for the following page; it is absent on the last.
 *
 * @category read models
 * @since 0.1.0
 */
export interface FigureEvidencePage {
  readonly figure: CaseStatisticsFigure;
  readonly year: number;
  readonly region?: RegionCode;
  readonly events: readonly FigureEvidence[];
  readonly next?: string;
}

/**
 * Why a statistics query gave no answer: bad input (named by field), an unreachable store, or a stored
 * document that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsQueryError = ValidationError | StoreUnavailable | ReadModelDocumentInvalid;

/**
 * The questions the case statistics answer.
 *
 * @category read models
 * @since 0.1.0
 */
export interface CaseStatisticsQueries {
  /** The figures of a year, for a region or nationally; a year without events gives zeros. */
  readonly year: (
    year: number,
    options?: { readonly region?: string },
  ) => TE.TaskEither<CaseStatisticsQueryError, CaseStatisticsYear>;
  /** How the offences registered changed between two years. */
  readonly change: (
    fromYear: number,
    toYear: number,
    options?: { readonly region?: string },
  ) => TE.TaskEither<CaseStatisticsQueryError, OffenceChange>;
  /** The years that have figures in some region, in order. */
  readonly years: () => TE.TaskEither<CaseStatisticsQueryError, readonly number[]>;
  /** A page of the events behind a figure of a year (100 by default, at most 10,000). */
  readonly eventsBehind: (
    figure: string,
    year: number,
    options?: { readonly region?: string; readonly after?: string; readonly limit?: number },
  ) => TE.TaskEither<CaseStatisticsQueryError, FigureEvidencePage>;
}

const PageLimit = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= MAX_DOCUMENT_PAGE,
  `PageLimit(1..${MAX_DOCUMENT_PAGE})`,
);
const YearInput = strict({ year: StatisticsYear }, { region: Region });
const ChangeInput = strict({ fromYear: StatisticsYear, toYear: StatisticsYear }, { region: Region });
const EvidenceInput = strict(
  { figure: FigureCodec, year: StatisticsYear },
  { region: Region, after: t.string, limit: PageLimit },
);

/**
 * Queries over the case statistics read model ({@link CASE_STATISTICS}) in a read-model store, kept up to
 * date by a projection runner. Bad input is returned as a `ValidationError` naming the field, never thrown.
 *
 * @example
 * import { caseStatisticsQueries } from '@adal/client';
 * const statistics = caseStatisticsQueries(readModels);
 * const national = await statistics.year(2018)(); // Right({ personsExposed: 1290, recoveryRate: 89, … })
 * const fall = await statistics.change(2016, 2018)(); // Right({ from: 300, to: 231, percentChange: -23, … })
 * const behind = await statistics.eventsBehind('personsExposed', 2018, { region: 'KZ-71' })();
 *
 * @category read models
 * @since 0.1.0
 */
export const caseStatisticsQueries = (readModels: ReadModelStore): CaseStatisticsQueries => {
  const documents = documentReader(readModels, CASE_STATISTICS.name);

  /** The year documents of a year (one region, or all), decoded; bounded by the regions. */
  const yearDocuments = async (
    year: number,
    region: RegionCode | undefined,
  ): Promise<E.Either<CaseStatisticsQueryError, CaseStatisticsYearDocument[]>> =>
    region === undefined
      ? documents.all(CaseStatisticsYearDocument, { prefix: caseStatisticsYearPrefix(year) })
      : E.map((document: CaseStatisticsYearDocument | undefined) =>
          document === undefined ? [] : [document],
        )(await documents.one(CaseStatisticsYearDocument, caseStatisticsYearId(year, region)));

  const year: CaseStatisticsQueries['year'] = (yearInput, options) => async () => {
    const input = checkInput(YearInput, { ...options, year: yearInput });
    if (E.isLeft(input)) return input;
    const { region } = input.right;
    const found = await yearDocuments(input.right.year, region);
    return E.map((list: CaseStatisticsYearDocument[]) => sum(input.right.year, region, list))(found);
  };

  const change: CaseStatisticsQueries['change'] = (fromYear, toYear, options) => async () => {
    const input = checkInput(ChangeInput, { ...options, fromYear, toYear });
    if (E.isLeft(input)) return input;
    const { region } = input.right;
    const before = await yearDocuments(input.right.fromYear, region);
    if (E.isLeft(before)) return before;
    const after = await yearDocuments(input.right.toYear, region);
    if (E.isLeft(after)) return after;
    const from = total(before.right, 'offencesRegistered');
    const to = total(after.right, 'offencesRegistered');
    return E.right({
      fromYear: input.right.fromYear,
      toYear: input.right.toYear,
      ...(region === undefined ? {} : { region }),
      from,
      to,
      difference: to - from,
      ...(from === 0 ? {} : { percentChange: percentage(BigInt(to - from), BigInt(from), 1) }),
    });
  };

  /** Every year document: bounded by the regions times the years. */
  const years: CaseStatisticsQueries['years'] = () => async () => {
    const found = await documents.all(CaseStatisticsYearDocument, { prefix: caseStatisticsYearPrefix() });
    return E.map((list: CaseStatisticsYearDocument[]) =>
      [...new Set(list.map((document) => document.year))].sort((a, b) => a - b),
    )(found);
  };

  const eventsBehind: CaseStatisticsQueries['eventsBehind'] = (figure, yearInput, options) => async () => {
    const input = checkInput(EvidenceInput, { ...options, figure, year: yearInput });
    if (E.isLeft(input)) return input;
    const { region, after, limit = DEFAULT_DOCUMENT_PAGE } = input.right;
    const prefix = caseStatisticsEvidencePrefix(input.right.figure, input.right.year, region);
    const checked = checkAfter(after, prefix);
    if (E.isLeft(checked)) return checked;
    const page = await documents.page(CaseStatisticsEvidenceDocument, {
      prefix,
      limit,
      ...(after === undefined ? {} : { after }),
    });
    if (E.isLeft(page)) return page;
    const events = page.right.documents.map(
      ({ eventId, streamName, region: eventRegion, position, count, amount }): FigureEvidence => ({
        eventId,
        streamName,
        region: eventRegion,
        position,
        ...(count === undefined ? {} : { count }),
        ...(amount === undefined ? {} : { amount }),
      }),
    );
    return E.right({
      figure: input.right.figure,
      year: input.right.year,
      ...(region === undefined ? {} : { region }),
      events,
      ...(page.right.next === undefined ? {} : { next: page.right.next }),
    });
  };

  return { year, change, years, eventsBehind };
};

type CountField = Exclude<
  keyof CaseStatisticsYearDocument,
  'kind' | 'year' | 'region' | 'damage' | 'recovered'
>;

const total = (documents: readonly CaseStatisticsYearDocument[], field: CountField): number =>
  documents.reduce((sum, document) => sum + document[field], 0);

const sum = (
  year: number,
  region: RegionCode | undefined,
  documents: readonly CaseStatisticsYearDocument[],
): CaseStatisticsYear => {
  const republican = total(documents, 'headsDetainedRepublican');
  const regional = total(documents, 'headsDetainedRegional');
  const cityDistrict = total(documents, 'headsDetainedCityDistrict');
  const damage = documents.reduce((amount, document) => amount + document.damage, 0n);
  const recovered = documents.reduce((amount, document) => amount + document.recovered, 0n);
  return {
    year,
    ...(region === undefined ? {} : { region }),
    offencesRegistered: total(documents, 'offencesRegistered'),
    personsExposed: total(documents, 'personsExposed'),
    headsDetained: { republican, regional, cityDistrict, total: republican + regional + cityDistrict },
    organisedGroups: total(documents, 'organisedGroups'),
    systemicFacts: total(documents, 'systemicFacts'),
    officialsChargedForSystemicFacts: total(documents, 'officialsChargedForSystemicFacts'),
    damage,
    recovered,
    recoveryRate: percentage(recovered, damage, 1),
  };
};
