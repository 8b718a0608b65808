import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Aggregate } from '../../src/index.js';
import { replay } from '../../src/index.js';
import { chairOf, MonitoringGroup, MonitoringRecommendation } from '../../src/recommendations/index.js';
import { decodeOrThrow, sha256 } from './fixtures.js';

// The article: "The work of the special monitoring groups has risen to a new level ... recommendations are now
// considered directly in the labour collectives." The story below follows one recommendation in Astana from a
// group's visit to a school under construction to a partial assessment. Commands arrive as JSON, as a portal
// would send them, and go through the aggregates' own codecs.

/** A stream driven the way the client drives it: decode the command, decide, append, evolve. */
const stream = <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
  aggregate: Aggregate<C, Ev, S, Err>,
) => {
  let state = aggregate.decider.initialState;
  const log: Ev[] = [];
  return {
    /** Sends a command that must be accepted; returns the events it produced. */
    send: (input: unknown): readonly Ev[] => {
      const result = aggregate.decider.decide(decodeOrThrow(aggregate.commands, input), state);
      if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
      state = result.right.reduce(aggregate.decider.evolve, state);
      log.push(...result.right);
      return result.right;
    },
    /** Sends a command that must be refused; returns the refusal's tag and checks nothing was appended. */
    refuse: (input: unknown): string => {
      const before = log.length;
      const result = aggregate.decider.decide(decodeOrThrow(aggregate.commands, input), state);
      expect(log.length).toBe(before);
      if (E.isRight(result)) throw new Error(`accepted: ${JSON.stringify(result.right)}`);
      return (result.left as { readonly _tag: string })._tag;
    },
    state: () => state,
    log: () => log,
    /** The state rebuilt from the log alone, after each event went through the store's encoding and back. */
    replayed: (): S =>
      replay(
        aggregate.decider,
        log.map((event) => {
          const decoded = aggregate.events.decode(aggregate.events.encode(event));
          if (E.isLeft(decoded)) throw new Error(decoded.left.message);
          return decoded.right;
        }),
      ),
  };
};

