/**
 * The happy paths of `client.cases`, `client.groups`, `client.recommendations` and `client.roadmaps`,
 * through the client: each method returns the events it stored and the state after them.
 */
import { describe, expect, it } from 'vitest';
import {
  CASE_INPUTS,
  DIGITAL_MEASURE,
  en,
  GROUP_INPUTS,
  on,
  ok,
  RECOMMENDATION_INPUTS,
  refused,
  ROADMAP_INPUTS,
  setup,
  streamOf,
  tagOf,
  UUID,
} from './fixtures/modules.js';

const types = (result: { readonly events: readonly { readonly type: string }[] }): string[] =>
  result.events.map((event) => event.type);

describe('client.cases: a bribery case from registration to closing', () => {
  it('registers, investigates suspects at three levels, records damage and recovery, and closes', async () => {
    const { client, store, time } = setup({ start: on('2026-02-02') });
    const registered = ok(await client.cases.registerCase(CASE_INPUTS.registerCase)());
    const { id } = registered;
    expect(id).toMatch(new RegExp(`^case-KZ-71-${UUID}$`));
    expect(registered.events).toEqual([
      {
        type: 'CaseRegistered',
        data: {
          at: on('2026-02-02'),
          region: 'KZ-71',
          offence: { article: '366', part: 4 },
          source: 'report',
          reportId: CASE_INPUTS.registerCase.reportId,
          registeredOn: '2026-02-02',
          registrationYear: 2026,
        },
      },
    ]);

    time.set('2026-02-03');
    ok(await client.cases.startInvestigation(id, { investigatorId: 'investigator-3' })());
    const suspects = [
      { personId: 'person-vice-minister', position: 'vice minister', head: false, level: 'republican' },
      { personId: 'person-akim-region', position: 'regional akim', head: true, level: 'regional' },
      { personId: 'person-akim-district', position: 'district akim', head: true, level: 'cityDistrict' },
    ] as const;
    for (const suspect of suspects) {
      ok(await client.cases.identifySuspect(id, suspect)());
      ok(await client.cases.detainSuspect(id, { personId: suspect.personId })());
      ok(await client.cases.chargeSuspect(id, { personId: suspect.personId })());
    }
    // A private bribe-giver is a suspect without an official level.
    ok(
      await client.cases.identifySuspect(id, {
        personId: 'person-contractor',
        position: 'contractor',
        head: false,
      })(),
    );
    const group = ok(
      await client.cases.markOrganisedGroup(id, { members: ['person-akim-region', 'person-contractor'] })(),
    );
    expect(types(group)).toEqual(['OrganisedGroupMarked']);
    const systemic = ok(
      await client.cases.markSystemic(id, {
        factId: 'fact-schools',
        description: en('kickbacks on every school contract of the region'),
        officials: ['person-akim-region', 'person-akim-district'],
      })(),
    );
    expect(types(systemic)).toEqual(['SystemicFactMarked']);

    // 1.5 billion tenge of damage, 0.5 billion recovered: exact bigints in tiyn.
    const damage = ok(
      await client.cases.recordDamage(id, { amount: 150_000_000_000n, basis: en('audit') })(),
    );
    expect(damage.events).toMatchObject([{ type: 'DamageRecorded', data: { amount: 150_000_000_000n } }]);
    const recovered = ok(await client.cases.recordRecovery(id, { amount: 50_000_000_000n })());
    expect(recovered.state).toMatchObject({ damage: 150_000_000_000n, recovered: 50_000_000_000n });
    // More than the damage needs a reason.
    expect(tagOf(refused(await client.cases.recordRecovery(id, { amount: 100_000_000_001n })()))).toBe(
      'RecoveryAboveDamageNeedsReason',
    );

    time.set('2026-05-15');
    ok(
      await client.cases.sendToCourt(id, { court: 'Specialised inter-district criminal court of Astana' })(),
    );
    time.set('2026-07-01');
    const verdict = ok(await client.cases.recordVerdict(id, { outcome: 'convicted' })());
    expect(verdict.state.status).toBe('adjudicated');
    time.set('2026-08-03');
    ok(await client.cases.recordRecovery(id, { amount: 100_000_000_000n })());
    const closed = ok(await client.cases.closeCase(id)());
    expect(closed.events).toEqual([
      { type: 'CaseClosed', data: { at: on('2026-08-03'), closedOn: '2026-08-03' } },
    ]);
    expect(closed.state).toMatchObject({
      status: 'closed',
      damage: 150_000_000_000n,
      recovered: 150_000_000_000n,
    });
    expect(
      [...closed.state.suspects].map(([personId, s]) => [personId, s.level, s.head, s.detained, s.charged]),
    ).toEqual([
      ['person-vice-minister', 'republican', false, true, true],
      ['person-akim-region', 'regional', true, true, true],
      ['person-akim-district', 'cityDistrict', true, true, true],
      ['person-contractor', undefined, false, false, false],
    ]);

    const stored = await streamOf(store, id);
    expect(stored.filter((e) => e.type === 'SuspectDetained').map((e) => e.data)).toMatchObject([
      { personId: 'person-vice-minister', level: 'republican', head: false },
      { personId: 'person-akim-region', level: 'regional', head: true },
      { personId: 'person-akim-district', level: 'cityDistrict', head: true },
    ]);
    expect(stored.find((e) => e.type === 'DamageRecorded')?.data).toMatchObject({ amount: '150000000000' });
    expect(closed.nextExpectedRevision).toBe(BigInt(stored.length - 1));
    // A closed case takes no changes.
    expect(tagOf(refused(await client.cases.recordDamage(id, { amount: 1n })()))).toBe('CaseIsFinal');
  });
});

