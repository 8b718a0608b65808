import * as t from 'io-ts/lib/index.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * Who issues a recommendation: a special monitoring group (by the id of its stream), or the agency itself
 * after an external analysis of corruption risks.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecommendationIssuer = t.union(
  [
    strict({ kind: t.literal('group'), groupId: boundedText(200) }, {}, 'GroupIssuer'),
    strict({ kind: t.literal('agency') }, { unit: boundedText(200) }, 'AgencyIssuer'),
  ],
  'RecommendationIssuer',
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type RecommendationIssuer = t.TypeOf<typeof RecommendationIssuer>;

/**
 * What a recommendation rests on: a group's monitoring, or the agency's external analysis of corruption
 * risks (Law "On Combating Corruption": an external analysis ends in recommendations).
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecommendationBasis = t.keyof(
  { monitoring: null, externalRiskAnalysis: null },
  'RecommendationBasis',
);

/**
 * The state body a recommendation is addressed to: its labour collective reviews it.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecommendationAddressee = strict(
  { bodyId: boundedText(100), name: LocalizedText },
  {},
  'RecommendationAddressee',
);

/**
 * The number of an item of a recommendation: a whole number from 1 to 999.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const ItemNumber = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 999,
  'ItemNumber (1 to 999)',
);

/**
 * One numbered item of a recommendation.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecommendationItem = strict({ number: ItemNumber, text: TextIn }, {}, 'RecommendationItem');

/**
 * @category recommendations
 * @since 0.1.0
 */
export type RecommendationItem = t.TypeOf<typeof RecommendationItem>;

const isSha256 = (u: unknown): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u);

/**
 * The SHA-256 of the minutes of a labour-collective meeting, as 64 lower-case hex digits; the minutes
 * themselves live outside the log.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MinutesSha256 = new t.Type<string, string, unknown>(
  'MinutesSha256',
  isSha256,
  (u, c) => (isSha256(u) ? t.success(u) : t.failure(u, c, 'expected a SHA-256 as 64 lower-case hex digits')),
  t.identity,
);

/**
 * Who attended a labour-collective meeting: how many of how many employees. At most all of them.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MeetingAttendance = t.refinement(
  strict(
    {
      present: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'a count of people (0 or more)'),
      total: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'a count of people (1 or more)'),
    },
    {},
    'MeetingAttendance',
  ),
  (a) => a.present <= a.total,
  'MeetingAttendance (present at most total)',
);

/**
 * What was done about one item, as the body reports it.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const ItemImplementation = strict({ number: ItemNumber, done: TextIn }, {}, 'ItemImplementation');

/**
 * The assessment of one item (ProZorro's vocabulary): the problem was eliminated, was not, or there is no
 * mechanism to eliminate it.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const ItemResult = t.keyof({ eliminated: null, notEliminated: null, noMechanism: null }, 'ItemResult');

/**
 * @category recommendations
 * @since 0.1.0
 */
export type ItemResult = t.TypeOf<typeof ItemResult>;

/**
 * One item's assessment, with an optional note.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const ItemAssessment = strict(
  { number: ItemNumber, result: ItemResult },
  { note: TextIn },
  'ItemAssessment',
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type ItemAssessment = t.TypeOf<typeof ItemAssessment>;

/**
 * How far a recommendation was implemented as a whole: fully, partly, or not.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const OverallImplementation = t.keyof(
  { fully: null, partly: null, not: null },
  'OverallImplementation',
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type OverallImplementation = t.TypeOf<typeof OverallImplementation>;

const at = { at: DateFromIsoString };

/**
 * A recommendation was issued. `dueOn` is the date given, or the policy's default; `defaultDue` says which.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecommendationIssued = eventType(
  'RecommendationIssued',
  strict({
    ...at,
    issuer: RecommendationIssuer,
    basis: RecommendationBasis,
    addressee: RecommendationAddressee,
    region: Region,
    items: t.array(RecommendationItem),
    issuedOn: LocalDate,
    dueOn: LocalDate,
    defaultDue: t.boolean,
  }),
);
/** The addressee acknowledged receipt. @category recommendations @since 0.1.0 */
export const RecommendationAcknowledged = eventType(
  'RecommendationAcknowledged',
  strict({ ...at, acknowledgedOn: LocalDate }, { acknowledgedBy: boundedText(200) }),
);
/** The labour collective of the addressee reviewed the recommendation at a meeting. @category recommendations @since 0.1.0 */
export const CollectiveReviewRecorded = eventType(
  'CollectiveReviewRecorded',
  strict({
    ...at,
    meetingOn: LocalDate,
    attendance: MeetingAttendance,
    decision: TextIn,
    minutesSha256: MinutesSha256,
  }),
);
/** The addressee reported what it did, item by item; `late` when after the due date. @category recommendations @since 0.1.0 */
export const ImplementationReported = eventType(
  'ImplementationReported',
  strict({ ...at, reportedOn: LocalDate, items: t.array(ItemImplementation), late: t.boolean }),
);
/** The issuer assessed the implementation, item by item and overall. @category recommendations @since 0.1.0 */
export const ImplementationAssessed = eventType(
  'ImplementationAssessed',
  strict({ ...at, assessedOn: LocalDate, items: t.array(ItemAssessment), overall: OverallImplementation }),
);
/** The recommendation was withdrawn. @category recommendations @since 0.1.0 */
export const RecommendationWithdrawn = eventType(
  'RecommendationWithdrawn',
  strict({ ...at, withdrawnOn: LocalDate, reason: TextIn }),
);
/** The due date passed without an implementation report (the deadline job). @category recommendations @since 0.1.0 */
export const RecommendationMarkedOverdue = eventType(
  'RecommendationMarkedOverdue',
  strict({ ...at, dueOn: LocalDate, overdueOn: LocalDate }),
);
/** The assessed recommendation was closed. @category recommendations @since 0.1.0 */
export const RecommendationClosed = eventType('RecommendationClosed', strict({ ...at, closedOn: LocalDate }));

/**
 * Every event of a recommendation.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringRecommendationEvents = eventRegistry(
  RecommendationIssued,
  RecommendationAcknowledged,
  CollectiveReviewRecorded,
  ImplementationReported,
  ImplementationAssessed,
  RecommendationWithdrawn,
  RecommendationMarkedOverdue,
  RecommendationClosed,
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringRecommendationEvent =
  | EventOf<typeof RecommendationIssued>
  | EventOf<typeof RecommendationAcknowledged>
  | EventOf<typeof CollectiveReviewRecorded>
  | EventOf<typeof ImplementationReported>
  | EventOf<typeof ImplementationAssessed>
  | EventOf<typeof RecommendationWithdrawn>
  | EventOf<typeof RecommendationMarkedOverdue>
  | EventOf<typeof RecommendationClosed>;
