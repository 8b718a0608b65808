import * as t from 'io-ts/lib/index.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { showValue } from '../showValue.js';
import { strict } from '../strict.js';
import { GeoPoint } from '../shared/GeoPoint.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * A score from 1 (very bad) to 5 (very good).
 *
 * @category ratings
 * @since 0.1.0
 */
export const Score = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 5,
  'Score (an integer 1 to 5)',
);

const PSEUDONYM = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * The rater's pseudonym for one service instance: an HMAC of the person and the service instance, computed
 * by the client with a key the log never holds, written as 16 to 128 characters of hex or base64url. It is
 * the id of the rating's stream, so a second rating of the same instance lands on the same stream and is
 * refused, while ratings of different services cannot be linked to one person.
 *
 * @category ratings
 * @since 0.1.0
 */
export const RaterPseudonym = new t.Type<string, string, unknown>(
  'RaterPseudonym',
  (u): u is string => typeof u === 'string' && PSEUDONYM.test(u),
  (u, c) =>
    typeof u === 'string' && PSEUDONYM.test(u)
      ? t.success(u)
      : t.failure(u, c, `expected an HMAC as 16 to 128 hex or base64url characters, got ${showValue(u)}`),
  t.identity,
);

/**
 * A public service from the register of public services: its code, and its name where the client has it.
 *
 * @category ratings
 * @since 0.1.0
 */
export const PublicService = strict({ code: boundedText(40) }, { name: LocalizedText }, 'PublicService');

/**
 * @category ratings
 * @since 0.1.0
 */
export type PublicService = t.TypeOf<typeof PublicService>;

/**
 * What kind of provider gave the service: a public service centre branch, the e-government portal, a
 * state body's own office, or another.
 *
 * @category ratings
 * @since 0.1.0
 */
export const ProviderKind = t.keyof(
  { publicServiceCentre: null, eGov: null, stateBody: null, other: null },
  'ProviderKind',
);

/**
 * Who gave the service: its kind, its id, and optionally its name and where it is (a branch's location,
 * which a linked report puts on the map).
 *
 * @category ratings
 * @since 0.1.0
 */
export const ServiceProvider = strict(
  { kind: ProviderKind, id: boundedText(100) },
  { name: LocalizedText, point: GeoPoint },
  'ServiceProvider',
);

/**
 * @category ratings
 * @since 0.1.0
 */
export type ServiceProvider = t.TypeOf<typeof ServiceProvider>;

/**
 * The criteria a rater answers besides the score: whether an informal payment was demanded (always asked),
 * and optionally the waiting time and courtesy as scores, and the minutes waited.
 *
 * @category ratings
 * @since 0.1.0
 */
export const RatingCriteria = strict(
  { informalPaymentDemanded: t.boolean },
  {
    waitingTime: Score,
    courtesy: Score,
    waitingMinutes: t.refinement(
      t.number,
      (n) => Number.isInteger(n) && n >= 0 && n <= 100_000,
      'WaitingMinutes (a whole number of minutes)',
    ),
  },
  'RatingCriteria',
);

/**
 * @category ratings
 * @since 0.1.0
 */
export type RatingCriteria = t.TypeOf<typeof RatingCriteria>;

/**
 * The kind of violation a flag reports.
 *
 * @category ratings
 * @since 0.1.0
 */
export const ViolationKind = t.keyof(
  {
    informalPayment: null,
    extortion: null,
    rudeness: null,
    excessiveWaiting: null,
    refusalToServe: null,
    unlawfulRequirements: null,
    other: null,
  },
  'ViolationKind',
);

/**
 * How a flag was resolved: the violation was confirmed (and measures taken), not confirmed, or the matter
 * was referred for investigation.
 *
 * @category ratings
 * @since 0.1.0
 */
export const FlagResolution = t.keyof(
  { violationConfirmed: null, notConfirmed: null, referredForInvestigation: null },
  'FlagResolution',
);

/**
 * The id of the citizen report a flag opens, chosen by the client when it submits that report.
 *
 * @category ratings
 * @since 0.1.0
 */
export const LinkedReportId = boundedText(200, 'LinkedReportId (1 to 200 characters)');

