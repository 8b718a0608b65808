import * as t from 'io-ts/lib/index.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText } from '../primitives.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import {
  Kpi,
  KpiValue,
  LegalReference,
  MeasureOwner,
  Milestones,
  PlanItemId,
  RoadmapDirection,
  RoadmapPeriod,
  VersionNumber,
} from './RoadmapPlan.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;
const measureId = { measureId: PlanItemId };

/**
 * Draft a roadmap: its title and the period it covers. A roadmap of one region names it; without a
 * region the roadmap is the national one, and its stream takes the national prefix (`roadmap-KZ-00-…`).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const DraftRoadmap = command(
  'DraftRoadmap',
  { title: LocalizedText, period: RoadmapPeriod },
  { region: Region },
);

/**
 * Add a measure to the draft, or to the open revision of an approved roadmap: its direction, owner, KPI,
 * due date and milestones; a legislation measure also names the law it changes.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const AddMeasure = command(
  'AddMeasure',
  {
    ...measureId,
    direction: RoadmapDirection,
    title: LocalizedText,
    owner: MeasureOwner,
    kpi: Kpi,
    dueOn: LocalDate,
    milestones: Milestones,
  },
  { legalReference: LegalReference },
);

/**
 * Approve the draft as version 1, or the open revision as the next version.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const ApproveRoadmap = command(
  'ApproveRoadmap',
  { version: VersionNumber, approvedBy: boundedText(200) },
  { decisionNumber: boundedText(60) },
);

/** Open a revision of the approved roadmap, with the reason for it. @category roadmaps @since 0.1.0 */
export const ReviseRoadmap = command('ReviseRoadmap', { reason: TextIn });
/** Start work on an approved measure. @category roadmaps @since 0.1.0 */
export const StartMeasure = command('StartMeasure', measureId);
/** Record that a milestone of a started measure is done. @category roadmaps @since 0.1.0 */
export const RecordMilestone = command(
  'RecordMilestone',
  { ...measureId, milestoneId: PlanItemId },
  { note: TextIn },
);
/** Report the actual value of a measure's KPI, as measured on a date. @category roadmaps @since 0.1.0 */
export const ReportKpi = command('ReportKpi', { ...measureId, value: KpiValue, measuredOn: LocalDate });
/** Complete a measure whose mandatory milestones are all done. @category roadmaps @since 0.1.0 */
export const CompleteMeasure = command('CompleteMeasure', measureId);
/** Move a measure's due date, with a reason, in the draft or an open revision. @category roadmaps @since 0.1.0 */
export const ReviseMeasureDeadline = command('ReviseMeasureDeadline', {
  ...measureId,
  newDueOn: LocalDate,
  reason: TextIn,
});
/** Cancel a measure, with a reason, in the draft or an open revision. @category roadmaps @since 0.1.0 */
export const CancelMeasure = command('CancelMeasure', { ...measureId, reason: TextIn });

/**
 * Every command of a roadmap.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapCommand = taggedUnion([
  DraftRoadmap,
  AddMeasure,
  ApproveRoadmap,
  ReviseRoadmap,
  StartMeasure,
  RecordMilestone,
  ReportKpi,
  CompleteMeasure,
  ReviseMeasureDeadline,
  CancelMeasure,
]);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapCommand = t.TypeOf<typeof RoadmapCommand>;
