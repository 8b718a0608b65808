import * as t from 'io-ts/lib/index.js';
import { taggedUnion } from '../taggedUnion.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';
import { personal } from '../protection/Erased.js';
import { GeoPoint } from '../shared/GeoPoint.js';
import { Iin } from '../shared/Iin.js';
import { TextIn } from '../shared/Language.js';
import { Tiyn } from '../shared/Money.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * How a report reached the office.
 *
 * @category reports
 * @since 0.1.0
 */
export const ReportChannel = t.keyof(
  { map: null, mobileApp: null, portal: null, callCentre1424: null, eGov: null },
  'ReportChannel',
);

/**
 * What a report is about.
 *
 * @category reports
 * @since 0.1.0
 */
export const ReportCategory = t.keyof(
  {
    procurement: null,
    constructionQuality: null,
    misuseOfFunds: null,
    briberyOrExtortion: null,
    publicServiceQuality: null,
    other: null,
  },
  'ReportCategory',
);

/**
 * @category reports
 * @since 0.1.0
 */
export type ReportCategory = t.TypeOf<typeof ReportCategory>;

/**
 * A budget-funded object a report is about: a school under construction, a road repair, a procurement lot.
 *
 * @category reports
 * @since 0.1.0
 */
export const BudgetObject = strict(
  { name: boundedText(300) },
  { programmeCode: boundedText(40), amount: Tiyn },
  'BudgetObject',
);

/**
 * A piece of evidence: its SHA-256, media type and size. The bytes live outside the log.
 *
 * @category reports
 * @since 0.1.0
 */
export const Evidence = strict(
  {
    sha256: new t.Type<string, string, unknown>(
      'Sha256',
      (u): u is string => typeof u === 'string' && /^[0-9a-f]{64}$/.test(u),
      (u, c) =>
        typeof u === 'string' && /^[0-9a-f]{64}$/.test(u)
          ? t.success(u)
          : t.failure(u, c, 'expected a SHA-256 as 64 lower-case hex digits'),
      t.identity,
    ),
    mediaType: boundedText(100),
    size: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'a size in bytes'),
  },
  {},
  'Evidence',
);

/**
 * @category reports
 * @since 0.1.0
 */
export type Evidence = t.TypeOf<typeof Evidence>;

/**
 * Who reports, as a command gives it: an identified citizen (a pseudonymous subject id, plus personal data
 * that the client encrypts per subject before it is stored), or an anonymous one, known only by values
 * derived from a receipt the office never sees. The event keeps it as {@link RecordedReporter}.
 *
 * @category reports
 * @since 0.1.0
 */
export const Reporter = taggedUnion(
  [
    strict(
      { kind: t.literal('identified'), subjectId: boundedText(100), name: boundedText(200) },
      { phone: boundedText(40), iin: Iin },
      'IdentifiedReporter',
    ),
    strict({ kind: t.literal('anonymous'), receiptHash: boundedText(200) }, {}, 'AnonymousReporter'),
  ],
  'Reporter',
  'kind',
);

/**
 * @category reports
 * @since 0.1.0
 */
export type Reporter = t.TypeOf<typeof Reporter>;

/**
 * The reporter as `ReportSubmitted` records it: an identified reporter's name, phone and IIN are personal
 * data (see `PERSONAL_DATA`), so each reads as its value, or as `Erased` once the reporter was forgotten.
 *
 * @category reports
 * @since 0.1.0
 */
export const RecordedReporter = taggedUnion(
  [
    strict(
      {
        kind: t.literal('identified'),
        subjectId: boundedText(100),
        name: personal(boundedText(200)),
      },
      { phone: personal(boundedText(40)), iin: personal(Iin) },
      'RecordedIdentifiedReporter',
    ),
    strict({ kind: t.literal('anonymous'), receiptHash: boundedText(200) }, {}, 'AnonymousReporter'),
  ],
  'RecordedReporter',
  'kind',
);

/**
 * @category reports
 * @since 0.1.0
 */
export type RecordedReporter = t.TypeOf<typeof RecordedReporter>;

/**
 * The officer who decided an extension: a head or a deputy head, by name.
 *
 * @category reports
 * @since 0.1.0
 */
export const ExtensionDecider = strict(
  {
    officerId: boundedText(100),
    name: boundedText(200),
    position: t.keyof({ head: null, deputyHead: null }),
  },
  {},
  'ExtensionDecider',
);

/**
 * The deciding officer as `DeadlineExtended` records it: the name is personal data of the officer (see
 * `PERSONAL_DATA`), so it reads as `Erased` once the officer was forgotten; the officer id stays.
 *
 * @category reports
 * @since 0.1.0
 */
export const RecordedExtensionDecider = strict(
  {
    officerId: boundedText(100),
    name: personal(boundedText(200)),
    position: t.keyof({ head: null, deputyHead: null }),
  },
  {},
  'RecordedExtensionDecider',
);

/**
 * How a closed report ended.
 *
 * @category reports
 * @since 0.1.0
 */
export const ReportOutcome = t.keyof(
  { confirmed: null, partlyConfirmed: null, notConfirmed: null, referred: null },
  'ReportOutcome',
);

const at = { at: DateFromIsoString };

