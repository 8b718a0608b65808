import type { LocalizedText } from '../shared/Language.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import type { MeasureStatus, RoadmapState } from './RoadmapState.js';
import { firstApprovedDueOn, latestVersion, measureExecution } from './RoadmapState.js';
import type { RoadmapDirection } from './RoadmapPlan.js';
import { ROADMAP_DIRECTIONS } from './RoadmapPlan.js';

/**
 * Why a measure counts as slipped: its due date was revised past the one first approved, it is past due
 * and unfinished, or it was completed after its due date.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export type SlipReason = 'deadlineRevised' | 'pastDue' | 'completedLate';

/**
 * One measure of the plan in force, as the roadmap-progress read model shows it.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface MeasureProgress {
  readonly measureId: string;
  readonly direction: RoadmapDirection;
  readonly status: MeasureStatus;
  /** The due date in force (the latest approved version's). */
  readonly dueOn: LocalDate;
  /** The due date of the first version that approved the measure. */
  readonly approvedDueOn: LocalDate;
  readonly slipped: readonly SlipReason[];
  readonly kpi: KpiProgress;
}

/**
 * A measure's KPI: the target against the latest actual value. `achieved` reads the target's side of the
 * baseline as the better way (a target below the baseline is met by going down to it).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface KpiProgress {
  readonly indicator: LocalizedText;
  readonly unit: string;
  readonly baseline: number;
  readonly target: number;
  readonly actual?: number;
  readonly measuredOn?: LocalDate;
  readonly achieved: boolean;
}

/**
 * The progress of one direction: measures in force that are not cancelled, how many are planned, active
 * and done, how many slipped, and `progress` = done / measures (0 when there are none).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export interface DirectionProgress {
  readonly direction: RoadmapDirection;
  readonly measures: number;
  readonly planned: number;
  readonly active: number;
  readonly done: number;
  readonly slipped: number;
  readonly cancelled: number;
  readonly progress: number;
  readonly kpis: readonly (KpiProgress & { readonly measureId: string })[];
}

/**
 * Every measure of the latest approved version with its status, slips and KPI, as of a date (a measure is
 * past due once `asOf` is after its due date). A roadmap never approved has no progress yet.
 *
 * @example
 * import { Roadmap, localDate, measureProgress } from '@adal/core';
 * measureProgress(Roadmap.decider.initialState, localDate(new Date('2026-12-31T12:00:00Z'))); // []
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const measureProgress = (state: RoadmapState, asOf: LocalDate): readonly MeasureProgress[] =>
  (latestVersion(state)?.measures ?? []).map((measure) => {
    const execution = measureExecution(state, measure.id);
    const status: MeasureStatus = measure.cancelled === undefined ? execution.status : 'cancelled';
    const approvedDueOn = firstApprovedDueOn(state, measure.id) ?? measure.dueOn;
    const slipped: SlipReason[] = [];
    if (status !== 'cancelled') {
      if (measure.dueOn > approvedDueOn) slipped.push('deadlineRevised');
      if (status !== 'completed' && asOf > measure.dueOn) slipped.push('pastDue');
      if (status === 'completed' && execution.completedLate === true) slipped.push('completedLate');
    }
    const { indicator, unit, baseline, target } = measure.kpi;
    const actual = execution.kpi;
    const achieved =
      actual !== undefined && (target > baseline ? actual.value >= target : actual.value <= target);
    const kpi: KpiProgress =
      actual === undefined
        ? { indicator, unit, baseline, target, achieved }
        : {
            indicator,
            unit,
            baseline,
            target,
            actual: actual.value,
            measuredOn: actual.measuredOn,
            achieved,
          };
    return {
      measureId: measure.id,
      direction: measure.direction,
      status,
      dueOn: measure.dueOn,
      approvedDueOn,
      slipped,
      kpi,
    };
  });

/**
 * The roadmap-progress read model's figures for one roadmap, per direction, as of a date.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const roadmapProgress = (state: RoadmapState, asOf: LocalDate): readonly DirectionProgress[] => {
  const all = measureProgress(state, asOf);
  return ROADMAP_DIRECTIONS.map((direction) => {
    const mine = all.filter((m) => m.direction === direction);
    const live = mine.filter((m) => m.status !== 'cancelled');
    const count = (status: MeasureStatus) => mine.filter((m) => m.status === status).length;
    const done = count('completed');
    return {
      direction,
      measures: live.length,
      planned: count('planned'),
      active: count('active'),
      done,
      slipped: live.filter((m) => m.slipped.length > 0).length,
      cancelled: count('cancelled'),
      progress: live.length === 0 ? 0 : done / live.length,
      kpis: live.map((m) => ({ measureId: m.measureId, ...m.kpi })),
    };
  });
};
