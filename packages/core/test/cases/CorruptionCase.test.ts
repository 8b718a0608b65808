import { describe, expect, it } from 'vitest';
import type {
  CaseStatus,
  CorruptionCaseCommand,
  CorruptionCaseEvent,
  CorruptionCaseRule,
} from '../../src/cases/index.js';
import { CaseClosed, CaseTerminated, CORRUPTION_CASE_RULES, CorruptionCase } from '../../src/cases/index.js';
import { localDate, replay } from '../../src/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  adjudicated,
  charged,
  damage,
  day,
  en,
  identified,
  inCourt,
  investigating,
  recovery,
  registerCase,
  registered,
} from './caseFixtures.js';

const spec = DeciderSpecification.for(CorruptionCase.decider);
const today = localDate(day(9));

interface RuleCase {
  readonly rule: CorruptionCaseRule;
  readonly name: string;
  readonly given: readonly CorruptionCaseEvent[];
  readonly refused: CorruptionCaseCommand;
  /** The nearest command the rule lets through, on the same history unless `acceptedGiven` says otherwise. */
  readonly accepted: CorruptionCaseCommand;
  readonly acceptedGiven?: readonly CorruptionCaseEvent[];
}

const closed = [...adjudicated, CaseClosed.make({ at: day(9), closedOn: localDate(day(9)) })];
const terminated = [
  ...investigating,
  CaseTerminated.make({ at: day(3), reason: en('no corpus delicti'), terminatedOn: localDate(day(3)) }),
];

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'CaseIsFinal',
    name: 'a closed case takes no recovery (an adjudicated one still does)',
    given: closed,
    refused: { type: 'RecordRecovery', at: day(10), amount: 100n, reason: en('confiscated property sold') },
    acceptedGiven: adjudicated,
    accepted: { type: 'RecordRecovery', at: day(10), amount: 100n, reason: en('confiscated property sold') },
  },
  {
    rule: 'CaseIsFinal',
    name: 'a terminated case takes no new suspect (an open one does)',
    given: terminated,
    refused: {
      type: 'IdentifySuspect',
      at: day(10),
      personId: 'p-9',
      position: 'deputy akim',
      head: false,
      level: 'cityDistrict',
    },
    acceptedGiven: investigating,
    accepted: {
      type: 'IdentifySuspect',
      at: day(10),
      personId: 'p-9',
      position: 'deputy akim',
      head: false,
      level: 'cityDistrict',
    },
  },
  {
    rule: 'SuspectNotIdentified',
    name: 'detaining a person not identified is refused; an identified one is detained',
    given: [...investigating, identified('p-1', 'regional', true)],
    refused: { type: 'DetainSuspect', at: day(3), personId: 'p-2' },
    accepted: { type: 'DetainSuspect', at: day(3), personId: 'p-1' },
  },
  {
    rule: 'SuspectNotIdentified',
    name: 'charging a person not identified is refused; an identified one is charged',
    given: [...investigating, identified('p-1', 'regional', true)],
    refused: { type: 'ChargeSuspect', at: day(4), personId: 'p-2' },
    accepted: { type: 'ChargeSuspect', at: day(4), personId: 'p-1' },
  },
  {
    rule: 'SuspectNotIdentified',
    name: 'an organised group of persons not all identified is refused',
    given: [...investigating, identified('p-1'), identified('p-2')],
    refused: { type: 'MarkOrganisedGroup', at: day(4), members: ['p-1', 'p-3'] },
    accepted: { type: 'MarkOrganisedGroup', at: day(4), members: ['p-1', 'p-2'] },
  },
  {
    rule: 'SuspectNotIdentified',
    name: 'a systemic fact linking a person not identified is refused',
    given: [...investigating, identified('p-1', 'regional')],
    refused: {
      type: 'MarkSystemic',
      at: day(4),
      factId: 'F-1',
      description: en('kickbacks on every school contract'),
      officials: ['p-1', 'p-3'],
    },
    accepted: {
      type: 'MarkSystemic',
      at: day(4),
      factId: 'F-1',
      description: en('kickbacks on every school contract'),
      officials: ['p-1'],
    },
  },
  {
    rule: 'OrganisedGroupNeedsTwoMembers',
    name: 'a group of one is refused; of two it is marked',
    given: [...investigating, identified('p-1'), identified('p-2')],
    refused: { type: 'MarkOrganisedGroup', at: day(4), members: ['p-1'] },
    accepted: { type: 'MarkOrganisedGroup', at: day(4), members: ['p-1', 'p-2'] },
  },
  {
    rule: 'SystemicFactNeedsOfficials',
    name: 'a private person is not linked to a systemic fact; an official is',
    given: [...investigating, identified('p-1', 'cityDistrict'), identified('p-2')],
    refused: {
      type: 'MarkSystemic',
      at: day(4),
      factId: 'F-1',
      description: en('kickbacks'),
      officials: ['p-1', 'p-2'],
    },
    accepted: {
      type: 'MarkSystemic',
      at: day(4),
      factId: 'F-1',
      description: en('kickbacks'),
      officials: ['p-1'],
    },
  },
  {
    rule: 'RecoveryAboveDamageNeedsReason',
    name: 'a recovery past the damage without a reason is refused; one up to the damage exactly is accepted',
    given: [...investigating, damage(100n), recovery(60n)],
    refused: { type: 'RecordRecovery', at: day(7), amount: 41n },
    accepted: { type: 'RecordRecovery', at: day(7), amount: 40n },
  },
  {
    rule: 'RecoveryAboveDamageNeedsReason',
    name: 'a recovery past the damage with a stated reason is accepted',
    given: [...investigating, damage(100n), recovery(60n)],
    refused: { type: 'RecordRecovery', at: day(7), amount: 41n },
    accepted: {
      type: 'RecordRecovery',
      at: day(7),
      amount: 41n,
      reason: en('penalty interest recovered by the court'),
    },
  },
  {
    rule: 'CourtNeedsChargedSuspect',
    name: 'a case without a charged suspect does not go to court; with one it does',
    given: [...investigating, identified('p-1', 'regional', true)],
    refused: { type: 'SendToCourt', at: day(7), court: 'Astana city court' },
    acceptedGiven: [...investigating, identified('p-1', 'regional', true), charged('p-1', 'regional', true)],
    accepted: { type: 'SendToCourt', at: day(7), court: 'Astana city court' },
  },
];

