import type {
  ComplianceTally,
  MedianDays,
  ReadModelStore,
  RegionCode,
  StoreUnavailable,
  ValidationError,
} from '@adal/core';
import {
  addComplianceTallies,
  DEADLINE_COMPLIANCE,
  MAX_DOCUMENT_PAGE,
  medianOfHistogram,
  onTimePercent,
  Region,
  REGION_CODES,
  RegionCompliance,
  regionComplianceId,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ReadModelDocumentInvalid } from './readModelDocuments.js';
import { checkInput, documentReader } from './readModelDocuments.js';

/**
 * How well deadlines were kept, for a body, a region or the country. `open` counts the reports under
 * consideration and `overdue` those of them marked overdue; `answeredOnTime` and `answeredLate` count
 * answers (a reopened report answered again counts twice). The median of working days to answer is absent
 * before the first answer, and `atLeast` when it lies in the open-ended last bucket (60 working days or
 * more); `onTimePercent` = answered on time / (answered + open overdue), to one decimal, absent while there
 * is nothing to judge.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ComplianceFigures {
  readonly open: number;
  readonly overdue: number;
  readonly answeredOnTime: number;
  readonly answeredLate: number;
  readonly medianDaysToAnswer?: MedianDays;
  readonly onTimePercent?: number;
}

/**
 * A region's figures, all its bodies together.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RegionComplianceFigures extends ComplianceFigures {
  readonly region: RegionCode;
}

/**
 * One answering body's figures: the unit reports were assigned to, or `null` for the regional office
 * itself (reports registered and not yet assigned, or answered without an assignment).
 *
 * @category read models
 * @since 0.1.0
 */
export interface BodyComplianceFigures extends ComplianceFigures {
  readonly region: RegionCode;
  readonly unit: string | null;
}

/**
 * Why a compliance query gave no answer: a bad region (named by field), an unreachable store, or a stored
 * document that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type DeadlineComplianceQueryError = ValidationError | StoreUnavailable | ReadModelDocumentInvalid;

/**
 * The questions the deadline-compliance read model answers.
 *
 * @category read models
 * @since 0.1.0
 */
export interface DeadlineComplianceQueries {
  /** One region's figures, or every region's in the order of `REGION_CODES` (zeros where nothing happened). */
  readonly byRegion: (options?: {
    readonly region?: string;
  }) => TE.TaskEither<DeadlineComplianceQueryError, readonly RegionComplianceFigures[]>;
  /** A region's figures by answering body: the regional office first, then units by name. */
  readonly byBody: (
    region: string,
  ) => TE.TaskEither<DeadlineComplianceQueryError, readonly BodyComplianceFigures[]>;
  /** The country's figures: every region's added up (the median over every answer in the country). */
  readonly national: () => TE.TaskEither<DeadlineComplianceQueryError, ComplianceFigures>;
}

const RegionInput = strict({}, { region: Region });
const BodyInput = strict({ region: Region });

/**
 * Queries over the deadline-compliance read model ({@link DEADLINE_COMPLIANCE}) in a read-model store, kept up
 * to date by a projection runner. Medians are read from the stored histograms of working days to answer,
 * so regions and the country add up exactly. A bad region is returned as a `ValidationError`, never thrown.
 *
 * @example
 * import { deadlineComplianceQueries } from '@adal/client';
 * const compliance = deadlineComplianceQueries(readModels);
 * const astana = await compliance.byBody('KZ-71')();
 * // Right([{ region: 'KZ-71', unit: null, open: 2, … }, { region: 'KZ-71', unit: 'Prevention department', onTimePercent: 75, … }])
 *
 * @category read models
 * @since 0.1.0
 */
export const deadlineComplianceQueries = (
  readModels: Pick<ReadModelStore, 'findDocuments' | 'getDocument'>,
): DeadlineComplianceQueries => {
  const documents = documentReader(readModels, DEADLINE_COMPLIANCE.name);

  const regionDocument = (region: RegionCode) => documents.one(RegionCompliance, regionComplianceId(region));

  /** Every region's document; at most one per region, so one page holds them. */
  const regionDocuments = () =>
    documents.all(RegionCompliance, { prefix: 'region:', limit: MAX_DOCUMENT_PAGE });

  const byRegion: DeadlineComplianceQueries['byRegion'] =
    (options = {}) =>
    async () => {
      const input = checkInput(RegionInput, options);
      if (E.isLeft(input)) return input;
      const { region } = input.right;
      if (region !== undefined) {
        const found = await regionDocument(region);
        return E.map((document: RegionCompliance | undefined) => [
          { region, ...figures(addComplianceTallies(document?.bodies ?? [])) },
        ])(found);
      }
      const found = await regionDocuments();
      return E.map((documents: RegionCompliance[]) => {
        const byCode = new Map(documents.map((document) => [document.region, document]));
        return REGION_CODES.map((code) => ({
          region: code,
          ...figures(addComplianceTallies(byCode.get(code)?.bodies ?? [])),
        }));
      })(found);
    };

  const byBody: DeadlineComplianceQueries['byBody'] = (regionInput) => async () => {
    const input = checkInput(BodyInput, { region: regionInput });
    if (E.isLeft(input)) return input;
    const { region } = input.right;
    const found = await regionDocument(region);
    return E.map((document: RegionCompliance | undefined) =>
      (document?.bodies ?? []).map(({ unit, ...tally }) => ({ region, unit, ...figures(tally) })),
    )(found);
  };

  const national: DeadlineComplianceQueries['national'] = () => async () => {
    const found = await regionDocuments();
    return E.map((documents: RegionCompliance[]) =>
      figures(addComplianceTallies(documents.flatMap((document) => document.bodies))),
    )(found);
  };

  return { byRegion, byBody, national };
};

const figures = (tally: ComplianceTally): ComplianceFigures => {
  const median = medianOfHistogram(tally.daysToAnswer);
  const percent = onTimePercent(tally);
  return {
    open: tally.open,
    overdue: tally.overdue,
    answeredOnTime: tally.answeredOnTime,
    answeredLate: tally.answeredLate,
    ...(median === undefined ? {} : { medianDaysToAnswer: median }),
    ...(percent === undefined ? {} : { onTimePercent: percent }),
  };
};
