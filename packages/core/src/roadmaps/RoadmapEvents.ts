import * as t from 'io-ts/lib/index.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import {
  KpiValue,
  MeasurePlan,
  PlanItemId,
  PlannedMeasure,
  RoadmapPeriod,
  VersionNumber,
} from './RoadmapPlan.js';

const versionRequired = {
  version: VersionNumber,
  approvedOn: LocalDate,
  approvedBy: boundedText(200),
  title: LocalizedText,
  period: RoadmapPeriod,
  measures: t.readonlyArray(PlannedMeasure),
};
const versionOptional = { decisionNumber: boundedText(60), revisionReason: TextIn };

/**
 * An approved version of a roadmap, exactly as it was approved: once approved it never changes.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapVersion = strict(versionRequired, versionOptional, 'RoadmapVersion');

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapVersion = t.TypeOf<typeof RoadmapVersion>;

const at = { at: DateFromIsoString };
const measureId = { measureId: PlanItemId };

/** A roadmap was drafted; national unless a region is named. @category roadmaps @since 0.1.0 */
export const RoadmapDrafted = eventType(
  'RoadmapDrafted',
  strict({ ...at, title: LocalizedText, period: RoadmapPeriod, draftedOn: LocalDate }, { region: Region }),
);
/** A measure was added to the plan that will become `version`. @category roadmaps @since 0.1.0 */
export const MeasureAdded = eventType(
  'MeasureAdded',
  strict({ ...at, measure: MeasurePlan, version: VersionNumber }),
);
/**
 * A version was approved. The event carries the whole plan approved, so the version can be read and
 * checked from this one event.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapApproved = eventType(
  'RoadmapApproved',
  strict({ ...at, ...versionRequired }, versionOptional),
);
/** A revision of the approved version `basedOn` was opened; it will become `version`. @category roadmaps @since 0.1.0 */
export const RoadmapRevisionOpened = eventType(
  'RoadmapRevisionOpened',
  strict({ ...at, version: VersionNumber, basedOn: VersionNumber, reason: TextIn, openedOn: LocalDate }),
);
/** Work on an approved measure started. @category roadmaps @since 0.1.0 */
export const MeasureStarted = eventType(
  'MeasureStarted',
  strict({ ...at, ...measureId, startedOn: LocalDate }),
);
/** A milestone of a measure was done. @category roadmaps @since 0.1.0 */
export const MilestoneRecorded = eventType(
  'MilestoneRecorded',
  strict(
    { ...at, ...measureId, milestoneId: PlanItemId, mandatory: t.boolean, doneOn: LocalDate },
    { note: TextIn },
  ),
);
/** The actual value of a measure's KPI on a date. @category roadmaps @since 0.1.0 */
export const KpiReported = eventType(
  'KpiReported',
  strict({ ...at, ...measureId, value: KpiValue, measuredOn: LocalDate, reportedOn: LocalDate }),
);
/** A measure was completed, on time or `late` against the due date in force. @category roadmaps @since 0.1.0 */
export const MeasureCompleted = eventType(
  'MeasureCompleted',
  strict({ ...at, ...measureId, completedOn: LocalDate, dueOn: LocalDate, late: t.boolean }),
);
/**
 * A measure's due date was revised, in a draft or in an open revision (`version` is the one being prepared).
 * `approvedDueOn` is the due date of the first version that approved the measure; `slipped` says the new
 * date lies after it.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const MeasureDeadlineRevised = eventType(
  'MeasureDeadlineRevised',
  strict(
    {
      ...at,
      ...measureId,
      previousDueOn: LocalDate,
      newDueOn: LocalDate,
      reason: TextIn,
      revisedOn: LocalDate,
      version: VersionNumber,
      slipped: t.boolean,
    },
    { approvedDueOn: LocalDate },
  ),
);
/** A measure was cancelled, in a draft or in an open revision. @category roadmaps @since 0.1.0 */
export const MeasureCancelled = eventType(
  'MeasureCancelled',
  strict({ ...at, ...measureId, reason: TextIn, cancelledOn: LocalDate, version: VersionNumber }),
);

/**
 * Every event of a roadmap.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapEvents = eventRegistry(
  RoadmapDrafted,
  MeasureAdded,
  RoadmapApproved,
  RoadmapRevisionOpened,
  MeasureStarted,
  MilestoneRecorded,
  KpiReported,
  MeasureCompleted,
  MeasureDeadlineRevised,
  MeasureCancelled,
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapEvent =
  | EventOf<typeof RoadmapDrafted>
  | EventOf<typeof MeasureAdded>
  | EventOf<typeof RoadmapApproved>
  | EventOf<typeof RoadmapRevisionOpened>
  | EventOf<typeof MeasureStarted>
  | EventOf<typeof MilestoneRecorded>
  | EventOf<typeof KpiReported>
  | EventOf<typeof MeasureCompleted>
  | EventOf<typeof MeasureDeadlineRevised>
  | EventOf<typeof MeasureCancelled>;