/** @category reports @since 0.1.0 */
export const ReportSubmitted = eventType(
  'ReportSubmitted',
  strict(
    {
      ...at,
      channel: ReportChannel,
      region: Region,
      point: GeoPoint,
      category: ReportCategory,
      description: TextIn,
      evidence: t.array(Evidence),
      reporter: RecordedReporter,
    },
    { budgetObject: BudgetObject },
  ),
);
/** @category reports @since 0.1.0 */
export const EvidenceAttached = eventType('EvidenceAttached', strict({ ...at, evidence: Evidence }));
/** @category reports @since 0.1.0 */
export const ReportRegistered = eventType(
  'ReportRegistered',
  strict({ ...at, registrationNumber: boundedText(60), registeredOn: LocalDate, dueOn: LocalDate }),
);
/** @category reports @since 0.1.0 */
export const ReportAssigned = eventType(
  'ReportAssigned',
  strict({ ...at, officerId: boundedText(100), unit: boundedText(200) }),
);
/** @category reports @since 0.1.0 */
export const DeadlineExtended = eventType(
  'DeadlineExtended',
  strict({
    ...at,
    previousDueOn: LocalDate,
    newDueOn: LocalDate,
    decidedBy: RecordedExtensionDecider,
    reason: TextIn,
    notifyBy: LocalDate,
  }),
);
/** @category reports @since 0.1.0 */
export const ReporterNotifiedOfExtension = eventType(
  'ReporterNotifiedOfExtension',
  strict({ ...at, notifiedOn: LocalDate, onTime: t.boolean, channel: boundedText(60) }),
);
/** @category reports @since 0.1.0 */
export const ReportRedirected = eventType(
  'ReportRedirected',
  strict({ ...at, competentBody: boundedText(300), reason: TextIn }),
);
/** @category reports @since 0.1.0 */
export const ReportAnswered = eventType(
  'ReportAnswered',
  strict({ ...at, answer: TextIn, answeredBy: boundedText(100), answeredOn: LocalDate, late: t.boolean }),
);
/** @category reports @since 0.1.0 */
export const ReportClosed = eventType(
  'ReportClosed',
  strict({ ...at, outcome: ReportOutcome, closedOn: LocalDate }),
);
/** @category reports @since 0.1.0 */
export const ReportMarkedDuplicate = eventType(
  'ReportMarkedDuplicate',
  strict({ ...at, duplicateOf: boundedText(200) }),
);
/** @category reports @since 0.1.0 */
export const ReportRejected = eventType('ReportRejected', strict({ ...at, reason: TextIn }));
/** @category reports @since 0.1.0 */
export const ReportEscalatedToCase = eventType(
  'ReportEscalatedToCase',
  strict({ ...at, caseId: boundedText(200), reason: TextIn }),
);
/** @category reports @since 0.1.0 */
export const ReportWithdrawn = eventType(
  'ReportWithdrawn',
  strict({ ...at, withdrawnOn: LocalDate }, { reason: TextIn }),
);
/** @category reports @since 0.1.0 */
export const FollowUpPosted = eventType(
  'FollowUpPosted',
  strict({ ...at, author: t.keyof({ reporter: null, office: null }), text: TextIn }),
);
/** @category reports @since 0.1.0 */
export const ReportReopened = eventType(
  'ReportReopened',
  strict({ ...at, complaint: TextIn, reopenedOn: LocalDate, dueOn: LocalDate }),
);
/** @category reports @since 0.1.0 */
export const ReportMarkedOverdue = eventType(
  'ReportMarkedOverdue',
  strict({ ...at, dueOn: LocalDate, overdueOn: LocalDate, complaintUntil: LocalDate }),
);

/**
 * Every event of a citizen report.
 *
 * @category reports
 * @since 0.1.0
 */
export const CitizenReportEvents = eventRegistry(
  ReportSubmitted,
  EvidenceAttached,
  ReportRegistered,
  ReportAssigned,
  DeadlineExtended,
  ReporterNotifiedOfExtension,
  ReportRedirected,
  ReportAnswered,
  ReportClosed,
  ReportMarkedDuplicate,
  ReportRejected,
  ReportEscalatedToCase,
  ReportWithdrawn,
  FollowUpPosted,
  ReportReopened,
  ReportMarkedOverdue,
);

/**
 * @category reports
 * @since 0.1.0
 */
export type CitizenReportEvent =
  | EventOf<typeof ReportSubmitted>
  | EventOf<typeof EvidenceAttached>
  | EventOf<typeof ReportRegistered>
  | EventOf<typeof ReportAssigned>
  | EventOf<typeof DeadlineExtended>
  | EventOf<typeof ReporterNotifiedOfExtension>
  | EventOf<typeof ReportRedirected>
  | EventOf<typeof ReportAnswered>
  | EventOf<typeof ReportClosed>
  | EventOf<typeof ReportMarkedDuplicate>
  | EventOf<typeof ReportRejected>
  | EventOf<typeof ReportEscalatedToCase>
  | EventOf<typeof ReportWithdrawn>
  | EventOf<typeof FollowUpPosted>
  | EventOf<typeof ReportReopened>
  | EventOf<typeof ReportMarkedOverdue>;
