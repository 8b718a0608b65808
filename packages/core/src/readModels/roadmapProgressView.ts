import * as t from 'io-ts/lib/index.js';
import type { JsonValue } from '../Json.js';
import { defineProjection } from '../Projection.js';
import type { RecordedEvent } from '../RecordedEvent.js';
import type { RoadmapEvent } from '../roadmaps/RoadmapEvents.js';
import { RoadmapEvents, RoadmapVersion } from '../roadmaps/RoadmapEvents.js';
import {
  KpiValue,
  PlanItemId,
  PlannedMeasure,
  RoadmapPeriod,
  VersionNumber,
} from '../roadmaps/RoadmapPlan.js';
import type { DirectionProgress, MeasureProgress } from '../roadmaps/RoadmapProgress.js';
import { measureProgress, roadmapProgress } from '../roadmaps/RoadmapProgress.js';
import type { RoadmapState } from '../roadmaps/RoadmapState.js';
import { evolveRoadmap, initialRoadmapState } from '../roadmaps/RoadmapState.js';
import type { LocalizedText } from '../shared/Language.js';
import { LocalizedText as LocalizedTextCodec, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import { LocalDate as LocalDateCodec } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import type { StreamName } from '../StreamName.js';
import { streamNameParts } from '../StreamName.js';

const MeasureExecutionCodec = strict(
  {
    status: t.keyof({ planned: null, active: null, completed: null }),
    milestonesDone: t.record(t.string, LocalDateCodec),
  },
  {
    startedOn: LocalDateCodec,
    kpi: strict({ value: KpiValue, measuredOn: LocalDateCodec, reportedOn: LocalDateCodec }, {}, 'KpiActual'),
    completedOn: LocalDateCodec,
    completedLate: t.boolean,
  },
  'MeasureExecution',
);

/**
 * Codec of a roadmap's state as the decider evolves it, for the read model's document. The read model
 * keeps every approved version, but drops from an older version the measures an even older one already
 * holds (only the first approval of a measure is read, for the due date it slips from), so the document
 * stays within about twice the size of the plan however often it is revised.
 *
 * @category read models
 * @since 0.1.0
 */
export const RoadmapStateCodec: t.Type<RoadmapState, JsonValue, unknown> = strict(
  {
    status: t.keyof({ none: null, draft: null, approved: null, revising: null }),
    plan: t.readonlyArray(PlannedMeasure),
    versions: t.readonlyArray(RoadmapVersion),
    execution: t.record(t.string, MeasureExecutionCodec),
  },
  {
    region: Region,
    title: LocalizedTextCodec,
    period: RoadmapPeriod,
    revision: strict(
      { version: VersionNumber, basedOn: VersionNumber, reason: TextIn, openedOn: LocalDateCodec },
      {},
      'OpenRevision',
    ),
  },
  'RoadmapState',
);

/**
 * The events behind one measure's figures: the ids of the events that started it, gave its KPI value in
 * force, completed it, last revised its due date and cancelled it.
 *
 * @category read models
 * @since 0.1.0
 */
export const MeasureEvidence = strict(
  { measureId: PlanItemId },
  { started: t.string, kpi: t.string, completed: t.string, deadlineRevised: t.string, cancelled: t.string },
  'MeasureEvidence',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type MeasureEvidence = t.TypeOf<typeof MeasureEvidence>;

const StreamRegion = t.refinement(t.string, (s) => /^KZ-\d{2}$/.test(s), 'StreamRegion (KZ-00 national)');

/**
 * One roadmap: document `roadmap:<region>:<stream>` (`KZ-00` for the national roadmap). It holds the
 * roadmap's state, so progress on any day is computed by the roadmap's own rules
 * ({@link roadmapProgress}) when it is asked for: whether a measure slipped depends on that day.
 *
 * @category read models
 * @since 0.1.0
 */
export const RoadmapProgressDocument = strict(
  {
    kind: t.literal('roadmap'),
    roadmapId: t.string,
    region: StreamRegion,
    status: t.keyof({ draft: null, approved: null, revising: null }),
    /** The version in force, 0 before the first approval. */
    version: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Version (0 or more)'),
    state: RoadmapStateCodec,
    evidence: strict(
      { drafted: t.string, measures: t.readonlyArray(MeasureEvidence) },
      { approved: t.string },
      'RoadmapEvidence',
    ),
  },
  {},
  'RoadmapProgressDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type RoadmapProgressDocument = t.TypeOf<typeof RoadmapProgressDocument>;

/**
 * The ids of the read model's documents, and the prefix that lists a region's roadmaps.
 *
 * @example
 * import { roadmapProgressIds } from '@adal/core';
 * roadmapProgressIds.roadmaps('KZ-00'); // 'roadmap:KZ-00:' (the national roadmaps)
 *
 * @category read models
 * @since 0.1.0
 */
export const roadmapProgressIds = {
  roadmap: (streamName: StreamName): string => `roadmap:${streamNameParts(streamName).region}:${streamName}`,
  roadmaps: (region?: string): string => (region === undefined ? 'roadmap:' : `roadmap:${region}:`),
} as const;

/**
 * The roadmap-progress read model: one document per roadmap (`roadmap-…` stream) holding its state, from
 * which {@link roadmapProgressView} gives, as of any day, the done / active / planned / slipped / cancelled
 * measures per direction, progress = completed / measures in force (not cancelled), and each KPI's actual
 * value against its target.
 *
 * @example
 * import { ROADMAP_PROGRESS, projectEvents } from '@adal/core';
 * // projectEvents(ROADMAP_PROGRESS, events); // Right(Map { 'roadmap:KZ-00:roadmap-KZ-00-…' => { … } })
 *
 * @category read models
 * @since 0.1.0
 */
export const ROADMAP_PROGRESS = defineProjection({
  name: 'roadmap-progress',
  version: 1,
  sources: { roadmap: RoadmapEvents },
  document: RoadmapProgressDocument,
  reads: (_event, recorded) => [roadmapProgressIds.roadmap(recorded.streamName)],
  apply: (event, recorded, documents) => {
    const id = roadmapProgressIds.roadmap(recorded.streamName);
    const before = documents(id);
    if (before === undefined && event.type !== 'RoadmapDrafted') return [];
    const state = compact(evolveRoadmap(before?.state ?? initialRoadmapState, event));
    if (state.status === 'none') return [];
    const evidence = before?.evidence ?? { drafted: recorded.id, measures: [] };
    const document: RoadmapProgressDocument = {
      kind: 'roadmap',
      roadmapId: recorded.streamName,
      region: streamNameParts(recorded.streamName).region,
      status: state.status,
      version: state.versions[state.versions.length - 1]?.version ?? 0,
      state,
      evidence: withEvidence(evidence, event, recorded, before?.state, state),
    };
    return [{ op: 'put', id, document }];
  },
});

/**
 * A roadmap's progress per direction (every direction, in report order) and per measure of the version in
 * force, with totals over the directions. The measures are as the document has them (the roadmap now);
 * `asOf` is the day their due dates are judged on: an unfinished measure due before it has slipped. A
 * roadmap never approved has no measures in force yet, so its figures are zero.
 *
 * @example
 * import { roadmapProgressView } from '@adal/core';
 * // roadmapProgressView(document, '2026-12-31').totals; // { measures: 6, done: 2, slipped: 1, progress: 0.33, … }
 *
 * @category read models
 * @since 0.1.0
 */
export const roadmapProgressView = (
  document: RoadmapProgressDocument,
  asOf: LocalDate,
): RoadmapProgressView => {
  const directions = roadmapProgress(document.state, asOf);
  const sum = (figure: 'measures' | 'planned' | 'active' | 'done' | 'slipped' | 'cancelled') =>
    directions.reduce((total, direction) => total + direction[figure], 0);
  const measures = sum('measures');
  const done = sum('done');
  const view = {
    roadmapId: document.roadmapId,
    region: document.region,
    status: document.status,
    version: document.version,
    asOf,
    totals: {
      measures,
      planned: sum('planned'),
      active: sum('active'),
      done,
      slipped: sum('slipped'),
      cancelled: sum('cancelled'),
      progress: measures === 0 ? 0 : done / measures,
    },
    directions,
    measures: measureProgress(document.state, asOf),
    evidence: document.evidence,
  };
  const { title, period } = document.state;
  return title === undefined || period === undefined ? view : { ...view, title, period };
};

/**
 * What {@link roadmapProgressView} gives.
 *
 * @category read models
 * @since 0.1.0
 */
export interface RoadmapProgressView {
  readonly roadmapId: string;
  readonly region: string;
  readonly status: RoadmapProgressDocument['status'];
  readonly version: number;
  readonly title?: LocalizedText;
  readonly period?: { readonly startsOn: LocalDate; readonly endsOn: LocalDate };
  readonly asOf: LocalDate;
  readonly totals: Omit<DirectionProgress, 'direction' | 'kpis'>;
  readonly directions: readonly DirectionProgress[];
  readonly measures: readonly MeasureProgress[];
  readonly evidence: RoadmapProgressDocument['evidence'];
}

/** Drops from each older version the measures an even older version holds; the latest stays whole. */
const compact = (state: RoadmapState): RoadmapState => {
  if (state.versions.length <= 2) return state;
  const seen = new Set<string>();
  const last = state.versions.length - 1;
  let changed = false;
  const versions = state.versions.map((version, index) => {
    if (index === last) return version;
    const measures = version.measures.filter((measure) => !seen.has(measure.id));
    for (const measure of version.measures) seen.add(measure.id);
    if (measures.length === version.measures.length) return version;
    changed = true;
    return { ...version, measures };
  });
  return changed ? { ...state, versions } : state;
};

const kpiOf = (state: RoadmapState | undefined, measureId: string) =>
  state !== undefined && Object.hasOwn(state.execution, measureId)
    ? state.execution[measureId]?.kpi
    : undefined;

type EvidenceStep = Exclude<keyof MeasureEvidence, 'measureId'>;

const withEvidence = (
  evidence: RoadmapProgressDocument['evidence'],
  event: RoadmapEvent,
  recorded: RecordedEvent,
  before: RoadmapState | undefined,
  after: RoadmapState,
): RoadmapProgressDocument['evidence'] => {
  const measure = (measureId: string, step: EvidenceStep): RoadmapProgressDocument['evidence'] => {
    const found = evidence.measures.some((m) => m.measureId === measureId);
    const measures = found
      ? evidence.measures.map((m) => (m.measureId === measureId ? { ...m, [step]: recorded.id } : m))
      : [...evidence.measures, { measureId, [step]: recorded.id }];
    return { ...evidence, measures };
  };
  switch (event.type) {
    case 'RoadmapApproved':
      return { ...evidence, approved: recorded.id };
    case 'MeasureStarted':
      return measure(event.data.measureId, 'started');
    case 'KpiReported': {
      // An older measurement reported late does not replace the value in force, nor its evidence.
      const { measureId } = event.data;
      const kept = kpiOf(before, measureId) === kpiOf(after, measureId);
      return kept ? evidence : measure(measureId, 'kpi');
    }
    case 'MeasureCompleted':
      return measure(event.data.measureId, 'completed');
    case 'MeasureDeadlineRevised':
      return measure(event.data.measureId, 'deadlineRevised');
    case 'MeasureCancelled':
      return measure(event.data.measureId, 'cancelled');
    default:
      return evidence;
  }
};
