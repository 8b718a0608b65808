import type {
  LocalizedText,
  ReadModelStore,
  RoadmapPeriod,
  RoadmapProgressView,
  StreamName,
} from '@adal/core';
import {
  LocalDate,
  parseStreamName,
  ROADMAP_PROGRESS,
  RoadmapProgressDocument,
  roadmapProgressIds as ids,
  roadmapProgressView,
  strict,
  streamNameParts,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts/lib/index.js';
import type { ReadError } from './readModelDocuments.js';
import { checkInput, dayAsked, documentReader } from './readModelDocuments.js';

/**
 * One roadmap in a list: where it stands, without its figures.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RoadmapSummary {
  readonly roadmapId: string;
  /** The region of the roadmap's stream, `KZ-00` for the national roadmap. */
  readonly region: string;
  readonly status: 'draft' | 'approved' | 'revising';
  /** The version in force, 0 before the first approval. */
  readonly version: number;
  readonly title?: LocalizedText;
  readonly period?: RoadmapPeriod;
}

/**
 * Why a roadmap-progress query gave no answer: bad input (named by field), an unreachable store, or a
 * stored document that does not read.
 *
 * @category read models
 * @since 0.1.0
 */
export type RoadmapProgressQueryError = ReadError;

/** @inline */
type Result<A> = TE.TaskEither<RoadmapProgressQueryError, A>;

/**
 * The questions the roadmap-progress read model answers.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RoadmapProgressQueries {
  /**
   * A roadmap's progress: done / active / planned / slipped / cancelled measures and progress per direction
   * and in total, each measure's status and slips, each KPI's actual value against its target, and the
   * events behind them. The measures are as they stand now; `asOf` (`YYYY-MM-DD`, today in Kazakhstan when
   * absent) is the day their due dates are judged on, so an unfinished measure due before it has slipped.
   * `undefined` for a roadmap the read model does not know.
   */
  readonly progress: (
    roadmapId: string,
    options?: { readonly asOf?: string },
  ) => Result<RoadmapProgressView | undefined>;
  /** The roadmaps of a region (`KZ-00`: the national ones), or every roadmap, by id. */
  readonly roadmaps: (options?: { readonly region?: string }) => Result<readonly RoadmapSummary[]>;
}

const isRoadmapStream = (u: unknown): u is StreamName => {
  if (typeof u !== 'string') return false;
  const parsed = parseStreamName(u);
  return E.isRight(parsed) && streamNameParts(parsed.right).category === 'roadmap';
};

const RoadmapId = new t.Type<StreamName, string, unknown>(
  'RoadmapId',
  isRoadmapStream,
  (u, c) =>
    isRoadmapStream(u)
      ? t.success(u)
      : t.failure(u, c, `expected a roadmap id roadmap-<region>-<id>, got ${JSON.stringify(u) ?? String(u)}`),
  t.identity,
);
const StreamRegion = t.refinement(
  t.string,
  (s) => /^KZ-\d{2}$/.test(s),
  'Region (KZ-00 for national roadmaps)',
);
const ProgressInput = strict({ roadmapId: RoadmapId }, { asOf: LocalDate });
const ListInput = strict({}, { region: StreamRegion });

/**
 * Queries over the roadmap-progress read model ({@link ROADMAP_PROGRESS}) in a read-model store, kept up to
 * date by a projection runner. Whether a measure slipped depends on the day, so progress is computed for
 * the day asked, by the roadmap's own rules. Bad input is returned as a `ValidationError` naming the field,
 * never thrown.
 *
 * @example
 * import { roadmapProgressQueries } from '@adal/client';
 * const roadmaps = roadmapProgressQueries(readModels);
 * await roadmaps.progress(roadmapId, { asOf: '2026-12-31' })(); // Right({ totals: { done: 2, slipped: 1, … }, … })
 *
 * @category read models
 * @since 0.1.0
 */
export const roadmapProgressQueries = (
  readModels: ReadModelStore,
  options: { readonly clock?: () => Date } = {},
): RoadmapProgressQueries => {
  const documents = documentReader(readModels, ROADMAP_PROGRESS.name);
  const clock = options.clock ?? (() => new Date());

  const progress: RoadmapProgressQueries['progress'] = (roadmapId, given) => async () => {
    const input = checkInput(ProgressInput, { ...given, roadmapId });
    if (E.isLeft(input)) return input;
    const found = await documents.one(RoadmapProgressDocument, ids.roadmap(input.right.roadmapId));
    return E.map((document: RoadmapProgressDocument | undefined) =>
      document === undefined ? undefined : roadmapProgressView(document, dayAsked(input.right.asOf, clock)),
    )(found);
  };

  const roadmaps: RoadmapProgressQueries['roadmaps'] = (given) => async () => {
    const input = checkInput(ListInput, { ...given });
    if (E.isLeft(input)) return input;
    const found = await documents.all(RoadmapProgressDocument, { prefix: ids.roadmaps(input.right.region) });
    return E.map((list: RoadmapProgressDocument[]) =>
      list.map(({ roadmapId, region, status, version, state: { title, period } }) => ({
        roadmapId,
        region,
        status,
        version,
        ...(title === undefined ? {} : { title }),
        ...(period === undefined ? {} : { period }),
      })),
    )(found);
  };

  return { progress, roadmaps };
};