const instant = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`).toISOString();

const CHAIR = 'member-ngo-7f3a';
const DEPUTY = 'member-deputy-19c2';
const EXPERT = 'member-expert-4b8e';
const JOURNALIST = 'member-media-2d0c';
const SCHOOL = 'object-school-300-turan';
const EDUCATION = 'body-astana-education';
const CONTRACTOR = 'org-stroyinvest';
const GROUP_STREAM = 'group-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';

describe('Astana: a monitoring group’s recommendation goes through the labour collective to a partial assessment', () => {
  const group = stream(MonitoringGroup);
  const recommendation = stream(MonitoringRecommendation);

  it('the special monitoring group is formed in Astana with an NGO chair, a maslikhat deputy, an expert and a journalist', () => {
    group.send({
      type: 'FormGroup',
      at: instant('2026-02-02'),
      region: 'KZ-71',
      name: {
        kk: 'Астана қаласының арнайы мониторингтік тобы',
        ru: 'Специальная мониторинговая группа г. Астаны',
        en: 'Special monitoring group of Astana',
      },
      chair: { memberId: CHAIR, kind: 'ngo' },
    });
    group.send({
      type: 'AddMember',
      at: instant('2026-02-03'),
      memberId: DEPUTY,
      kind: 'maslikhatDeputy',
      role: 'member',
    });
    group.send({
      type: 'AddMember',
      at: instant('2026-02-03'),
      memberId: EXPERT,
      kind: 'expert',
      role: 'member',
    });
    group.send({
      type: 'AddMember',
      at: instant('2026-02-03'),
      memberId: JOURNALIST,
      kind: 'media',
      role: 'member',
    });
    expect(
      group.refuse({
        type: 'AddMember',
        at: instant('2026-02-03'),
        memberId: 'member-ngo-91aa',
        kind: 'ngo',
        role: 'chair',
      }),
    ).toBe('OneChairOnly');
    expect(chairOf(group.state())).toBe(CHAIR);
  });

  it('the expert once advised the contractor, declares it, and is kept off the school', () => {
    group.send({
      type: 'DeclareConflictOfInterest',
      at: instant('2026-02-04'),
      memberId: EXPERT,
      organisationId: CONTRACTOR,
      organisationName: 'Stroyinvest LLP',
      description: { text: 'Consulted for the contractor in 2024.', language: 'en' },
    });
    const school = {
      kind: 'budgetObject',
      name: {
        kk: 'Тұран даңғылындағы 300 орындық мектеп құрылысы',
        en: 'Construction of a school for 300 pupils, Turan avenue',
      },
      responsibleBodyId: EDUCATION,
      contractorId: CONTRACTOR,
      programmeCode: '261-015',
      amount: '420000000000',
    };
    const assign = (memberIds: string[]) => ({
      type: 'AssignObject',
      at: instant('2026-02-05'),
      objectId: SCHOOL,
      object: school,
      memberIds,
    });
    expect(group.refuse(assign([CHAIR, DEPUTY, EXPERT]))).toBe('ConflictOfInterest');
    group.send(assign([CHAIR, DEPUTY, JOURNALIST]));
    expect(group.state().objects[0]?.memberIds).toEqual([CHAIR, DEPUTY, JOURNALIST]);
    // 4.2 billion tenge, in tiyn, exact.
    expect(group.state().objects[0]?.object).toMatchObject({ amount: 420_000_000_000n });
  });

  it('the chair, the deputy and the journalist visit the school and record what they found', () => {
    const [visit] = group.send({
      type: 'RecordVisit',
      at: instant('2026-03-03', '17:30'),
      objectId: SCHOOL,
      visitedOn: '2026-03-03',
      memberIds: [CHAIR, DEPUTY, JOURNALIST],
      evidence: [
        { sha256: sha256('gym, photo 1'), mediaType: 'image/jpeg', size: 2_400_000 },
        { sha256: sha256('acceptance certificate no. 14'), mediaType: 'application/pdf', size: 310_000 },
      ],
      findings: {
        text: 'The gym floor accepted and paid for in December is not laid; windows paid in advance are not delivered; stage certificates are not published.',
        language: 'en',
      },
    });
    expect(visit?.type).toBe('VisitRecorded');
    expect(group.refuse({ ...visitBy([EXPERT]) })).toBe('ConflictOfInterest');
    expect(group.state().visits).toBe(1);
  });

  it('the group issues a recommendation with three items to the city’s education department, due 30 working days later', () => {
    const [issued] = recommendation.send({
      type: 'IssueRecommendation',
      at: instant('2026-03-10'),
      issuer: { kind: 'group', groupId: GROUP_STREAM },
      basis: 'monitoring',
      addressee: {
        bodyId: EDUCATION,
        name: { kk: 'Астана қаласының білім басқармасы', en: 'Education Department of Astana' },
      },
      region: 'KZ-71',
      items: [
        {
          number: 1,
          text: { text: 'Lay the gym floor accepted and paid for in December 2025.', language: 'en' },
        },
        { number: 2, text: { text: 'Recover the advance paid for undelivered windows.', language: 'en' } },
        { number: 3, text: { text: 'Publish the acceptance certificate of each stage.', language: 'en' } },
      ],
    });
    // Thirty working days from Tuesday 10 March 2026; Nauryz (21–23 March, two of them on a weekend) keeps
    // 23–25 March off, so the due date is Friday 24 April.
    expect(issued?.type === 'RecommendationIssued' && issued.data.dueOn).toBe('2026-04-24');
  });

  it('the department acknowledges it, and cannot report before its labour collective has reviewed it', () => {
    recommendation.send({
      type: 'AcknowledgeRecommendation',
      at: instant('2026-03-12'),
      acknowledgedBy: 'Head of the department',
    });
    expect(recommendation.refuse(reportOn('2026-03-16'))).toBe('ReviewBeforeImplementationReport');
  });

  it('the labour collective reviews it at a meeting; the minutes are kept by their SHA-256', () => {
    recommendation.send({
      type: 'RecordCollectiveReview',
      at: instant('2026-03-20'),
      meetingOn: '2026-03-19',
      attendance: { present: 87, total: 112 },
      decision: {
        text: 'The collective accepts the three items and names the officials responsible.',
        language: 'en',
      },
      minutesSha256: sha256('minutes of the general meeting, 19 March 2026'),
    });
    expect(recommendation.state().status).toBe('reviewedInLabourCollective');
  });

  it('the department reports its implementation on time, item by item', () => {
    const [report] = recommendation.send(reportOn('2026-04-06'));
    expect(report?.type === 'ImplementationReported' && report.data.late).toBe(false);
    expect(recommendation.refuse({ type: 'MarkOverdue', at: instant('2026-04-27') })).toBe(
      'OverdueOnlyWhileNotImplemented',
    );
  });

  it('the group waits five working days, then assesses: one item eliminated, one not, one without a mechanism — partly implemented', () => {
    const items = [
      {
        number: 1,
        result: 'eliminated',
        note: { text: 'The floor is laid; seen on 10 April.', language: 'en' },
      },
      { number: 2, result: 'notEliminated', note: { text: 'The advance is not recovered.', language: 'en' } },
      {
        number: 3,
        result: 'noMechanism',
        note: { text: 'The portal has no place for stage certificates.', language: 'en' },
      },
    ];
    expect(recommendation.refuse({ type: 'AssessImplementation', at: instant('2026-04-10'), items })).toBe(
      'AssessmentTooEarly',
    );
    const [assessment] = recommendation.send({
      type: 'AssessImplementation',
      at: instant('2026-04-13'),
      items,
    });
    expect(assessment?.type === 'ImplementationAssessed' && assessment.data.overall).toBe('partly');
    recommendation.send({ type: 'CloseRecommendation', at: instant('2026-04-20') });
    expect(recommendation.state()).toMatchObject({ status: 'closed', overall: 'partly', overdue: false });
  });

  it('the whole story replays from its events, and every event survives the store’s encoding', () => {
    expect(group.replayed()).toEqual(group.state());
    expect(recommendation.replayed()).toEqual(recommendation.state());
    expect(recommendation.log().map((e) => e.type)).toEqual([
      'RecommendationIssued',
      'RecommendationAcknowledged',
      'CollectiveReviewRecorded',
      'ImplementationReported',
      'ImplementationAssessed',
      'RecommendationClosed',
    ]);
  });
});

const visitBy = (memberIds: string[]) => ({
  type: 'RecordVisit',
  at: instant('2026-03-04'),
  objectId: SCHOOL,
  visitedOn: '2026-03-04',
  memberIds,
  evidence: [],
  findings: { text: 'A second look.', language: 'en' },
});

const reportOn = (date: string) => ({
  type: 'ReportImplementation',
  at: instant(date),
  items: [
    { number: 1, done: { text: 'The floor was laid by the contractor under warranty.', language: 'en' } },
    { number: 2, done: { text: 'A claim for the advance was sent to the contractor.', language: 'en' } },
    { number: 3, done: { text: 'The certificates are kept by the department on request.', language: 'en' } },
  ],
});
