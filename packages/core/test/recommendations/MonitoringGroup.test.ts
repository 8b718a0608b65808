import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type {
  MonitoredObject,
  MonitoringGroupCommand,
  MonitoringGroupEvent,
  MonitoringGroupRule,
  MonitoringGroupState,
} from '../../src/recommendations/index.js';
import {
  ChairHandedOver,
  chairOf,
  ConflictOfInterestDeclared,
  GroupFormed,
  MemberAdded,
  MemberRemoved,
  MemberUnassigned,
  MONITORING_GROUP_RULES,
  MonitoringGroup,
  ObjectAssigned,
  organisationsOf,
  VisitRecorded,
} from '../../src/recommendations/index.js';
import { replay } from '../../src/index.js';
import { deepEqual, DeciderSpecification } from '../../src/testing.js';
import { at, day, expectRuleCase, refusal, refusalTag, sha256 } from './fixtures.js';

const spec = DeciderSpecification.for(MonitoringGroup.decider);
const { decide, evolve, initialState } = MonitoringGroup.decider;

// The group of the story: Astana, chaired by an NGO member; members are known only by pseudonymous ids.
const CHAIR = 'member-ngo-7f3a';
const DEPUTY = 'member-deputy-19c2';
const EXPERT = 'member-expert-4b8e';
const SCHOOL = 'object-school-300';
const EDUCATION = 'body-astana-education';
const CONTRACTOR = 'org-stroyinvest';

const school = {
  kind: 'budgetObject',
  name: { en: 'School for 300 pupils, Turan avenue', kk: 'Тұран даңғылындағы 300 орындық мектеп' },
  responsibleBodyId: EDUCATION,
  contractorId: CONTRACTOR,
  programmeCode: '261-015',
  amount: 4_200_000_000_00n,
} satisfies MonitoredObject;
const akimat: MonitoredObject = { kind: 'stateBody', name: { en: 'Akimat of Astana' } };

const formed = GroupFormed.make({
  at: at('2026-02-02'),
  region: 'KZ-71',
  name: { en: 'Special monitoring group of Astana', kk: 'Астана қаласының арнайы мониторингтік тобы' },
  chair: { memberId: CHAIR, kind: 'ngo' },
  formedOn: day('2026-02-02'),
});
const added = (memberId: string, kind: 'ngo' | 'maslikhatDeputy' | 'expert' | 'media' = 'maslikhatDeputy') =>
  MemberAdded.make({ at: at('2026-02-03'), memberId, kind, addedOn: day('2026-02-03') });
const removed = (memberId: string) =>
  MemberRemoved.make({ at: at('2026-02-04'), memberId, removedOn: day('2026-02-04') });
const conflict = (memberId: string, organisationId: string) =>
  ConflictOfInterestDeclared.make({
    at: at('2026-02-04'),
    memberId,
    organisationId,
    organisationName: 'Stroyinvest LLP',
  });
const assigned = (memberIds: string[], objectId = SCHOOL, object: MonitoredObject = school) =>
  ObjectAssigned.make({ at: at('2026-02-05'), objectId, object, memberIds });
const handedOver = (from: string, to: string) => ChairHandedOver.make({ at: at('2026-02-06'), from, to });

const addMember = (memberId: string, role: 'chair' | 'member' = 'member'): MonitoringGroupCommand => ({
  type: 'AddMember',
  at: at('2026-02-10'),
  memberId,
  kind: 'expert',
  role,
});
const removeMember = (memberId: string): MonitoringGroupCommand => ({
  type: 'RemoveMember',
  at: at('2026-02-10'),
  memberId,
});
const handOverChair = (memberId: string): MonitoringGroupCommand => ({
  type: 'HandOverChair',
  at: at('2026-02-10'),
  memberId,
});
const declareConflict = (memberId: string, organisationId: string): MonitoringGroupCommand => ({
  type: 'DeclareConflictOfInterest',
  at: at('2026-02-10'),
  memberId,
  organisationId,
  organisationName: 'Stroyinvest LLP',
});
const assignObject = (
  memberIds: string[],
  objectId = SCHOOL,
  object: MonitoredObject = school,
): MonitoringGroupCommand => ({
  type: 'AssignObject',
  at: at('2026-02-10'),
  objectId,
  object,
  memberIds,
});
const photo = { sha256: sha256('gym floor, photo 1'), mediaType: 'image/jpeg', size: 2_400_000 };
const recordVisit = (
  memberIds: string[],
  visitedOn = '2026-03-03',
  objectId = SCHOOL,
): MonitoringGroupCommand => ({
  type: 'RecordVisit',
  at: at('2026-03-03', '17:00'),
  objectId,
  visitedOn: day(visitedOn),
  memberIds,
  evidence: [photo],
  findings: { text: 'The gym floor paid for in December is not laid.', language: 'en' },
});