describe('client.groups: a special monitoring group at work', () => {
  it('forms the group, adds a member, assigns an object and records a visit', async () => {
    const { client, time } = setup({ start: on('2026-02-02') });
    const formed = ok(await client.groups.formGroup(GROUP_INPUTS.formGroup)());
    expect(formed.id).toMatch(new RegExp(`^group-KZ-71-${UUID}$`));
    expect(formed.events).toMatchObject([
      {
        type: 'GroupFormed',
        data: { region: 'KZ-71', formedOn: '2026-02-02', chair: GROUP_INPUTS.formGroup.chair },
      },
    ]);
    const { id } = formed;

    time.set('2026-02-03');
    const added = ok(await client.groups.addMember(id, GROUP_INPUTS.addMember)());
    expect(added.events).toMatchObject([
      {
        type: 'MemberAdded',
        data: { memberId: 'member-deputy-19c2', kind: 'maslikhatDeputy', addedOn: '2026-02-03' },
      },
    ]);
    // A second chair is refused; the chair changes hands only through handOverChair.
    expect(
      tagOf(
        refused(await client.groups.addMember(id, { memberId: 'member-2', kind: 'ngo', role: 'chair' })()),
      ),
    ).toBe('OneChairOnly');

    time.set('2026-02-05');
    const assigned = ok(await client.groups.assignObject(id, GROUP_INPUTS.assignObject)());
    expect(assigned.events).toMatchObject([
      {
        type: 'ObjectAssigned',
        data: { objectId: 'object-school-300-turan', object: { amount: 420_000_000_000n } },
      },
    ]);

    time.set('2026-03-03', '17:30');
    const visited = ok(await client.groups.recordVisit(id, GROUP_INPUTS.recordVisit)());
    expect(types(visited)).toEqual(['VisitRecorded']);
    expect(visited.state).toMatchObject({
      region: 'KZ-71',
      visits: 1,
      objects: [
        { objectId: 'object-school-300-turan', memberIds: ['member-ngo-7f3a', 'member-deputy-19c2'] },
      ],
    });
    expect(visited.state.members.map((member) => [member.memberId, member.role, member.active])).toEqual([
      ['member-ngo-7f3a', 'chair', true],
      ['member-deputy-19c2', 'member', true],
    ]);
  });
});