const refusalTag = (
  given: readonly CorruptionCaseEvent[],
  command: CorruptionCaseCommand,
): string | undefined => {
  const result = CorruptionCase.decider.decide(command, replay(CorruptionCase.decider, given));
  return result._tag === 'Left' ? result.left._tag : undefined;
};

describe('CorruptionCase rules', () => {
  it.each(RULE_CASES)('$rule: $name', ({ rule, given, refused, accepted, acceptedGiven }) => {
    spec.given(given).when(refused).thenFails(rule);
    spec
      .given(acceptedGiven ?? given)
      .when(accepted)
      .thenState((_, events) => expect(events.length).toBeGreaterThan(0));
  });

  it('every rule of CORRUPTION_CASE_RULES is refused by at least one rule case', () => {
    const produced = new Set(RULE_CASES.map(({ given, refused }) => refusalTag(given, refused)));
    expect([...CORRUPTION_CASE_RULES].filter((rule) => !produced.has(rule))).toEqual([]);
  });

  it('a refusal names the rule and says why in a sentence', () => {
    spec
      .given([...investigating, damage(100n)])
      .when({ type: 'RecordRecovery', at: day(7), amount: 150n })
      .thenFails((error) => {
        expect(error._tag).toBe('RecoveryAboveDamageNeedsReason');
        expect(error.message).toContain('1.50 ₸');
      });
  });
});

describe('CorruptionCase state machine', () => {
  const refusals: readonly (readonly [
    string,
    readonly CorruptionCaseEvent[],
    CorruptionCaseCommand,
    CaseStatus,
  ])[] = [
    ['registering twice', [registered], registerCase, 'registered'],
    ['starting an investigation of no case', [], { type: 'StartInvestigation', at: day(1) }, 'none'],
    [
      'identifying before the investigation',
      [registered],
      {
        type: 'IdentifySuspect',
        at: day(1),
        personId: 'p-1',
        position: 'akim',
        head: true,
        level: 'regional',
      },
      'registered',
    ],
    [
      'identifying in court',
      inCourt,
      {
        type: 'IdentifySuspect',
        at: day(9),
        personId: 'p-2',
        position: 'akim',
        head: true,
        level: 'regional',
      },
      'sentToCourt',
    ],
    ['detaining in court', inCourt, { type: 'DetainSuspect', at: day(9), personId: 'p-1' }, 'sentToCourt'],
    [
      'recording damage before the investigation',
      [registered],
      { type: 'RecordDamage', at: day(1), amount: 5n },
      'registered',
    ],
    [
      'sending a registered case to court',
      [registered],
      { type: 'SendToCourt', at: day(1), court: 'court' },
      'registered',
    ],
    [
      'a verdict during the investigation',
      investigating,
      { type: 'RecordVerdict', at: day(5), outcome: 'convicted' },
      'underInvestigation',
    ],
    ['closing a case in court', inCourt, { type: 'CloseCase', at: day(9) }, 'sentToCourt'],
    [
      'terminating an adjudicated case',
      adjudicated,
      { type: 'TerminateCase', at: day(9), reason: en('late') },
      'adjudicated',
    ],
    [
      'starting the investigation of a case in court',
      inCourt,
      { type: 'StartInvestigation', at: day(9) },
      'sentToCourt',
    ],
  ];

  it.each(refusals)('refuses %s', (_, given, command, status) => {
    spec
      .given(given)
      .when(command)
      .thenFails((error) => {
        expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', command: command.type, status });
      });
  });

  it.each([
    ['registered', [registered]],
    ['under investigation', investigating],
    ['in court', inCourt],
  ] as const)('terminates a case that is %s', (_, given) => {
    spec
      .given(given)
      .when({ type: 'TerminateCase', at: day(9), reason: en('no corpus delicti') })
      .then([CaseTerminated.make({ at: day(9), reason: en('no corpus delicti'), terminatedOn: today })]);
  });

  it('a closed or terminated case refuses every command but registration with CaseIsFinal', () => {
    const commands: CorruptionCaseCommand[] = [
      { type: 'StartInvestigation', at: day(10) },
      { type: 'ChargeSuspect', at: day(10), personId: 'p-1' },
      { type: 'RecordDamage', at: day(10), amount: 1n },
      { type: 'TerminateCase', at: day(10), reason: en('again') },
      { type: 'CloseCase', at: day(10) },
    ];
    for (const given of [closed, terminated]) {
      for (const command of commands) expect(refusalTag(given, command)).toBe('CaseIsFinal');
      expect(refusalTag(given, registerCase)).toBe('NotAllowedInStatus');
    }
  });
});
