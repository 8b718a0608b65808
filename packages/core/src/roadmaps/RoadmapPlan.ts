import * as t from 'io-ts/lib/index.js';
import { boundedText } from '../primitives.js';
import { showValue } from '../showValue.js';
import { strict } from '../strict.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * The directions of the roadmap of the anti-corruption service: meritocracy in the service, digitalisation
 * of its internal processes, transparency, prevention, and legislation (the planned changes of the law).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapDirection = t.keyof(
  { meritocracy: null, digitalisation: null, transparency: null, prevention: null, legislation: null },
  'RoadmapDirection',
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapDirection = t.TypeOf<typeof RoadmapDirection>;

/**
 * Every direction, in the order a report lists them.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const ROADMAP_DIRECTIONS: readonly RoadmapDirection[] = [
  'meritocracy',
  'digitalisation',
  'transparency',
  'prevention',
  'legislation',
];

/**
 * A version number of an approved roadmap: 1 for the first approval, then 2, 3, … for each revision.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const VersionNumber = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1,
  'VersionNumber (an integer 1, 2, …)',
);

/**
 * A finite number, as a KPI is measured.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const KpiValue = t.refinement(t.number, (n) => Number.isFinite(n), 'KpiValue (a finite number)');

const PLAN_ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/;

/**
 * The id of a measure or a milestone, chosen by the office (`D-2`, `LEG-1.3`): 1 to 60 letters, digits,
 * `.`, `-` or `_`, starting with a letter or a digit, so it reads well in a URL and a report.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const PlanItemId = new t.Type<string, string, unknown>(
  'PlanItemId',
  (u): u is string => typeof u === 'string' && PLAN_ITEM_ID.test(u),
  (u, c) =>
    typeof u === 'string' && PLAN_ITEM_ID.test(u)
      ? t.success(u)
      : t.failure(u, c, `expected an id of 1 to 60 letters, digits, ".", "-" or "_", got ${showValue(u)}`),
  t.identity,
);

/**
 * The period a roadmap covers, from its first day to its last.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const RoadmapPeriod = strict({ startsOn: LocalDate, endsOn: LocalDate }, {}, 'RoadmapPeriod');

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type RoadmapPeriod = t.TypeOf<typeof RoadmapPeriod>;

/**
 * Who answers for a measure: a body, and optionally its unit and the responsible officer.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const MeasureOwner = strict(
  { body: boundedText(300) },
  { unit: boundedText(200), officerId: boundedText(100) },
  'MeasureOwner',
);

const KpiFields = strict(
  { indicator: LocalizedText, unit: boundedText(40), baseline: KpiValue, target: KpiValue },
  {},
  'Kpi',
);

/**
 * How a measure's result is measured: an indicator, its unit, where it starts and where it should get.
 * The target differs from the baseline; whether it lies above or below says which way is better.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const Kpi = new t.Type<t.TypeOf<typeof KpiFields>, t.OutputOf<typeof KpiFields>, unknown>(
  'Kpi',
  (u): u is t.TypeOf<typeof KpiFields> => KpiFields.is(u) && u.target !== u.baseline,
  (u, c) => {
    const decoded = KpiFields.validate(u, c);
    if (decoded._tag === 'Left' || decoded.right.target !== decoded.right.baseline) return decoded;
    const { target, baseline } = decoded.right;
    return t.failure(
      target,
      [...c, { key: 'target', type: KpiValue, actual: target }],
      `must differ from the baseline ${baseline}`,
    );
  },
  KpiFields.encode,
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type Kpi = t.TypeOf<typeof Kpi>;

/**
 * A step of a measure. A mandatory milestone must be done before the measure can be completed.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const Milestone = strict(
  { id: PlanItemId, title: LocalizedText, mandatory: t.boolean },
  { dueOn: LocalDate },
  'Milestone',
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type Milestone = t.TypeOf<typeof Milestone>;

const MilestoneList = t.array(Milestone);

/**
 * The milestones of a measure: 1 to 30, with distinct ids.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const Milestones = new t.Type<Milestone[], t.OutputOf<typeof MilestoneList>, unknown>(
  'Milestones',
  (u): u is Milestone[] =>
    MilestoneList.is(u) && u.length >= 1 && u.length <= 30 && new Set(u.map((m) => m.id)).size === u.length,
  (u, c) => {
    const decoded = MilestoneList.validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    const list = decoded.right;
    if (list.length < 1 || list.length > 30)
      return t.failure(u, c, `expected 1 to 30 milestones, got ${list.length}`);
    const seen = new Set<string>();
    for (const [index, milestone] of list.entries()) {
      if (seen.has(milestone.id)) {
        return t.failure(
          milestone.id,
          [
            ...c,
            { key: String(index), type: Milestone, actual: milestone },
            { key: 'id', type: PlanItemId, actual: milestone.id },
          ],
          `the milestone id ${milestone.id} is used twice`,
        );
      }
      seen.add(milestone.id);
    }
    return decoded;
  },
  MilestoneList.encode,
);

/**
 * The law a legislation measure changes or creates: the act, and the article where known.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const LegalReference = strict(
  { act: boundedText(300) },
  { article: boundedText(100) },
  'LegalReference',
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type LegalReference = t.TypeOf<typeof LegalReference>;

const measureProps = {
  id: PlanItemId,
  direction: RoadmapDirection,
  title: LocalizedText,
  owner: MeasureOwner,
  kpi: Kpi,
  dueOn: LocalDate,
  milestones: Milestones,
};

/**
 * A measure as it is added to a draft or a revision.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const MeasurePlan = strict(measureProps, { legalReference: LegalReference }, 'MeasurePlan');

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type MeasurePlan = t.TypeOf<typeof MeasurePlan>;

/**
 * Why and when a measure was taken out of the plan.
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const MeasureCancellation = strict(
  { reason: TextIn, cancelledOn: LocalDate },
  {},
  'MeasureCancellation',
);

/**
 * A measure as a version of the plan holds it: its plan, its current due date, and its cancellation if
 * the plan cancelled it (a cancelled measure stays in the plan, marked, so versions can be compared).
 *
 * @category roadmaps
 * @since 0.1.0
 */
export const PlannedMeasure = strict(
  measureProps,
  { legalReference: LegalReference, cancelled: MeasureCancellation },
  'PlannedMeasure',
);

/**
 * @category roadmaps
 * @since 0.1.0
 */
export type PlannedMeasure = t.TypeOf<typeof PlannedMeasure>;
