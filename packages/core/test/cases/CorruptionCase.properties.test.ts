import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type {
  CaseStatus,
  CorruptionCaseCommand,
  CorruptionCaseEvent,
  CorruptionCaseState,
} from '../../src/cases/index.js';
import {
  CASE_STATUS_MOVES,
  CorruptionCase,
  CorruptionCaseCommand as CommandCodec,
  CorruptionCaseEvents,
} from '../../src/cases/index.js';
import type { OfficialLevel } from '../../src/index.js';
import { OFFICIAL_LEVELS, replay } from '../../src/index.js';
import { day, en, registerCase } from './caseFixtures.js';

const { decide, evolve, initialState } = CorruptionCase.decider;

// The graph written out again here, so that a change to CASE_STATUS_MOVES is caught as well.
const ALLOWED: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  none: ['registered'],
  registered: ['underInvestigation', 'terminated'],
  underInvestigation: ['sentToCourt', 'terminated'],
  sentToCourt: ['adjudicated', 'terminated'],
  adjudicated: ['closed'],
  closed: [],
  terminated: [],
};

type Step = (at: Date) => CorruptionCaseCommand;

const PEOPLE = ['p-1', 'p-2', 'p-3', 'p-4'] as const;
const person = fc.constantFrom(...PEOPLE);
const people = fc.uniqueArray(person, { minLength: 1, maxLength: 4 });
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.constant(0n));
const reason = fc.option(fc.constant(en('stated reason')), { nil: undefined });
const level = fc.option(fc.constantFrom<OfficialLevel>(...OFFICIAL_LEVELS), { nil: undefined });

