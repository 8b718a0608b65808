import * as t from 'io-ts/lib/index.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';
import { TextIn } from '../shared/Language.js';
import { Tiyn } from '../shared/Money.js';
import { OfficialLevel } from '../shared/OfficialLevel.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * Where a case came from: a citizen's report, a finding of a special monitoring group, an audit, or the
 * agency's own detection.
 *
 * @category cases
 * @since 0.1.0
 */
export const CaseSource = t.keyof(
  { report: null, monitoringFinding: null, audit: null, ownDetection: null },
  'CaseSource',
);

/**
 * @category cases
 * @since 0.1.0
 */
export type CaseSource = t.TypeOf<typeof CaseSource>;

const ARTICLE_NUMBER = /^[1-9][0-9]{0,2}(-[1-9][0-9]?)?$/;

const smallOrdinal = (name: string) =>
  t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 20, name);

/**
 * An offence as the Criminal Code of the Republic of Kazakhstan numbers it: the article (`366`, or an
 * inserted one such as `249-1`), and optionally its part and paragraph. No list of "corruption articles" is
 * built in: the Code's note defining them changes with the law, so the office names the article.
 *
 * @example
 * import { OffenceArticle } from '@adal/core';
 * OffenceArticle.decode({ article: '366', part: 4 })._tag; // 'Right': bribe taking, part 4
 *
 * @category cases
 * @since 0.1.0
 */
export const OffenceArticle = strict(
  {
    article: new t.Type<string, string, unknown>(
      'CriminalCodeArticle',
      (u): u is string => typeof u === 'string' && ARTICLE_NUMBER.test(u),
      (u, c) =>
        typeof u === 'string' && ARTICLE_NUMBER.test(u)
          ? t.success(u)
          : t.failure(
              u,
              c,
              `expected an article of the Criminal Code such as "366" or "249-1", got ${JSON.stringify(u) ?? 'nothing'}`,
            ),
      t.identity,
    ),
  },
  { part: smallOrdinal('PartNumber(1..20)'), paragraph: smallOrdinal('ParagraphNumber(1..20)') },
  'OffenceArticle',
);

/**
 * @category cases
 * @since 0.1.0
 */
export type OffenceArticle = t.TypeOf<typeof OffenceArticle>;

/**
 * A suspect of a case, by a pseudonymous person id that the client derives; personal data never enters the case's
 * events. A bare 12-digit number is refused, because it would be an IIN.
 *
 * @category cases
 * @since 0.1.0
 */
export const SuspectId = new t.Type<string, string, unknown>(
  'SuspectId',
  (u): u is string =>
    typeof u === 'string' && u.trim() === u && u.length > 0 && u.length <= 100 && !/^[0-9]{12}$/.test(u),
  (u, c) => {
    const text = boundedText(100, 'SuspectId').validate(u, c);
    if (text._tag === 'Left') return text;
    return /^[0-9]{12}$/.test(text.right)
      ? t.failure(u, c, 'must be a pseudonymous id, not an IIN')
      : t.success(text.right);
  },
  t.identity,
);

/**
 * How a court decided: everyone convicted, everyone acquitted, or some of each.
 *
 * @category cases
 * @since 0.1.0
 */
export const VerdictOutcome = t.keyof(
  { convicted: null, acquitted: null, partlyConvicted: null },
  'VerdictOutcome',
);

/**
 * A list of distinct person ids, at least one.
 *
 * @category cases
 * @since 0.1.0
 */
export const SuspectIds = t.refinement(
  t.array(SuspectId),
  (ids) => ids.length > 0 && ids.length <= 500 && new Set(ids).size === ids.length,
  'SuspectIds (1 to 500, each once)',
);

const at = { at: DateFromIsoString };

/**
 * A suspect's standing as the statistics read it: the official level (absent for a person who is not an
 * official, such as a private bribe-giver) and whether they head a body. Copied onto the detention and
 * the charge, so "heads detained by level" is counted from detentions alone.
 */
const standing = { head: t.boolean };
const optionalLevel = { level: OfficialLevel };

/**
 * A case was registered. It carries the region and the registration date and year, which the yearly
 * statistics count offences by.
 *
 * @category cases
 * @since 0.1.0
 */