interface RuleCase {
  readonly rule: MonitoringGroupRule;
  readonly name: string;
  readonly given: readonly MonitoringGroupEvent[];
  readonly refused: MonitoringGroupCommand;
  readonly acceptedGiven?: readonly MonitoringGroupEvent[];
  readonly accepted: MonitoringGroupCommand;
}

const RULE_CASES: readonly RuleCase[] = [
  {
    rule: 'OneChairOnly',
    name: 'a second chair is refused; the same person joins as a member',
    given: [formed],
    refused: addMember(EXPERT, 'chair'),
    accepted: addMember(EXPERT, 'member'),
  },
  {
    rule: 'ChairCannotBeRemoved',
    name: 'the chair cannot be removed; after handing over the chair they can',
    given: [formed, added(DEPUTY)],
    refused: removeMember(CHAIR),
    acceptedGiven: [formed, added(DEPUTY), handedOver(CHAIR, DEPUTY)],
    accepted: removeMember(CHAIR),
  },
  {
    rule: 'AlreadyMember',
    name: 'a current member is not added twice; a member who left may rejoin',
    given: [formed, added(EXPERT)],
    refused: addMember(EXPERT),
    acceptedGiven: [formed, added(EXPERT), removed(EXPERT)],
    accepted: addMember(EXPERT),
  },
  {
    rule: 'NotAMember',
    name: 'the chair goes only to a member; to a member it goes',
    given: [formed],
    refused: handOverChair(DEPUTY),
    acceptedGiven: [formed, added(DEPUTY)],
    accepted: handOverChair(DEPUTY),
  },
  {
    rule: 'MemberNoLongerInGroup',
    name: 'a removed member cannot be assigned; a current one can',
    given: [formed, added(DEPUTY), removed(DEPUTY)],
    refused: assignObject([CHAIR, DEPUTY]),
    acceptedGiven: [formed, added(DEPUTY)],
    accepted: assignObject([CHAIR, DEPUTY]),
  },
  {
    rule: 'ConflictOfInterest',
    name: 'a member in conflict with the contractor is not assigned to its object; to another object they are',
    given: [formed, added(EXPERT), conflict(EXPERT, CONTRACTOR)],
    refused: assignObject([EXPERT]),
    accepted: assignObject([EXPERT], 'body-akimat', akimat),
  },
  {
    rule: 'ConflictOfInterest',
    name: 'a member in conflict with the responsible body is not recorded visiting; the others are',
    given: [formed, added(EXPERT), assigned([CHAIR, EXPERT]), conflict(EXPERT, EDUCATION)],
    refused: recordVisit([CHAIR, EXPERT]),
    accepted: recordVisit([CHAIR]),
  },
  {
    rule: 'ObjectIdInUse',
    name: 'an object id names one object; the same object takes more members',
    given: [formed, added(DEPUTY), assigned([CHAIR])],
    refused: assignObject([DEPUTY], SCHOOL, { ...school, amount: 1n }),
    // The same description with its fields in another order is the same object.
    accepted: assignObject([DEPUTY], SCHOOL, {
      amount: school.amount,
      programmeCode: school.programmeCode,
      contractorId: school.contractorId,
      responsibleBodyId: school.responsibleBodyId,
      name: school.name,
      kind: school.kind,
    }),
  },
  {
    rule: 'ObjectNotAssigned',
    name: 'a visit is only to an assigned object',
    given: [formed],
    refused: recordVisit([CHAIR]),
    acceptedGiven: [formed, assigned([CHAIR])],
    accepted: recordVisit([CHAIR]),
  },
  {
    rule: 'VisitorNotAssigned',
    name: 'only the members assigned to an object visit it',
    given: [formed, added(DEPUTY), assigned([CHAIR])],
    refused: recordVisit([CHAIR, DEPUTY]),
    acceptedGiven: [formed, added(DEPUTY), assigned([CHAIR, DEPUTY])],
    accepted: recordVisit([CHAIR, DEPUTY]),
  },
  {
    rule: 'VisitDateInFuture',
    name: 'a visit is recorded on or after its day',
    given: [formed, assigned([CHAIR])],
    refused: recordVisit([CHAIR], '2026-03-04'),
    accepted: recordVisit([CHAIR], '2026-03-03'),
  },
];

