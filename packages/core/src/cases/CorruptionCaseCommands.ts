import * as t from 'io-ts/lib/index.js';
import { refines } from '../strict.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText } from '../primitives.js';
import { TextIn } from '../shared/Language.js';
import { Tiyn } from '../shared/Money.js';
import { OfficialLevel } from '../shared/OfficialLevel.js';
import { Region } from '../shared/Region.js';
import { CaseSource, OffenceArticle, SuspectId, SuspectIds, VerdictOutcome } from './CorruptionCaseEvents.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;

/**
 * Register a case: the offence (an article of the Criminal Code), the region, where it came from, and the
 * report it grew out of when there is one. The registration date is the day of `at` in Kazakhstan.
 *
 * @category cases
 * @since 0.1.0
 */
export const RegisterCase = command(
  'RegisterCase',
  { offence: OffenceArticle, region: Region, source: CaseSource },
  { reportId: boundedText(200), registrationNumber: boundedText(60), summary: TextIn },
);

/** Start the pre-trial investigation of a registered case. @category cases @since 0.1.0 */
export const StartInvestigation = command('StartInvestigation', {}, { investigatorId: boundedText(100) });

const identifySuspect = command(
  'IdentifySuspect',
  { personId: SuspectId, position: boundedText(300), head: t.boolean },
  { level: OfficialLevel },
);

/**
 * Identify a suspect: a pseudonymous person id, the position held, the official level (left out for a
 * person who is not an official) and whether they head a body. A head always has a level: the agency
 * counts heads by level.
 *
 * @category cases
 * @since 0.1.0
 */
export const IdentifySuspect = refines(
  new t.Type<t.TypeOf<typeof identifySuspect>, t.OutputOf<typeof identifySuspect>, unknown>(
    identifySuspect.name,
    (u): u is t.TypeOf<typeof identifySuspect> => identifySuspect.is(u) && (!u.head || u.level !== undefined),
    (u, c) => {
      const decoded = identifySuspect.validate(u, c);
      if (decoded._tag === 'Left' || !decoded.right.head || decoded.right.level !== undefined) return decoded;
      return t.failure(
        undefined,
        [...c, { key: 'level', type: OfficialLevel, actual: undefined }],
        'a head must have an official level',
      );
    },
    identifySuspect.encode,
  ),
  identifySuspect,
);

/** Detain an identified suspect. @category cases @since 0.1.0 */
export const DetainSuspect = command('DetainSuspect', { personId: SuspectId });
/** Charge an identified suspect: bring them to criminal liability. @category cases @since 0.1.0 */
export const ChargeSuspect = command('ChargeSuspect', { personId: SuspectId });
/**
 * Mark the case as the work of an organised criminal group, naming its members among the suspects (two or
 * more the first time); marking it again adds members.
 *
 * @category cases
 * @since 0.1.0
 */
export const MarkOrganisedGroup = command(
  'MarkOrganisedGroup',
  { members: SuspectIds },
  { description: TextIn },
);
/**
 * Mark a fact of systemic corruption and link the officials (identified suspects) it concerns; the same
 * `factId` again links more officials to it.
 *
 * @category cases
 * @since 0.1.0
 */
export const MarkSystemic = command('MarkSystemic', {
  factId: boundedText(100),
  description: TextIn,
  officials: SuspectIds,
});
/** Record damage to the state, in tiyn, added to what was recorded before. @category cases @since 0.1.0 */
export const RecordDamage = command('RecordDamage', { amount: Tiyn }, { basis: TextIn });
/**
 * Record a recovery, in tiyn, added to what was recovered before. A recovery that takes the total above
 * the damage needs a reason.
 *
 * @category cases
 * @since 0.1.0
 */
export const RecordRecovery = command('RecordRecovery', { amount: Tiyn }, { reason: TextIn });
/** Send the case to court. @category cases @since 0.1.0 */
export const SendToCourt = command('SendToCourt', { court: boundedText(300) });
/** Record the court's verdict. @category cases @since 0.1.0 */
export const RecordVerdict = command('RecordVerdict', { outcome: VerdictOutcome }, { summary: TextIn });
/** Terminate the case without a verdict, with the reason. @category cases @since 0.1.0 */
export const TerminateCase = command('TerminateCase', { reason: TextIn });
/** Close an adjudicated case. @category cases @since 0.1.0 */
export const CloseCase = command('CloseCase', {});

/**
 * Every command of a corruption case.
 *
 * @category cases
 * @since 0.1.0
 */
export const CorruptionCaseCommand = taggedUnion([
  RegisterCase,
  StartInvestigation,
  IdentifySuspect,
  DetainSuspect,
  ChargeSuspect,
  MarkOrganisedGroup,
  MarkSystemic,
  RecordDamage,
  RecordRecovery,
  SendToCourt,
  RecordVerdict,
  TerminateCase,
  CloseCase,
]);

/**
 * @category cases
 * @since 0.1.0
 */
export type CorruptionCaseCommand = t.TypeOf<typeof CorruptionCaseCommand>;
