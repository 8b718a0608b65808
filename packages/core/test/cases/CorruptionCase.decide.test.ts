import { describe, expect, it } from 'vitest';
import type { CorruptionCaseCommand } from '../../src/cases/index.js';
import {
  CaseClosed,
  CaseRegistered,
  CaseSentToCourt,
  CorruptionCase,
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
} from '../../src/cases/index.js';
import { localDate } from '../../src/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  adjudicated,
  charged,
  damage,
  day,
  detained,
  en,
  identified,
  inCourt,
  investigating,
  recovery,
  registerCase,
  registered,
  REPORT_ID,
} from './caseFixtures.js';

const spec = DeciderSpecification.for(CorruptionCase.decider);
const today = localDate(day(9));

describe('CorruptionCase commands', () => {
  it('RegisterCase registers on the local date of `at`, with its year, region, source and report', () => {
    // 20:30 UTC on 31 December is already 1 January in Astana: the case counts in the new year.
    const at = new Date('2025-12-31T20:30:00Z');
    spec
      .given([])
      .when({ ...registerCase, at })
      .then([
        CaseRegistered.make({
          at,
          region: 'KZ-71',
          offence: { article: '366', part: 4 },
          source: 'report',
          reportId: REPORT_ID,
          registeredOn: localDate(at),
          registrationYear: 2026,
        }),
      ]);
    expect(localDate(at)).toBe('2026-01-01');
  });

  it('StartInvestigation moves a registered case under investigation; again, it changes nothing', () => {
    spec
      .given([registered])
      .when({ type: 'StartInvestigation', at: day(1), investigatorId: 'inv-7' })
      .then([
        InvestigationStarted.make({ at: day(1), startedOn: localDate(day(1)), investigatorId: 'inv-7' }),
      ]);
    spec
      .given(investigating)
      .when({ type: 'StartInvestigation', at: day(2) })
      .thenNothingHappens();
  });

  it('IdentifySuspect names a person once, with level and head flag; naming them again changes nothing', () => {
    const command: CorruptionCaseCommand = {
      type: 'IdentifySuspect',
      at: day(9),
      personId: 'p-1',
      position: 'akim',
      head: true,
      level: 'regional',
    };
    spec
      .given(investigating)
      .when(command)
      .then([
        SuspectIdentified.make({
          at: day(9),
          personId: 'p-1',
          position: 'akim',
          head: true,
          level: 'regional',
          identifiedOn: today,
        }),
      ]);
    spec
      .given([...investigating, identified('p-1', 'regional', true)])
      .when(command)
      .thenNothingHappens();
    spec
      .given([...investigating, identified('p-1')])
      .when({ ...command, level: 'republican' })
      .thenNothingHappens();
  });

  it('DetainSuspect copies the level and head flag; detaining twice changes nothing', () => {
    const given = [...investigating, identified('p-1', 'cityDistrict', true)];
    spec
      .given(given)
      .when({ type: 'DetainSuspect', at: day(9), personId: 'p-1' })
      .then([
        SuspectDetained.make({
          at: day(9),
          personId: 'p-1',
          detainedOn: today,
          head: true,
          level: 'cityDistrict',
        }),
      ]);
    spec
      .given([...given, detained('p-1', 'cityDistrict', true)])
      .when({ type: 'DetainSuspect', at: day(9), personId: 'p-1' })
      .thenNothingHappens();
  });

  it('ChargeSuspect brings a suspect to criminal liability once; a private person has no level', () => {
    const given = [...investigating, identified('p-2')];
    spec
      .given(given)
      .when({ type: 'ChargeSuspect', at: day(9), personId: 'p-2' })
      .then([SuspectCharged.make({ at: day(9), personId: 'p-2', chargedOn: today, head: false })]);
    spec
      .given([...given, charged('p-2')])
      .when({ type: 'ChargeSuspect', at: day(9), personId: 'p-2' })
      .thenNothingHappens();
  });

  it('MarkOrganisedGroup marks the group, then adds only new members, then changes nothing', () => {
    const given = [...investigating, identified('p-1'), identified('p-2'), identified('p-3')];
    const marked = OrganisedGroupMarked.make({
      at: day(9),
      markedOn: today,
      members: ['p-1', 'p-2'],
      description: en('a ring of contractors'),
    });
    spec
      .given(given)
      .when({
        type: 'MarkOrganisedGroup',
        at: day(9),
        members: ['p-1', 'p-2'],
        description: en('a ring of contractors'),
      })
      .then([marked]);
    spec
      .given([...given, marked])
      .when({ type: 'MarkOrganisedGroup', at: day(9), members: ['p-2', 'p-3'] })
      .then([OrganisedGroupMembersAdded.make({ at: day(9), members: ['p-3'] })]);
    spec
      .given([...given, marked])
      .when({ type: 'MarkOrganisedGroup', at: day(9), members: ['p-1'] })
      .thenNothingHappens();
  });

  it('MarkSystemic marks a fact with its officials, then links only new officials, then changes nothing', () => {
    const given = [...investigating, identified('p-1', 'regional'), identified('p-2', 'cityDistrict')];
    const marked = SystemicFactMarked.make({
      at: day(9),
      factId: 'F-1',
      markedOn: today,
      description: en('kickbacks'),
      officials: ['p-1'],
    });
    spec
      .given(given)
      .when({
        type: 'MarkSystemic',
        at: day(9),
        factId: 'F-1',
        description: en('kickbacks'),
        officials: ['p-1'],
      })
      .then([marked]);
    spec
      .given([...given, marked])
      .when({
        type: 'MarkSystemic',
        at: day(9),
        factId: 'F-1',
        description: en('kickbacks'),
        officials: ['p-1', 'p-2'],
      })
      .then([OfficialsLinkedToSystemicFact.make({ at: day(9), factId: 'F-1', officials: ['p-2'] })]);
    spec
      .given([...given, marked])
      .when({
        type: 'MarkSystemic',
        at: day(9),
        factId: 'F-1',
        description: en('kickbacks'),
        officials: ['p-1'],
      })
      .thenNothingHappens();
  });

  it('RecordDamage and RecordRecovery carry the single amount; the totals are derived in the state', () => {
    spec
      .given(investigating)
      .when({ type: 'RecordDamage', at: day(9), amount: 1_000n, basis: en('expert report') })
      .then([
        DamageRecorded.make({ at: day(9), amount: 1_000n, recordedOn: today, basis: en('expert report') }),
      ]);
    spec
      .given([...investigating, damage(1_000n), recovery(300n)])
      .when({ type: 'RecordRecovery', at: day(9), amount: 200n })
      .thenState((state, events) => {
        expect(events).toEqual([RecoveryRecorded.make({ at: day(9), amount: 200n, recoveredOn: today })]);
        expect(state.damage).toBe(1_000n);
        expect(state.recovered).toBe(500n);
      });
  });

  it('a zero amount changes nothing', () => {
    spec
      .given(investigating)
      .when({ type: 'RecordDamage', at: day(9), amount: 0n })
      .thenNothingHappens();
    spec
      .given(investigating)
      .when({ type: 'RecordRecovery', at: day(9), amount: 0n })
      .thenNothingHappens();
  });

  it('SendToCourt, RecordVerdict and CloseCase walk the case to its end', () => {
    const beforeCourt = inCourt.slice(0, -1);
    spec
      .given(beforeCourt)
      .when({ type: 'SendToCourt', at: day(9), court: 'Astana city court' })
      .then([CaseSentToCourt.make({ at: day(9), court: 'Astana city court', sentOn: today })]);
    spec
      .given(inCourt)
      .when({
        type: 'RecordVerdict',
        at: day(9),
        outcome: 'partlyConvicted',
        summary: en('two of three convicted'),
      })
      .then([
        VerdictRecorded.make({
          at: day(9),
          outcome: 'partlyConvicted',
          verdictOn: today,
          summary: en('two of three convicted'),
        }),
      ]);
    spec
      .given(adjudicated)
      .when({ type: 'CloseCase', at: day(9) })
      .then([CaseClosed.make({ at: day(9), closedOn: today })]);
  });
});