export const CaseRegistered = eventType(
  'CaseRegistered',
  strict(
    {
      ...at,
      region: Region,
      offence: OffenceArticle,
      source: CaseSource,
      registeredOn: LocalDate,
      registrationYear: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1991 && n <= 9999, 'Year'),
    },
    { reportId: boundedText(200), registrationNumber: boundedText(60), summary: TextIn },
  ),
);
/** The pre-trial investigation started. @category cases @since 0.1.0 */
export const InvestigationStarted = eventType(
  'InvestigationStarted',
  strict({ ...at, startedOn: LocalDate }, { investigatorId: boundedText(100) }),
);
/** A person was identified as a suspect: exposed, once per case. @category cases @since 0.1.0 */
export const SuspectIdentified = eventType(
  'SuspectIdentified',
  strict(
    { ...at, personId: SuspectId, position: boundedText(300), identifiedOn: LocalDate, ...standing },
    optionalLevel,
  ),
);
/** An identified suspect was detained, once per case. @category cases @since 0.1.0 */
export const SuspectDetained = eventType(
  'SuspectDetained',
  strict({ ...at, personId: SuspectId, detainedOn: LocalDate, ...standing }, optionalLevel),
);
/** An identified suspect was charged (brought to criminal liability), once per case. @category cases @since 0.1.0 */
export const SuspectCharged = eventType(
  'SuspectCharged',
  strict({ ...at, personId: SuspectId, chargedOn: LocalDate, ...standing }, optionalLevel),
);
/** The case was found to involve an organised criminal group, with its first members. @category cases @since 0.1.0 */
export const OrganisedGroupMarked = eventType(
  'OrganisedGroupMarked',
  strict({ ...at, markedOn: LocalDate, members: SuspectIds }, { description: TextIn }),
);
/** More suspects were found to belong to the case's organised group. @category cases @since 0.1.0 */
export const OrganisedGroupMembersAdded = eventType(
  'OrganisedGroupMembersAdded',
  strict({ ...at, members: SuspectIds }),
);
/**
 * A fact of systemic corruption was found, with the officials linked to it. The officials charged for it
 * are those of them who are (or later become) charged suspects of the case.
 *
 * @category cases
 * @since 0.1.0
 */
export const SystemicFactMarked = eventType(
  'SystemicFactMarked',
  strict({
    ...at,
    factId: boundedText(100),
    markedOn: LocalDate,
    description: TextIn,
    officials: SuspectIds,
  }),
);
/** More officials were linked to a known fact of systemic corruption. @category cases @since 0.1.0 */
export const OfficialsLinkedToSystemicFact = eventType(
  'OfficialsLinkedToSystemicFact',
  strict({ ...at, factId: boundedText(100), officials: SuspectIds }),
);
/** Damage to the state was established: this amount, added to what was established before. @category cases @since 0.1.0 */
export const DamageRecorded = eventType(
  'DamageRecorded',
  strict({ ...at, amount: Tiyn, recordedOn: LocalDate }, { basis: TextIn }),
);
/**
 * Damage was recovered: this amount, added to what was recovered before. `reason` is present when it was
 * stated, and always when the recovery took the total above the damage.
 *
 * @category cases
 * @since 0.1.0
 */
export const RecoveryRecorded = eventType(
  'RecoveryRecorded',
  strict({ ...at, amount: Tiyn, recoveredOn: LocalDate }, { reason: TextIn }),
);
/** The case went to court with its indictment. @category cases @since 0.1.0 */
export const CaseSentToCourt = eventType(
  'CaseSentToCourt',
  strict({ ...at, court: boundedText(300), sentOn: LocalDate }),
);
/** The court's verdict. @category cases @since 0.1.0 */
export const VerdictRecorded = eventType(
  'VerdictRecorded',
  strict({ ...at, outcome: VerdictOutcome, verdictOn: LocalDate }, { summary: TextIn }),
);
/** The case was terminated without a verdict. @category cases @since 0.1.0 */
export const CaseTerminated = eventType(
  'CaseTerminated',
  strict({ ...at, reason: TextIn, terminatedOn: LocalDate }),
);
/** The adjudicated case was closed. @category cases @since 0.1.0 */
export const CaseClosed = eventType('CaseClosed', strict({ ...at, closedOn: LocalDate }));

/**
 * Every event of a corruption case.
 *
 * @category cases
 * @since 0.1.0
 */
export const CorruptionCaseEvents = eventRegistry(
  CaseRegistered,
  InvestigationStarted,
  SuspectIdentified,
  SuspectDetained,
  SuspectCharged,
  OrganisedGroupMarked,
  OrganisedGroupMembersAdded,
  SystemicFactMarked,
  OfficialsLinkedToSystemicFact,
  DamageRecorded,
  RecoveryRecorded,
  CaseSentToCourt,
  VerdictRecorded,
  CaseTerminated,
  CaseClosed,
);

/**
 * @category cases
 * @since 0.1.0
 */
export type CorruptionCaseEvent =
  | EventOf<typeof CaseRegistered>
  | EventOf<typeof InvestigationStarted>
  | EventOf<typeof SuspectIdentified>
  | EventOf<typeof SuspectDetained>
  | EventOf<typeof SuspectCharged>
  | EventOf<typeof OrganisedGroupMarked>
  | EventOf<typeof OrganisedGroupMembersAdded>
  | EventOf<typeof SystemicFactMarked>
  | EventOf<typeof OfficialsLinkedToSystemicFact>
  | EventOf<typeof DamageRecorded>
  | EventOf<typeof RecoveryRecorded>
  | EventOf<typeof CaseSentToCourt>
  | EventOf<typeof VerdictRecorded>
  | EventOf<typeof CaseTerminated>
  | EventOf<typeof CaseClosed>;