describe('client.recommendations: from issue to a partial assessment', () => {
  it('issues, acknowledges, reviews in the labour collective, reports, and is assessed as partly implemented', async () => {
    const { client, time } = setup({ start: on('2026-03-10') });
    const issued = ok(
      await client.recommendations.issueRecommendation(RECOMMENDATION_INPUTS.issueRecommendation)(),
    );
    const { id } = issued;
    expect(id).toMatch(new RegExp(`^recommendation-KZ-71-${UUID}$`));
    // Thirty working days from Tuesday 10 March 2026, across Nauryz: Friday 24 April.
    expect(issued.events).toMatchObject([
      {
        type: 'RecommendationIssued',
        data: { issuedOn: '2026-03-10', dueOn: '2026-04-24', defaultDue: true },
      },
    ]);

    time.set('2026-03-12');
    ok(
      await client.recommendations.acknowledgeRecommendation(id, {
        acknowledgedBy: 'Head of the department',
      })(),
    );
    // The labour collective reviews before the implementation is reported.
    expect(
      tagOf(
        refused(
          await client.recommendations.reportImplementation(id, RECOMMENDATION_INPUTS.reportImplementation)(),
        ),
      ),
    ).toBe('ReviewBeforeImplementationReport');
    time.set('2026-03-20');
    const reviewed = ok(
      await client.recommendations.recordCollectiveReview(id, RECOMMENDATION_INPUTS.recordCollectiveReview)(),
    );
    expect(reviewed.state.status).toBe('reviewedInLabourCollective');

    time.set('2026-04-06');
    const reported = ok(
      await client.recommendations.reportImplementation(id, RECOMMENDATION_INPUTS.reportImplementation)(),
    );
    expect(reported.events).toMatchObject([
      { type: 'ImplementationReported', data: { reportedOn: '2026-04-06', late: false } },
    ]);

    // Five working days must pass after the report: on Friday 10 April it is too early.
    time.set('2026-04-10');
    const assessment = RECOMMENDATION_INPUTS.assessImplementation;
    expect(tagOf(refused(await client.recommendations.assessImplementation(id, assessment)()))).toBe(
      'AssessmentTooEarly',
    );
    time.set('2026-04-13');
    const assessed = ok(await client.recommendations.assessImplementation(id, assessment)());
    expect(assessed.events).toMatchObject([
      { type: 'ImplementationAssessed', data: { assessedOn: '2026-04-13', overall: 'partly' } },
    ]);
    expect(assessed.state).toMatchObject({ status: 'assessed', overall: 'partly', overdue: false });
    const closed = ok(await client.recommendations.closeRecommendation(id)());
    expect(closed.state.status).toBe('closed');
  });
});

describe('client.roadmaps: the roadmap is revised and approved again', () => {
  it('drafts, adds a measure, approves, revises the measure’s deadline and approves version 2', async () => {
    const { client, time } = setup({ start: on('2026-01-12') });
    const drafted = ok(await client.roadmaps.draftRoadmap(ROADMAP_INPUTS.draftRoadmap)());
    // Without a region the roadmap is the national one.
    expect(drafted.id).toMatch(new RegExp(`^roadmap-KZ-00-${UUID}$`));
    const { id } = drafted;
    const regional = ok(
      await client.roadmaps.draftRoadmap({ ...ROADMAP_INPUTS.draftRoadmap, region: 'KZ-75' })(),
    );
    expect(regional.id).toMatch(new RegExp(`^roadmap-KZ-75-${UUID}$`));

    time.set('2026-01-13');
    const added = ok(await client.roadmaps.addMeasure(id, DIGITAL_MEASURE)());
    expect(added.events).toMatchObject([
      { type: 'MeasureAdded', data: { version: 1, measure: { id: 'DIG-1' } } },
    ]);

    time.set('2026-02-02');
    const v1 = ok(
      await client.roadmaps.approveRoadmap(id, { version: 1, approvedBy: 'Chairman of the Agency' })(),
    );
    expect(v1.state.status).toBe('approved');
    // An approved roadmap changes only through a revision.
    time.set('2026-06-15');
    const change = {
      measureId: 'DIG-1',
      newDueOn: '2026-12-31',
      reason: en('The platform contract was signed late'),
    };
    expect(tagOf(refused(await client.roadmaps.reviseMeasureDeadline(id, change)()))).toBe(
      'ApprovedVersionIsImmutable',
    );

    ok(
      await client.roadmaps.reviseRoadmap(id, { reason: en('The e-document platform is delivered late') })(),
    );
    const revised = ok(await client.roadmaps.reviseMeasureDeadline(id, change)());
    expect(revised.events).toMatchObject([
      {
        type: 'MeasureDeadlineRevised',
        data: {
          measureId: 'DIG-1',
          previousDueOn: '2026-09-30',
          newDueOn: '2026-12-31',
          approvedDueOn: '2026-09-30',
          slipped: true,
          version: 2,
        },
      },
    ]);
    const v2 = ok(
      await client.roadmaps.approveRoadmap(id, { version: 2, approvedBy: 'Chairman of the Agency' })(),
    );
    expect(v2.events).toMatchObject([
      {
        type: 'RoadmapApproved',
        data: {
          version: 2,
          approvedOn: '2026-06-15',
          revisionReason: en('The e-document platform is delivered late'),
        },
      },
    ]);
    // Version 1 stays as it was approved.
    expect(v2.state.versions.map((version) => [version.version, version.measures[0]?.dueOn])).toEqual([
      [1, '2026-09-30'],
      [2, '2026-12-31'],
    ]);
    expect(v2.state.status).toBe('approved');
  });
});