describe('MonitoringGroup rules', () => {
  it.each(RULE_CASES)('$rule: $name', (ruleCase) => {
    expectRuleCase(MonitoringGroup.decider, ruleCase);
    spec.given(ruleCase.given).when(ruleCase.refused).thenFails(ruleCase.rule);
  });

  it('every rule of MONITORING_GROUP_RULES is refused by at least one case, and no case produces another tag', () => {
    const produced = new Set(RULE_CASES.map((c) => refusalTag(MonitoringGroup.decider, c.given, c.refused)));
    expect([...produced].sort()).toEqual([...MONITORING_GROUP_RULES].sort());
  });

  it('a conflict with any organisation of a budget object counts: itself, its body, its contractor', () => {
    expect(organisationsOf(SCHOOL, school)).toEqual([SCHOOL, EDUCATION, CONTRACTOR]);
    expect(organisationsOf('body-akimat', akimat)).toEqual(['body-akimat']);
    for (const organisation of [SCHOOL, EDUCATION, CONTRACTOR]) {
      spec
        .given([formed, added(EXPERT), conflict(EXPERT, organisation)])
        .when(assignObject([EXPERT]))
        .thenFails('ConflictOfInterest');
    }
  });

  it('a removed member is refused a visit as a member no longer in the group', () => {
    spec
      .given([formed, added(DEPUTY), assigned([CHAIR, DEPUTY]), removed(DEPUTY)])
      .when(recordVisit([DEPUTY]))
      .thenFails('MemberNoLongerInGroup');
  });
});

