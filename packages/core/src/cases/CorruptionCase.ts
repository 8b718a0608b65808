import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import { formatTenge } from '../shared/Money.js';
import { localDate } from '../shared/WorkingDayCalendar.js';
import type { CorruptionCaseCommand } from './CorruptionCaseCommands.js';
import { CorruptionCaseCommand as CommandCodec } from './CorruptionCaseCommands.js';
import type { CorruptionCaseEvent } from './CorruptionCaseEvents.js';
import type { CaseStatus, CorruptionCaseState } from './CorruptionCaseState.js';
import { evolveCase, initialCaseState } from './CorruptionCaseState.js';
import {
  CaseClosed,
  CaseRegistered,
  CaseSentToCourt,
  CaseTerminated,
  CorruptionCaseEvents,
  DamageRecorded,
  InvestigationStarted,
  OfficialsLinkedToSystemicFact,
  OrganisedGroupMarked,
  OrganisedGroupMembersAdded,
  RecoveryRecorded,
  SuspectCharged,
  SuspectDetained,
  SuspectIdentified,
  SystemicFactMarked,
  VerdictRecorded,
} from './CorruptionCaseEvents.js';

/**
 * The rules a case command can break, each the `_tag` of its refusal.
 *
 * @category cases
 * @since 0.1.0
 */
export const CORRUPTION_CASE_RULES = [
  'CaseIsFinal',
  'SuspectNotIdentified',
  'OrganisedGroupNeedsTwoMembers',
  'SystemicFactNeedsOfficials',
  'RecoveryAboveDamageNeedsReason',
  'CourtNeedsChargedSuspect',
] as const;

/**
 * @category cases
 * @since 0.1.0
 */
export type CorruptionCaseRule = (typeof CORRUPTION_CASE_RULES)[number];

/**
 * A refused case command.
 *
 * @category cases
 * @since 0.1.0
 */
export type CorruptionCaseError = RuleBroken<CorruptionCaseRule> | NotAllowedInStatus<CaseStatus>;

type Result = E.Either<CorruptionCaseError, readonly CorruptionCaseEvent[]>;

const FINAL: readonly CaseStatus[] = ['closed', 'terminated'];
const MONEY: readonly CaseStatus[] = ['underInvestigation', 'sentToCourt', 'adjudicated'];

/**
 * Builds the `CorruptionCase` aggregate over an environment. No case rule depends on a region's calendar
 * or policy yet; the factory keeps the shape every aggregate has, so one can be added without changing
 * callers.
 *
 * @example
 * import { corruptionCase, domainEnvironment } from '@adal/core';
 * const CorruptionCase = corruptionCase(domainEnvironment());
 *
 * @category cases
 * @since 0.1.0
 */
