import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { CorruptionCase, officialsChargedForSystemicFacts } from '../../src/cases/index.js';
import type { Decider, OfficialLevel } from '../../src/index.js';
import { CitizenReport, percentage, replay, tenge } from '../../src/index.js';
import { en } from './caseFixtures.js';

/** An instant at 10:00 in Astana on a day of 2026. */
const on = (date: string): Date => new Date(`${date}T05:00:00.000Z`);

/** Runs commands through a decider as a store would: each accepted command's events are appended. */
const stream = <C, Ev, S, Err>(decider: Decider<C, Ev, S, Err>) => {
  const events: Ev[] = [];
  let state = decider.initialState;
  return {
    events,
    state: () => state,
    handle(command: C): readonly Ev[] {
      const result = decider.decide(command, state);
      if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
      events.push(...result.right);
      state = result.right.reduce(decider.evolve, state);
      return result.right;
    },
    refusal(command: C): Err | undefined {
      const result = decider.decide(command, state);
      return E.isLeft(result) ? result.left : undefined;
    },
  };
};

const REPORT_STREAM = 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const CASE_STREAM = 'case-KZ-71-0190f3d0-0a1b-7c2d-8e3f-405162738495';

describe('the article, for a corruption case: a school build in Astana', () => {
  it('a citizen report escalates to a case with heads at three levels, detained and charged, 89 % recovered, judged and closed', () => {
    // A citizen reports, anonymously, that a school under construction in Astana is paid for but not built.
    const citizen = stream(CitizenReport.decider);
    citizen.handle({
      type: 'SubmitReport',
      at: on('2026-02-02'),
      channel: 'map',
      region: 'KZ-71',
      point: { lat: 51.128, lon: 71.43 },
      category: 'constructionQuality',
      description: en('The school for 1,200 pupils is paid for, but only its foundation stands'),
      evidence: [],
      reporter: { kind: 'anonymous', receiptHash: 'scrypt$receipt-derived' },
      budgetObject: { name: 'School for 1,200 pupils, Saryarka district', amount: tenge(4_800_000_000) },
    });
    citizen.handle({ type: 'RegisterReport', at: on('2026-02-03'), registrationNumber: 'KZ-71/2026/00417' });
    citizen.handle({
      type: 'AssignReport',
      at: on('2026-02-03'),
      officerId: 'officer-12',
      unit: 'Astana anti-corruption department',
    });
    const [escalated] = citizen.handle({
      type: 'EscalateToCase',
      at: on('2026-02-10'),
      caseId: CASE_STREAM,
      reason: en('signs of a crime: embezzlement by officials'),
    });
    expect(escalated?.type).toBe('ReportEscalatedToCase');

    // The escalation opens the case, linked to the report.
    const kase = stream(CorruptionCase.decider);
    kase.handle({
      type: 'RegisterCase',
      at: on('2026-02-10'),
      offence: { article: '189', part: 4 },
      region: 'KZ-71',
      source: 'report',
      reportId: REPORT_STREAM,
      registrationNumber: '267100031000123',
    });
    kase.handle({ type: 'StartInvestigation', at: on('2026-02-11'), investigatorId: 'investigator-3' });

    // Suspects at three levels, all heads, and the contractor, who is not an official.
    const heads: readonly (readonly [string, string, OfficialLevel])[] = [
      ['person-rep', 'head of a department of the ministry', 'republican'],
      ['person-reg', 'head of the city education department', 'regional'],
      ['person-cd', 'akim of Saryarka district', 'cityDistrict'],
    ];
    for (const [personId, position, level] of heads) {
      kase.handle({ type: 'IdentifySuspect', at: on('2026-02-16'), personId, position, head: true, level });
    }
    kase.handle({
      type: 'IdentifySuspect',
      at: on('2026-02-16'),
      personId: 'person-con',
      position: 'director of the contractor',
      head: false,
    });
    // Named again in a later testimony: still one person.
    expect(
      kase.handle({
        type: 'IdentifySuspect',
        at: on('2026-02-20'),
        personId: 'person-reg',
        position: 'head of department',
        head: true,
        level: 'regional',
      }),
    ).toEqual([]);

    for (const [personId] of heads) kase.handle({ type: 'DetainSuspect', at: on('2026-02-17'), personId });
    expect(kase.handle({ type: 'DetainSuspect', at: on('2026-02-18'), personId: 'person-cd' })).toEqual([]);
    for (const personId of ['person-rep', 'person-reg', 'person-cd', 'person-con']) {
      kase.handle({ type: 'ChargeSuspect', at: on('2026-02-25'), personId });
    }
    kase.handle({
      type: 'MarkOrganisedGroup',
      at: on('2026-03-02'),
      members: ['person-reg', 'person-cd', 'person-con'],
      description: en('officials and the contractor split the advance payments'),
    });
    kase.handle({
      type: 'MarkSystemic',
      at: on('2026-03-02'),
      factId: 'school-advances',
      description: en('advance payments for schools released without works, at every level of approval'),
      officials: ['person-rep', 'person-reg', 'person-cd'],
    });

    // Damage of 850 million tenge; 500 million comes back during the investigation.
    kase.handle({
      type: 'RecordDamage',
      at: on('2026-03-10'),
      amount: tenge(850_000_000),
      basis: en('construction expert report'),
    });
    kase.handle({ type: 'RecordRecovery', at: on('2026-03-20'), amount: tenge(500_000_000) });

    kase.handle({
      type: 'SendToCourt',
      at: on('2026-04-15'),
      court: 'Specialised inter-district criminal court of Astana',
    });
    kase.handle({ type: 'RecordVerdict', at: on('2026-06-01'), outcome: 'convicted' });
    // After the verdict, confiscated property brings the recovery to 89 %.
    kase.handle({ type: 'RecordRecovery', at: on('2026-07-01'), amount: tenge(256_500_000) });
    kase.handle({ type: 'CloseCase', at: on('2026-09-01') });

    const state = kase.state();
    expect(state.status).toBe('closed');
    expect(state.suspects.size).toBe(4);
    expect(percentage(state.recovered, state.damage)).toBe(89);
    expect(officialsChargedForSystemicFacts(state)).toEqual(
      new Set(['person-rep', 'person-reg', 'person-cd']),
    );
    expect(kase.refusal({ type: 'RecordRecovery', at: on('2026-09-02'), amount: tenge(1) })).toMatchObject({
      _tag: 'CaseIsFinal',
    });

    // What the yearly statistics will read, from the events alone.
    const events = kase.events;
    const registration = events.find((e) => e.type === 'CaseRegistered');
    expect(
      registration?.type === 'CaseRegistered' && [
        registration.data.region,
        registration.data.registrationYear,
        registration.data.source,
        registration.data.reportId,
      ],
    ).toEqual(['KZ-71', 2026, 'report', REPORT_STREAM]);
    expect(events.filter((e) => e.type === 'SuspectIdentified')).toHaveLength(4);
    const headsDetained = events.flatMap((e) =>
      e.type === 'SuspectDetained' && e.data.head && e.data.level !== undefined ? [e.data.level] : [],
    );
    expect(headsDetained.sort()).toEqual(['cityDistrict', 'regional', 'republican']);
    expect(events.filter((e) => e.type === 'SuspectCharged')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'OrganisedGroupMarked')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'SystemicFactMarked')).toHaveLength(1);
    const sum = (type: 'DamageRecorded' | 'RecoveryRecorded') =>
      events.reduce((n, e) => (e.type === type ? n + e.data.amount : n), 0n);
    expect([sum('DamageRecorded'), sum('RecoveryRecorded')]).toEqual([
      tenge(850_000_000),
      tenge(756_500_000),
    ]);
    expect(replay(CorruptionCase.decider, events)).toEqual(state);
  });
});