describe('MonitoringGroup state machine', () => {
  const beforeForming: MonitoringGroupCommand[] = [
    addMember(DEPUTY),
    removeMember(DEPUTY),
    handOverChair(DEPUTY),
    declareConflict(DEPUTY, CONTRACTOR),
    assignObject([CHAIR]),
    recordVisit([CHAIR]),
  ];
  it.each(beforeForming.map((command) => [command.type, command] as const))(
    '%s before the group is formed is refused',
    (_, command) => {
      spec
        .given([])
        .when(command)
        .thenFails((error) => {
          expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', command: command.type, status: 'none' });
        });
    },
  );

  it('a group is formed once', () => {
    spec
      .given([formed])
      .when({
        type: 'FormGroup',
        at: at('2026-02-03'),
        region: 'KZ-71',
        name: { en: 'Again' },
        chair: { memberId: DEPUTY, kind: 'media' },
      })
      .thenFails((error) => expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', status: 'formed' }));
  });
});

describe('MonitoringGroup commands', () => {
  it('FormGroup forms the group with its chair as the first member', () => {
    spec
      .given([])
      .when({
        type: 'FormGroup',
        at: at('2026-02-02'),
        region: 'KZ-71',
        name: formed.data.name,
        chair: { memberId: CHAIR, kind: 'ngo' },
      })
      .then([formed]);
  });

  it('AddMember adds an ordinary member', () => {
    spec
      .given([formed])
      .when(addMember(EXPERT))
      .then([
        MemberAdded.make({
          at: at('2026-02-10'),
          memberId: EXPERT,
          kind: 'expert',
          addedOn: day('2026-02-10'),
        }),
      ]);
  });

  it('RemoveMember removes a member and takes them off every object; removing them again changes nothing', () => {
    const history = [formed, added(DEPUTY), assigned([CHAIR, DEPUTY])];
    spec
      .given(history)
      .when(removeMember(DEPUTY))
      .then([
        MemberRemoved.make({ at: at('2026-02-10'), memberId: DEPUTY, removedOn: day('2026-02-10') }),
        MemberUnassigned.make({
          at: at('2026-02-10'),
          objectId: SCHOOL,
          memberId: DEPUTY,
          reason: 'removedFromGroup',
        }),
      ]);
    spec
      .given([...history, removed(DEPUTY)])
      .when(removeMember(DEPUTY))
      .thenNothingHappens();
  });

  it('HandOverChair passes the chair and keeps the former chair as a member; handing it to the chair changes nothing', () => {
    spec
      .given([formed, added(DEPUTY)])
      .when(handOverChair(DEPUTY))
      .thenState((state, events) => {
        expect(events).toEqual([ChairHandedOver.make({ at: at('2026-02-10'), from: CHAIR, to: DEPUTY })]);
        expect(chairOf(state)).toBe(DEPUTY);
        expect(state.members.find((m) => m.memberId === CHAIR)).toMatchObject({
          role: 'member',
          active: true,
        });
      });
    spec.given([formed]).when(handOverChair(CHAIR)).thenNothingHappens();
  });

  it('DeclareConflictOfInterest records the conflict and takes the member off that organisation’s objects only', () => {
    const history = [
      formed,
      added(EXPERT),
      assigned([CHAIR, EXPERT]),
      assigned([EXPERT], 'body-akimat', akimat),
    ];
    spec
      .given(history)
      .when(declareConflict(EXPERT, CONTRACTOR))
      .thenState((state, events) => {
        expect(events).toEqual([
          ConflictOfInterestDeclared.make({
            at: at('2026-02-10'),
            memberId: EXPERT,
            organisationId: CONTRACTOR,
            organisationName: 'Stroyinvest LLP',
          }),
          MemberUnassigned.make({
            at: at('2026-02-10'),
            objectId: SCHOOL,
            memberId: EXPERT,
            reason: 'conflictOfInterest',
          }),
        ]);
        expect(state.objects.map((o) => [o.objectId, o.memberIds])).toEqual([
          [SCHOOL, [CHAIR]],
          ['body-akimat', [EXPERT]],
        ]);
      });
    spec
      .given([...history, conflict(EXPERT, CONTRACTOR)])
      .when(declareConflict(EXPERT, CONTRACTOR))
      .thenNothingHappens();
  });

  it('AssignObject assigns the object; repeated, it assigns only the members not yet assigned', () => {
    spec
      .given([formed, added(DEPUTY)])
      .when(assignObject([CHAIR]))
      .then([
        ObjectAssigned.make({ at: at('2026-02-10'), objectId: SCHOOL, object: school, memberIds: [CHAIR] }),
      ]);
    spec
      .given([formed, added(DEPUTY), assigned([CHAIR])])
      .when(assignObject([CHAIR, DEPUTY]))
      .thenState((state, events) => {
        expect(events.map((e) => e.type === 'ObjectAssigned' && e.data.memberIds)).toEqual([[DEPUTY]]);
        expect(state.objects[0]?.memberIds).toEqual([CHAIR, DEPUTY]);
      });
    spec
      .given([formed, assigned([CHAIR])])
      .when(assignObject([CHAIR]))
      .thenNothingHappens();
  });

  it('RecordVisit records the visit with its evidence and findings', () => {
    spec
      .given([formed, assigned([CHAIR])])
      .when(recordVisit([CHAIR]))
      .then([
        VisitRecorded.make({
          at: at('2026-03-03', '17:00'),
          objectId: SCHOOL,
          visitedOn: day('2026-03-03'),
          memberIds: [CHAIR],
          evidence: [photo],
          findings: { text: 'The gym floor paid for in December is not laid.', language: 'en' },
        }),
      ]);
  });
});

describe('MonitoringGroup command codecs', () => {
  const valid = {
    type: 'AssignObject',
    at: '2026-02-05T05:00:00.000Z',
    objectId: SCHOOL,
    object: {
      kind: 'budgetObject',
      name: { en: 'School' },
      responsibleBodyId: EDUCATION,
      amount: '420000000000',
    },
    memberIds: [CHAIR],
  };
  const decode = (input: unknown) => refusal(MonitoringGroup.commands, input).message;

  it('accepts a well-formed command', () => {
    expect(E.isRight(MonitoringGroup.commands.decode(valid))).toBe(true);
  });
  it('refuses an unknown field, naming it', () => {
    expect(decode({ ...valid, chairman: CHAIR })).toBe('chairman: unknown field');
  });
  it('refuses a wrong type, naming the field', () => {
    expect(decode({ ...valid, memberIds: CHAIR })).toMatch(/^memberIds: expected MemberIds/);
  });
  it('refuses a negative amount, naming the field', () => {
    expect(decode({ ...valid, object: { ...valid.object, amount: '-5' } })).toBe(
      'object.amount: must not be negative, got -5',
    );
  });
  it('refuses an amount given as a number', () => {
    expect(decode({ ...valid, object: { ...valid.object, amount: 5 } })).toMatch(
      /^object\.amount: expected an amount in tiyn/,
    );
  });
  it('refuses a wrong region code, and names the new code of an old one', () => {
    const form = {
      type: 'FormGroup',
      at: valid.at,
      name: { kk: 'Топ' },
      chair: { memberId: CHAIR, kind: 'ngo' },
    };
    expect(decode({ ...form, region: 'KZ-99' })).toMatch(/^region: expected an ISO 3166-2:KZ region code/);
    expect(decode({ ...form, region: 'KZ-AST' })).toBe('region: KZ-AST is an old code: use KZ-71');
  });
  it('refuses no members, or a member named twice', () => {
    expect(decode({ ...valid, memberIds: [] })).toMatch(
      /^memberIds: expected MemberIds \(1 to 50 members, each named once\)/,
    );
    expect(decode({ ...valid, memberIds: [CHAIR, CHAIR] })).toMatch(/^memberIds: /);
  });
  it('refuses evidence that is not a SHA-256, an unknown member kind, and a group with no name', () => {
    const visit = {
      type: 'RecordVisit',
      at: valid.at,
      objectId: SCHOOL,
      visitedOn: '2026-03-03',
      memberIds: [CHAIR],
      findings: { text: 'ok', language: 'kk' },
    };
    expect(decode({ ...visit, evidence: [{ sha256: 'abc', mediaType: 'image/jpeg', size: 1 }] })).toBe(
      'evidence.0.sha256: expected a SHA-256 as 64 lower-case hex digits',
    );
    expect(decode({ type: 'AddMember', at: valid.at, memberId: DEPUTY, kind: 'akim', role: 'member' })).toBe(
      'kind: expected MemberKind, got "akim"',
    );
    expect(
      decode({
        type: 'FormGroup',
        at: valid.at,
        region: 'KZ-71',
        name: {},
        chair: { memberId: CHAIR, kind: 'ngo' },
      }),
    ).toMatch(/^name: expected LocalizedText/);
  });
  it('refuses an unknown command type, listing the known ones', () => {
    expect(decode({ type: 'DissolveGroup', at: valid.at })).toMatch(
      /^type: expected "FormGroup" \| "AddMember"/,
    );
  });
});

// Random histories over a small cast, so that members, conflicts and objects keep meeting each other.
const MEMBERS = [CHAIR, DEPUTY, EXPERT, 'member-media-2d0c'];
const OBJECTS: readonly (readonly [string, MonitoredObject])[] = [
  [SCHOOL, school],
  ['body-akimat', akimat],
  [
    'object-road-12',
    { kind: 'budgetObject', name: { ru: 'Ремонт дороги' }, responsibleBodyId: 'body-astana-roads' },
  ],
];
const ORGANISATIONS = [EDUCATION, CONTRACTOR, 'body-akimat', 'body-astana-roads'];

const member = fc.constantFrom(...MEMBERS);
const members = fc.uniqueArray(member, { minLength: 1, maxLength: 4 });
const objectArb = fc.constantFrom(...OBJECTS);
const commandArb = (instant: Date): fc.Arbitrary<MonitoringGroupCommand> =>
  fc.oneof(
    fc
      .record({ memberId: member, role: fc.constantFrom('chair' as const, 'member' as const) })
      .map(({ memberId, role }): MonitoringGroupCommand => ({
        type: 'AddMember',
        at: instant,
        memberId,
        kind: 'ngo',
        role,
      })),
    member.map((memberId): MonitoringGroupCommand => ({ type: 'RemoveMember', at: instant, memberId })),
    member.map((memberId): MonitoringGroupCommand => ({ type: 'HandOverChair', at: instant, memberId })),
    fc
      .record({ memberId: member, organisationId: fc.constantFrom(...ORGANISATIONS) })
      .map(({ memberId, organisationId }): MonitoringGroupCommand => ({
        type: 'DeclareConflictOfInterest',
        at: instant,
        memberId,
        organisationId,
        organisationName: organisationId,
      })),
    fc
      .record({ object: objectArb, memberIds: members })
      .map(({ object: [objectId, object], memberIds }): MonitoringGroupCommand => ({
        type: 'AssignObject',
        at: instant,
        objectId,
        object,
        memberIds,
      })),
    fc
      .record({ object: objectArb, memberIds: members })
      .map(({ object: [objectId], memberIds }): MonitoringGroupCommand => ({
        type: 'RecordVisit',
        at: instant,
        objectId,
        visitedOn: day(instant.toISOString().slice(0, 10)),
        memberIds,
        evidence: [],
        findings: { text: 'seen', language: 'ru' },
      })),
  );
const historyArb = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 })
  .chain((gaps) => {
    let time = at('2026-02-02').getTime();
    const instants = gaps.map((gap) => new Date((time += gap * 86_400_000)));
    return fc.tuple(...instants.map(commandArb));
  })
  .map((commands): MonitoringGroupCommand[] => [
    {
      type: 'FormGroup',
      at: at('2026-02-02'),
      region: 'KZ-71',
      name: { en: 'Group' },
      chair: { memberId: CHAIR, kind: 'ngo' },
    },
    ...commands,
  ]);