export const corruptionCase = (
  _environment: DomainEnvironment,
): Aggregate<CorruptionCaseCommand, CorruptionCaseEvent, CorruptionCaseState, CorruptionCaseError> => {
  const decide = (command: CorruptionCaseCommand, state: CorruptionCaseState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'RegisterCase') {
      if (state.status !== 'none') return E.left(notAllowedInStatus(command.type, state.status));
      const { type: _type, at: _at, ...data } = command;
      return E.right([
        CaseRegistered.make({
          ...data,
          at,
          registeredOn: today,
          registrationYear: Number(today.slice(0, 4)),
        }),
      ]);
    }
    if (state.status === 'none') return E.left(notAllowedInStatus(command.type, 'none'));
    if (FINAL.includes(state.status)) {
      return E.left(ruleBroken('CaseIsFinal', `a ${state.status} case takes no changes`));
    }

    switch (command.type) {
      case 'StartInvestigation':
        // Starting again is a retry of the same decision, so it is accepted and changes nothing.
        if (state.status === 'underInvestigation') return E.right([]);
        return only(command.type, state, ['registered'], () => [
          InvestigationStarted.make(
            command.investigatorId === undefined
              ? { at, startedOn: today }
              : { at, startedOn: today, investigatorId: command.investigatorId },
          ),
        ]);
      case 'IdentifySuspect': {
        if (state.status !== 'underInvestigation')
          return E.left(notAllowedInStatus(command.type, state.status));
        // A person counts once per case: naming them again is not a second person exposed.
        if (state.suspects.has(command.personId)) return E.right([]);
        const { type: _type, at: _at, ...suspect } = command;
        return E.right([SuspectIdentified.make({ ...suspect, at, identifiedOn: today })]);
      }
      case 'DetainSuspect':
      case 'ChargeSuspect': {
        if (state.status !== 'underInvestigation')
          return E.left(notAllowedInStatus(command.type, state.status));
        const suspect = state.suspects.get(command.personId);
        if (suspect === undefined) return E.left(notIdentified(command.personId));
        const standing =
          suspect.level === undefined ? { head: suspect.head } : { head: suspect.head, level: suspect.level };
        if (command.type === 'DetainSuspect') {
          return E.right(
            suspect.detained
              ? []
              : [SuspectDetained.make({ at, personId: command.personId, detainedOn: today, ...standing })],
          );
        }
        return E.right(
          suspect.charged
            ? []
            : [SuspectCharged.make({ at, personId: command.personId, chargedOn: today, ...standing })],
        );
      }
      case 'MarkOrganisedGroup': {
        if (state.status !== 'underInvestigation')
          return E.left(notAllowedInStatus(command.type, state.status));
        const unknown = command.members.find((id) => !state.suspects.has(id));
        if (unknown !== undefined) return E.left(notIdentified(unknown));
        const group = state.organisedGroup;
        if (group === undefined) {
          if (command.members.length < 2) {
            return E.left(
              ruleBroken(
                'OrganisedGroupNeedsTwoMembers',
                'an organised criminal group has two or more members',
              ),
            );
          }
          return E.right([
            OrganisedGroupMarked.make(
              command.description === undefined
                ? { at, markedOn: today, members: command.members }
                : { at, markedOn: today, members: command.members, description: command.description },
            ),
          ]);
        }
        const added = command.members.filter((id) => !group.has(id));
        return E.right(added.length === 0 ? [] : [OrganisedGroupMembersAdded.make({ at, members: added })]);
      }
      case 'MarkSystemic': {
        if (state.status !== 'underInvestigation')
          return E.left(notAllowedInStatus(command.type, state.status));
        const unknown = command.officials.find((id) => !state.suspects.has(id));
        if (unknown !== undefined) return E.left(notIdentified(unknown));
        const nonOfficial = command.officials.find((id) => state.suspects.get(id)?.level === undefined);
        if (nonOfficial !== undefined) {
          return E.left(
            ruleBroken(
              'SystemicFactNeedsOfficials',
              `${nonOfficial} has no official level: only officials are linked to a fact of systemic corruption`,
            ),
          );
        }
        const linked = state.systemicFacts.get(command.factId);
        if (linked === undefined) {
          return E.right([
            SystemicFactMarked.make({
              at,
              factId: command.factId,
              markedOn: today,
              description: command.description,
              officials: command.officials,
            }),
          ]);
        }
        const added = command.officials.filter((id) => !linked.has(id));
        return E.right(
          added.length === 0
            ? []
            : [OfficialsLinkedToSystemicFact.make({ at, factId: command.factId, officials: added })],
        );
      }
      case 'RecordDamage':
        if (!MONEY.includes(state.status)) return E.left(notAllowedInStatus(command.type, state.status));
        if (command.amount === 0n) return E.right([]);
        return E.right([
          DamageRecorded.make(
            command.basis === undefined
              ? { at, amount: command.amount, recordedOn: today }
              : { at, amount: command.amount, recordedOn: today, basis: command.basis },
          ),
        ]);
      case 'RecordRecovery': {
        if (!MONEY.includes(state.status)) return E.left(notAllowedInStatus(command.type, state.status));
        if (command.amount === 0n) return E.right([]);
        const total = state.recovered + command.amount;
        if (total > state.damage && command.reason === undefined) {
          return E.left(
            ruleBroken(
              'RecoveryAboveDamageNeedsReason',
              `this recovery takes the total recovered to ${formatTenge(total)}, above the damage of ${formatTenge(state.damage)}: state a reason`,
            ),
          );
        }
        return E.right([
          RecoveryRecorded.make(
            command.reason === undefined
              ? { at, amount: command.amount, recoveredOn: today }
              : { at, amount: command.amount, recoveredOn: today, reason: command.reason },
          ),
        ]);
      }
      case 'SendToCourt':
        if (state.status !== 'underInvestigation')
          return E.left(notAllowedInStatus(command.type, state.status));
        if (![...state.suspects.values()].some((suspect) => suspect.charged)) {
          return E.left(
            ruleBroken('CourtNeedsChargedSuspect', 'a case goes to court only against a charged suspect'),
          );
        }
        return E.right([CaseSentToCourt.make({ at, court: command.court, sentOn: today })]);
      case 'RecordVerdict':
        return only(command.type, state, ['sentToCourt'], () => [
          VerdictRecorded.make(
            command.summary === undefined
              ? { at, outcome: command.outcome, verdictOn: today }
              : { at, outcome: command.outcome, verdictOn: today, summary: command.summary },
          ),
        ]);
      case 'TerminateCase':
        return only(command.type, state, ['registered', 'underInvestigation', 'sentToCourt'], () => [
          CaseTerminated.make({ at, reason: command.reason, terminatedOn: today }),
        ]);
      case 'CloseCase':
        return only(command.type, state, ['adjudicated'], () => [CaseClosed.make({ at, closedOn: today })]);
    }
  };

  return {
    name: 'CorruptionCase',
    category: 'case',
    commands: CommandCodec,
    events: CorruptionCaseEvents,
    decider: { initialState: initialCaseState, evolve: evolveCase, decide },
  };
};

const notIdentified = (personId: string): RuleBroken<CorruptionCaseRule> =>
  ruleBroken('SuspectNotIdentified', `${personId} is not an identified suspect of this case`);

const only = (
  command: string,
  state: CorruptionCaseState,
  statuses: readonly CaseStatus[],
  events: () => readonly CorruptionCaseEvent[],
): Result =>
  statuses.includes(state.status) ? E.right(events()) : E.left(notAllowedInStatus(command, state.status));

/**
 * The `CorruptionCase` aggregate with the default environment.
 *
 * @category cases
 * @since 0.1.0
 */
export const CorruptionCase = corruptionCase(defaultDomainEnvironment);