/**
 * What the client needs to submit the `CitizenReport` a flagged violation opens: its id, the category
 * (always public-service quality), the service, the provider, the region, the description, and the place
 * when it is known. The client submits the report; the rating only records the link.
 *
 * @category ratings
 * @since 0.1.0
 */
export const LinkedReport = strict(
  {
    reportId: LinkedReportId,
    category: t.literal('publicServiceQuality'),
    service: PublicService,
    provider: ServiceProvider,
    region: Region,
    description: TextIn,
  },
  { point: GeoPoint },
  'LinkedReport',
);

/**
 * @category ratings
 * @since 0.1.0
 */
export type LinkedReport = t.TypeOf<typeof LinkedReport>;

const at = { at: DateFromIsoString };
const verdict = {
  score: Score,
  criteria: RatingCriteria,
  lowScore: t.boolean,
  lowScoreThreshold: t.refinement(t.number, (n) => Number.isFinite(n), 'LowScoreThreshold (a number)'),
};
const WholeDays = t.refinement(t.number, (n) => Number.isInteger(n), 'WorkingDays (a whole number)');

/**
 * A service was rated. `lowScore` says the score was at or below the region's threshold
 * (`lowScoreThreshold`, recorded as it was that day); a low score starts a response deadline,
 * `responseDueOn`.
 *
 * @category ratings
 * @since 0.1.0
 */
export const ServiceRated = eventType(
  'ServiceRated',
  strict(
    {
      ...at,
      pseudonym: RaterPseudonym,
      service: PublicService,
      provider: ServiceProvider,
      region: Region,
      receivedAt: DateFromIsoString,
      ratedOn: LocalDate,
      ...verdict,
    },
    { comment: TextIn, responseDueOn: LocalDate },
  ),
);
/**
 * The rater corrected the rating. The original rating stays as it was; this is the rating from now on.
 * A correction that makes a rating low starts a response deadline if none was started.
 *
 * @category ratings
 * @since 0.1.0
 */
export const RatingCorrected = eventType(
  'RatingCorrected',
  strict(
    { ...at, previousScore: Score, ...verdict, reason: TextIn, correctedOn: LocalDate },
    { comment: TextIn, responseDueOn: LocalDate },
  ),
);
/** A violation was flagged: a response is due, and a linked citizen report is opened. @category ratings @since 0.1.0 */
export const ViolationFlagged = eventType(
  'ViolationFlagged',
  strict({
    ...at,
    violation: ViolationKind,
    flaggedBy: t.keyof({ rater: null, monitor: null }),
    flaggedOn: LocalDate,
    responseDueOn: LocalDate,
    linkedReport: LinkedReport,
  }),
);
/**
 * The authorised body responded to the rating. When a response was due, the event says by when, whether
 * the response came on time, and how many working days it took from the start of the deadline.
 *
 * @category ratings
 * @since 0.1.0
 */
export const RatingResponded = eventType(
  'RatingResponded',
  strict(
    { ...at, response: TextIn, respondedBy: boundedText(100), respondedOn: LocalDate },
    {
      deadline: strict(
        { startedOn: LocalDate, dueOn: LocalDate, onTime: t.boolean, workingDaysTaken: WholeDays },
        {},
        'ResponseDeadline',
      ),
    },
  ),
);
/** A flagged violation was resolved. @category ratings @since 0.1.0 */
export const FlagResolved = eventType(
  'FlagResolved',
  strict({
    ...at,
    reportId: LinkedReportId,
    resolution: FlagResolution,
    note: TextIn,
    resolvedOn: LocalDate,
  }),
);

/**
 * Every event of a service rating.
 *
 * @category ratings
 * @since 0.1.0
 */
export const ServiceRatingEvents = eventRegistry(
  ServiceRated,
  RatingCorrected,
  ViolationFlagged,
  RatingResponded,
  FlagResolved,
);

/**
 * @category ratings
 * @since 0.1.0
 */
export type ServiceRatingEvent =
  | EventOf<typeof ServiceRated>
  | EventOf<typeof RatingCorrected>
  | EventOf<typeof ViolationFlagged>
  | EventOf<typeof RatingResponded>
  | EventOf<typeof FlagResolved>;