const run = (
  commands: readonly MonitoringGroupCommand[],
  check: (
    before: MonitoringGroupState,
    events: readonly MonitoringGroupEvent[],
    after: MonitoringGroupState,
  ) => void,
) => {
  let state = initialState;
  const log: MonitoringGroupEvent[] = [];
  for (const command of commands) {
    const result = decide(command, state);
    if (E.isLeft(result)) continue;
    const after = result.right.reduce(evolve, state);
    check(state, result.right, after);
    log.push(...result.right);
    state = after;
  }
  return { state, log };
};

describe('MonitoringGroup invariants under random command sequences', () => {
  it('at most one chair, and exactly one (an active member) once formed', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        run(commands, (_, __, after) => {
          const chairs = after.members.filter((m) => m.role === 'chair');
          expect(chairs.length).toBeLessThanOrEqual(1);
          if (after.status === 'formed') expect(chairs.map((m) => m.active)).toEqual([true]);
        });
      }),
    );
  });

  it('no assigned member is removed or in conflict with the object’s organisations', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        run(commands, (_, __, after) => {
          for (const object of after.objects) {
            for (const id of object.memberIds) {
              const m = after.members.find((x) => x.memberId === id);
              expect(m?.active).toBe(true);
              expect(m?.conflicts.filter((c) => object.organisations.includes(c))).toEqual([]);
            }
          }
        });
      }),
    );
  });

  it('a visit is only to an assigned object by members assigned to it, none in conflict', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        run(commands, (before, events) => {
          for (const event of events) {
            if (event.type !== 'VisitRecorded') continue;
            const object = before.objects.find((o) => o.objectId === event.data.objectId);
            expect(object).toBeDefined();
            for (const id of event.data.memberIds) expect(object?.memberIds).toContain(id);
          }
        });
      }),
    );
  });

  it('replaying the events gives the same state every time, and the events survive encoding', () => {
    fc.assert(
      fc.property(historyArb, (commands) => {
        const { state, log } = run(commands, () => undefined);
        expect(deepEqual(replay(MonitoringGroup.decider, log), state)).toBe(true);
        expect(replay(MonitoringGroup.decider, log)).toEqual(replay(MonitoringGroup.decider, log));
        const decoded = log.map((event) =>
          MonitoringGroup.events.decode(MonitoringGroup.events.encode(event)),
        );
        expect(decoded).toEqual(log.map((event) => E.right(event)));
      }),
    );
  });
});

describe('MonitoringGroup random histories', () => {
  it('reach every event type (so the properties above are not vacuous)', () => {
    const seen = new Set<string>();
    for (const commands of fc.sample(historyArb, { numRuns: 300, seed: 42 })) {
      for (const event of run(commands, () => undefined).log) seen.add(event.type);
    }
    expect([...seen].sort()).toEqual([...MonitoringGroup.events.types.keys()].sort());
  });
});