/** Valid commands (every one passes the codec), weighted so that random sequences often reach deep states. */
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Step>((at) => ({ ...registerCase, at })) },
  { weight: 2, arbitrary: fc.constant<Step>((at) => ({ type: 'StartInvestigation', at })) },
  {
    weight: 5,
    arbitrary: fc.tuple(person, level, fc.boolean()).map(
      ([personId, lvl, head]): Step =>
        (at) =>
          lvl === undefined
            ? { type: 'IdentifySuspect', at, personId, position: 'contractor', head: false }
            : { type: 'IdentifySuspect', at, personId, position: 'official', head, level: lvl },
    ),
  },
  { weight: 4, arbitrary: person.map((personId): Step => (at) => ({ type: 'DetainSuspect', at, personId })) },
  { weight: 4, arbitrary: person.map((personId): Step => (at) => ({ type: 'ChargeSuspect', at, personId })) },
  {
    weight: 2,
    arbitrary: people.map((members): Step => (at) => ({ type: 'MarkOrganisedGroup', at, members })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('F-1', 'F-2'), people).map(([factId, officials]): Step => (at) => ({
      type: 'MarkSystemic',
      at,
      factId,
      description: en('a scheme'),
      officials,
    })),
  },
  {
    weight: 4,
    arbitrary: amount.map((value): Step => (at) => ({ type: 'RecordDamage', at, amount: value })),
  },
  {
    weight: 5,
    arbitrary: fc.tuple(amount, reason).map(
      ([value, why]): Step =>
        (at) =>
          why === undefined
            ? { type: 'RecordRecovery', at, amount: value }
            : { type: 'RecordRecovery', at, amount: value, reason: why },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constant<Step>((at) => ({ type: 'SendToCourt', at, court: 'Astana city court' })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('convicted', 'acquitted', 'partlyConvicted' as const)
      .map((outcome): Step => (at) => ({ type: 'RecordVerdict', at, outcome })),
  },
  {
    weight: 1,
    arbitrary: fc.constant<Step>((at) => ({ type: 'TerminateCase', at, reason: en('no corpus delicti') })),
  },
  { weight: 2, arbitrary: fc.constant<Step>((at) => ({ type: 'CloseCase', at })) },
);

// Most useful histories start with a registration, an investigation and sometimes a charged suspect, so that
// random steps often get as far as court and closing; some start from nothing.
const opening: readonly Step[] = [
  (at) => ({ ...registerCase, at }),
  (at) => ({ type: 'StartInvestigation', at }),
  (at) => ({ type: 'IdentifySuspect', at, personId: 'p-1', position: 'akim', head: true, level: 'regional' }),
  (at) => ({ type: 'ChargeSuspect', at, personId: 'p-1' }),
];
const sequence = fc
  .tuple(fc.constantFrom(0, 2, 4), fc.array(step, { maxLength: 60, size: 'large' }))
  .map(([start, steps]) => [...opening.slice(0, start), ...steps]);

interface Run {
  readonly commands: readonly CorruptionCaseCommand[];
  /** The state before each command and after the last one. */
  readonly states: readonly CorruptionCaseState[];
  /** The events each command produced (none when refused). */
  readonly produced: readonly (readonly CorruptionCaseEvent[])[];
  readonly events: readonly CorruptionCaseEvent[];
}

const run = (steps: readonly Step[]): Run => {
  const commands = steps.map((make, i) => make(day(i)));
  const states: CorruptionCaseState[] = [initialState];
  const produced: (readonly CorruptionCaseEvent[])[] = [];
  let state = initialState;
  for (const command of commands) {
    const result = decide(command, state);
    const events = E.isRight(result) ? result.right : [];
    produced.push(events);
    state = events.reduce(evolve, state);
    states.push(state);
  }
  return { commands, states, produced, events: produced.flat() };
};

const prop = (check: (r: Run) => void) =>
  fc.assert(
    fc.property(sequence, (steps) => check(run(steps))),
    { numRuns: 300 },
  );

const countOf = (
  events: readonly CorruptionCaseEvent[],
  type: CorruptionCaseEvent['type'],
  personId: string,
) => events.filter((e) => e.type === type && 'personId' in e.data && e.data.personId === personId).length;

describe('CorruptionCase invariants under random command sequences', () => {
  it('the generated commands are all valid input', () => {
    fc.assert(fc.property(sequence, (steps) => steps.every((make, i) => CommandCodec.is(make(day(i))))));
  });

  it('the sequences reach every status, and recoveries above the damage, so the properties are not vacuous', () => {
    const runs = fc.sample(sequence, { numRuns: 500, seed: 42 }).map(run);
    const reached = new Set(runs.flatMap(({ states }) => states.map((state) => state.status)));
    expect([...reached].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect(runs.some(({ states }) => states.some((state) => state.recovered > state.damage))).toBe(true);
    expect(runs.some(({ events }) => events.some((e) => e.type === 'OfficialsLinkedToSystemicFact'))).toBe(
      true,
    );
    expect(runs.some(({ events }) => events.some((e) => e.type === 'OrganisedGroupMembersAdded'))).toBe(true);
  });

  it('damage and recovered are never negative, and are the sums of the recorded amounts', () => {
    prop(({ states, events }) => {
      for (const state of states) {
        expect(state.damage >= 0n && state.recovered >= 0n).toBe(true);
      }
      const sum = (type: 'DamageRecorded' | 'RecoveryRecorded') =>
        events.reduce((total, e) => (e.type === type ? total + e.data.amount : total), 0n);
      const last = states[states.length - 1];
      expect(last?.damage).toBe(sum('DamageRecorded'));
      expect(last?.recovered).toBe(sum('RecoveryRecorded'));
    });
  });

  it('every recorded amount is positive (a zero amount records nothing)', () => {
    prop(({ events }) => {
      for (const e of events)
        if (e.type === 'DamageRecorded' || e.type === 'RecoveryRecorded')
          expect(e.data.amount > 0n).toBe(true);
    });
  });

  it('recovered exceeds damage only after a recovery with a stated reason', () => {
    prop(({ states, produced }) => {
      states.slice(1).forEach((state, i) => {
        const before = states[i];
        const events = produced[i] ?? [];
        const crossed =
          before !== undefined && state.recovered > state.damage && state.recovered > before.recovered;
        if (crossed) {
          expect(events.some((e) => e.type === 'RecoveryRecorded' && e.data.reason !== undefined)).toBe(true);
        }
      });
    });
  });

  it('a person is counted once: identified, detained and charged at most once each, and only after being identified', () => {
    prop(({ events, states }) => {
      for (const id of PEOPLE) {
        expect(countOf(events, 'SuspectIdentified', id)).toBeLessThanOrEqual(1);
        expect(countOf(events, 'SuspectDetained', id)).toBeLessThanOrEqual(1);
        expect(countOf(events, 'SuspectCharged', id)).toBeLessThanOrEqual(1);
        const first = events.findIndex((e) => e.type === 'SuspectIdentified' && e.data.personId === id);
        events.forEach((e, i) => {
          if ((e.type === 'SuspectDetained' || e.type === 'SuspectCharged') && e.data.personId === id) {
            expect(first).toBeGreaterThanOrEqual(0);
            expect(first).toBeLessThan(i);
          }
        });
      }
      expect(states[states.length - 1]?.suspects.size).toBe(
        events.filter((e) => e.type === 'SuspectIdentified').length,
      );
    });
  });

  it('group members and systemic officials are identified suspects, each linked once, systemic ones being officials', () => {
    prop(({ events, states }) => {
      const last = states[states.length - 1];
      const members = events.flatMap((e) =>
        e.type === 'OrganisedGroupMarked' || e.type === 'OrganisedGroupMembersAdded' ? e.data.members : [],
      );
      expect(new Set(members).size).toBe(members.length);
      for (const id of members) expect(last?.suspects.has(id)).toBe(true);
      for (const fact of ['F-1', 'F-2']) {
        const officials = events.flatMap((e) =>
          (e.type === 'SystemicFactMarked' || e.type === 'OfficialsLinkedToSystemicFact') &&
          e.data.factId === fact
            ? e.data.officials
            : [],
        );
        expect(new Set(officials).size).toBe(officials.length);
        for (const id of officials) expect(last?.suspects.get(id)?.level).toBeDefined();
        expect(
          events.filter((e) => e.type === 'SystemicFactMarked' && e.data.factId === fact).length,
        ).toBeLessThanOrEqual(1);
      }
    });
  });

  it('the status moves only along the allowed graph, and a refused command changes nothing', () => {
    expect(CASE_STATUS_MOVES).toEqual(ALLOWED);
    prop(({ states, produced, commands }) => {
      states.slice(1).forEach((after, i) => {
        const before = states[i];
        if (before === undefined) return;
        if (after.status !== before.status) expect(ALLOWED[before.status]).toContain(after.status);
        const command = commands[i];
        const result = command === undefined ? undefined : decide(command, before);
        if (result !== undefined && E.isLeft(result)) {
          expect(produced[i]).toEqual([]);
          expect(after).toBe(before);
        }
      });
    });
  });

  it('closed and terminated cases produce no events', () => {
    prop(({ states, produced }) => {
      states.slice(0, -1).forEach((before, i) => {
        if (before.status === 'closed' || before.status === 'terminated') expect(produced[i]).toEqual([]);
      });
    });
  });

  it('replaying the events gives the same state every time, also after a JSON round trip through the registry', () => {
    prop(({ events, states }) => {
      const once = replay(CorruptionCase.decider, events);
      const twice = replay(CorruptionCase.decider, events);
      expect(twice).toEqual(once);
      expect(once).toEqual(states[states.length - 1]);
      // What a store keeps: type, schema version and JSON text of the data.
      const stored = events
        .map((e) => CorruptionCaseEvents.encode(e))
        .map((e) => ({ ...e, data: JSON.parse(JSON.stringify(e.data)) as unknown }));
      const read = stored.map((e) => CorruptionCaseEvents.decode(e));
      const decoded = read.flatMap((r) => (E.isRight(r) ? [r.right] : []));
      expect(decoded).toHaveLength(events.length);
      expect(replay(CorruptionCase.decider, decoded)).toEqual(once);
    });
  });
});
