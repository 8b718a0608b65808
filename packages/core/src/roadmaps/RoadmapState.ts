import type { LocalizedText, TextIn } from '../shared/Language.js';
import type { RegionCode } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import type { RoadmapEvent, RoadmapVersion } from './RoadmapEvents.js';
import type { PlannedMeasure, RoadmapPeriod } from './RoadmapPlan.js';

/**
 * Where a roadmap is: `draft` until version 1 is approved, then `approved`, and `revising` while a revision
 * of the approved version is open (approving it makes the next version and returns to `approved`). `none`
 * is a roadmap not yet drafted.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapStatus = 'none' | 'draft' | 'approved' | 'revising';

/**
 * Where a measure is: `planned → active → completed`, or `cancelled` once an approved version cancels it.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export type MeasureStatus = 'planned' | 'active' | 'completed' | 'cancelled';

/**
 * How the work on one measure went: started, milestones done, the latest KPI value, completion. This is
 * progress, not plan: it changes without a revision, and no approved version holds it.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface MeasureExecution {
  readonly status: 'planned' | 'active' | 'completed';
  readonly startedOn?: LocalDate;
  /** The day each milestone was done, by milestone id. */
  readonly milestonesDone: Readonly<Record<string, LocalDate>>;
  /** The KPI value with the latest measurement date. */
  readonly kpi?: { readonly value: number; readonly measuredOn: LocalDate; readonly reportedOn: LocalDate };
  readonly completedOn?: LocalDate;
  /** Completed after the due date that was in force on the day. */
  readonly completedLate?: boolean;
}

/**
 * An open revision: the version it will become, the version it starts from, and why it was opened.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface OpenRevision {
  readonly version: number;
  readonly basedOn: number;
  readonly reason: TextIn;
  readonly openedOn: LocalDate;
}

/**
 * What the decider knows of a roadmap. `versions` holds every approved version exactly as approved; `plan`
 * is the plan being worked on (the draft, the open revision, or a copy of the latest version when no
 * revision is open); `execution` is the progress of each measure.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface RoadmapState {
  readonly status: RoadmapStatus;
  readonly region?: RegionCode;
  readonly title?: LocalizedText;
  readonly period?: RoadmapPeriod;
  readonly plan: readonly PlannedMeasure[];
  readonly versions: readonly RoadmapVersion[];
  readonly revision?: OpenRevision;
  readonly execution: Readonly<Record<string, MeasureExecution>>;
}

/**
 * The state of a roadmap that was never drafted.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const initialRoadmapState: RoadmapState = { status: 'none', plan: [], versions: [], execution: {} };

const NOT_STARTED: MeasureExecution = { status: 'planned', milestonesDone: {} };

// Ids come from the office: a measure named `constructor` must not find Object.prototype's member.
const own = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/**
 * Whether a milestone of a measure's progress is done.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const isMilestoneDone = (execution: MeasureExecution, milestoneId: string): boolean =>
  own(execution.milestonesDone, milestoneId) !== undefined;

/**
 * The latest approved version, if any.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const latestVersion = (state: RoadmapState): RoadmapVersion | undefined =>
  state.versions[state.versions.length - 1];

/**
 * A measure as the latest approved version has it: the plan in force.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const measureInForce = (state: RoadmapState, measureId: string): PlannedMeasure | undefined =>
  latestVersion(state)?.measures.find((m) => m.id === measureId);

/**
 * A measure's due date in the first version that approved it: the commitment a later date slips from.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const firstApprovedDueOn = (state: RoadmapState, measureId: string): LocalDate | undefined => {
  for (const version of state.versions) {
    const measure = version.measures.find((m) => m.id === measureId);
    if (measure !== undefined) return measure.dueOn;
  }
  return undefined;
};

/**
 * The progress of a measure (a measure without progress yet is planned).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const measureExecution = (state: RoadmapState, measureId: string): MeasureExecution =>
  own(state.execution, measureId) ?? NOT_STARTED;

/**
 * A measure's status: `cancelled` when the plan in force cancels it (or the draft does, before any
 * approval), else how far its work went. `undefined` for a measure the roadmap does not have.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const measureStatus = (state: RoadmapState, measureId: string): MeasureStatus | undefined => {
  const planned = state.plan.find((m) => m.id === measureId);
  if (planned === undefined) return undefined;
  const governing = state.versions.length === 0 ? planned : measureInForce(state, measureId);
  if (governing?.cancelled !== undefined) return 'cancelled';
  return measureExecution(state, measureId).status;
};

const withMeasure = (
  state: RoadmapState,
  measureId: string,
  change: (measure: PlannedMeasure) => PlannedMeasure,
): RoadmapState => ({ ...state, plan: state.plan.map((m) => (m.id === measureId ? change(m) : m)) });

const withExecution = (
  state: RoadmapState,
  measureId: string,
  change: (execution: MeasureExecution) => MeasureExecution,
): RoadmapState => ({
  ...state,
  execution: { ...state.execution, [measureId]: change(measureExecution(state, measureId)) },
});

/**
 * How a roadmap's state follows from its events.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const evolveRoadmap = (state: RoadmapState, event: RoadmapEvent): RoadmapState => {
  switch (event.type) {
    case 'RoadmapDrafted': {
      const drafted = {
        ...state,
        status: 'draft' as const,
        title: event.data.title,
        period: event.data.period,
      };
      return event.data.region === undefined ? drafted : { ...drafted, region: event.data.region };
    }
    case 'MeasureAdded': {
      const { measure } = event.data;
      return {
        ...state,
        plan: [...state.plan, measure],
        execution: { ...state.execution, [measure.id]: NOT_STARTED },
      };
    }
    case 'RoadmapApproved': {
      const { at: _at, ...version } = event.data;
      const { revision: _revision, ...rest } = state;
      return { ...rest, status: 'approved', versions: [...state.versions, version], plan: version.measures };
    }
    case 'RoadmapRevisionOpened': {
      const { version, basedOn, reason, openedOn } = event.data;
      return { ...state, status: 'revising', revision: { version, basedOn, reason, openedOn } };
    }
    case 'MeasureStarted':
      return withExecution(state, event.data.measureId, (x) => ({
        ...x,
        status: 'active',
        startedOn: event.data.startedOn,
      }));
    case 'MilestoneRecorded':
      return withExecution(state, event.data.measureId, (x) => ({
        ...x,
        milestonesDone: { ...x.milestonesDone, [event.data.milestoneId]: event.data.doneOn },
      }));
    case 'KpiReported': {
      const { value, measuredOn, reportedOn } = event.data;
      // Reports may arrive out of order; the value measured last is the actual one.
      return withExecution(state, event.data.measureId, (x) =>
        x.kpi !== undefined && x.kpi.measuredOn > measuredOn
          ? x
          : { ...x, kpi: { value, measuredOn, reportedOn } },
      );
    }
    case 'MeasureCompleted':
      return withExecution(state, event.data.measureId, (x) => ({
        ...x,
        status: 'completed',
        completedOn: event.data.completedOn,
        completedLate: event.data.late,
      }));
    case 'MeasureDeadlineRevised':
      return withMeasure(state, event.data.measureId, (m) => ({ ...m, dueOn: event.data.newDueOn }));
    case 'MeasureCancelled':
      return withMeasure(state, event.data.measureId, (m) => ({
        ...m,
        cancelled: { reason: event.data.reason, cancelledOn: event.data.cancelledOn },
      }));
  }
};
