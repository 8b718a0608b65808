/**
 * `client.as(actor)` by hand: the actor is checked, the special rules on a command's own fields hold, the
 * checks come before input validation and before any read, the actor is recorded in every event a session
 * appends (and only the session's actor), the deadline job is the system's, and the trusted client works as
 * before.
 */
import type { ValidationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AccessDenied, AdalClient, AdalSession, SessionActorInput } from '../../src/index.js';
import {
  everyEvent,
  GROUP_INPUTS,
  on,
  ok,
  RATING_INPUTS,
  RECOMMENDATION_INPUTS,
  refused,
  REPORT_INPUTS,
  ROADMAP_INPUTS,
  streamOf,
  tagOf,
} from '../fixtures/modules.js';
import { accessSetup, denial, methodsOf, sessionOf } from './support.js';

const OFFICER: SessionActorInput = { role: 'officer', region: 'KZ-71', id: 'officer-12' };
const HEAD: SessionActorInput = { role: 'regionalHead', region: 'KZ-71', id: 'officer-7' };
const CITIZEN: SessionActorInput = { role: 'citizen', id: 'citizen-5' };
const MEMBER: SessionActorInput = { role: 'groupMember', region: 'KZ-71', id: 'member-ngo-7f3a' };
const ADMIN: SessionActorInput = { role: 'administrator', region: 'KZ-71', id: 'admin-1' };
const RECEIPT = REPORT_INPUTS.submitReport.reporter;
/** Sessions take identified reports; anonymous ones go through client.receipts. */
const IDENTIFIED_REPORT = {
  ...REPORT_INPUTS.submitReport,
  reporter: { kind: 'identified' as const, subjectId: 'citizen-5', name: 'Aliya' },
};

const asValidationError = (error: unknown): ValidationError => {
  expect(tagOf(error)).toBe('ValidationError');
  return error as ValidationError;
};

describe('client.as: the actor is checked', () => {
  const { client } = accessSetup();
  const open = (actor: unknown) => client.as(actor as SessionActorInput);

  it.each([
    [
      { role: 'mayor', id: 'x' },
      'actor.role: expected one of citizen, groupMember, officer, investigator, regionalHead, analyst, auditor, administrator, system, got "mayor"',
    ],
    [
      { role: 'officer', region: 'KZ-99', id: 'x' },
      'actor.region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
    ],
    [{ role: 'officer', region: 'KZ-ALA', id: 'x' }, 'actor.region: KZ-ALA is an old code: use KZ-75'],
    [{ role: 'officer', region: 'KZ-71' }, 'actor.id: expected Text(1..100), got nothing'],
    [{ role: 'officer', id: ' ' }, 'actor.id: must not be empty'],
    [{ role: 'officer', id: 'x', name: 'Dauren' }, 'actor.name: unknown field'],
    [
      { role: 'groupMember', id: 'member-1' },
      'actor.region: a monitoring-group member belongs to a region’s group: give the region',
    ],
    [
      { role: 'system', region: 'KZ-71', id: 'job' },
      'actor.region: the system actor is national: leave the region out',
    ],
  ])('%j is refused: %s', (actor, message) => {
    const session = open(actor);
    expect(E.isLeft(session) && session.left).toMatchObject({ _tag: 'ValidationError', message });
  });

  it('something that is not an actor at all is refused at `actor`', () => {
    const session = open('officer');
    expect(E.isLeft(session) && session.left._tag).toBe('ValidationError');
    expect(E.isLeft(session) && session.left.issues[0]?.path).toBe('actor');
  });

  it('a good actor opens a session with the client’s modules and the actor', () => {
    const session = sessionOf(client, OFFICER);
    expect(session.actor).toEqual(OFFICER);
    expect(Object.keys(session).sort()).toEqual(
      [
        'actor',
        'reports',
        'ratings',
        'cases',
        'recommendations',
        'groups',
        'roadmaps',
        'deadlines',
        'readModels',
      ].sort(),
    );
    for (const module of [
      'reports',
      'ratings',
      'cases',
      'recommendations',
      'groups',
      'roadmaps',
      'deadlines',
    ] as const) {
      expect(Object.keys(session[module]).sort()).toEqual(Object.keys(client[module]).sort());
    }
    expect(Object.keys(session.readModels).sort()).toEqual(
      [
        'caseStatistics',
        'reportsMap',
        'deadlineCompliance',
        'recommendationImplementation',
        'serviceQuality',
        'roadmapProgress',
      ].sort(),
    );
  });

  it('`as` is a method of the client, not one of its enumerable modules', () => {
    expect(typeof client.as).toBe('function');
    expect(Object.keys(client)).not.toContain('as');
  });
});

describe('the rules on a command’s own fields', () => {
  it('AuthorRole: a citizen posts as the reporter, an officer as the office', async () => {
    const { client, store } = accessSetup();
    const id = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)()).id;
    const before = store.size();
    const citizen = sessionOf(client, CITIZEN);
    const asOffice = denial(
      await citizen.reports.postFollowUp(id, { author: 'office', text: { text: 'Fixed', language: 'en' } })(),
    );
    expect(asOffice).toMatchObject({ rule: 'AuthorRole', role: 'citizen', command: 'PostFollowUp' });
    expect(asOffice.message).toBe(
      'access denied: PostFollowUp: a citizen issues it with author "reporter", got "office"',
    );
    const officer = sessionOf(client, OFFICER);
    expect(
      denial(
        await officer.reports.postFollowUp(id, {
          author: 'reporter',
          text: { text: 'Me', language: 'en' },
        })(),
      ).rule,
    ).toBe('AuthorRole');
    expect(store.size()).toBe(before);

    // A receipt-derived value is a credential only client.receipts may use: copied from the database or a
    // proof, it does not let a session act as the anonymous reporter.
    expect(
      denial(
        await citizen.reports.postFollowUp(id, {
          author: 'reporter',
          text: { text: 'Photos of the second floor attached', language: 'en' },
          receiptHash: RECEIPT.kind === 'anonymous' ? RECEIPT.receiptHash : '',
        })(),
      ),
    ).toMatchObject({ rule: 'ReceiptsThroughService', command: 'PostFollowUp' });
    expect(denial(await citizen.reports.submitReport(REPORT_INPUTS.submitReport)())).toMatchObject({
      rule: 'ReceiptsThroughService',
      command: 'SubmitReport',
    });
    expect(store.size()).toBe(before);
    // Without it, the report refuses (a domain rule, not access control).
    expect(
      tagOf(
        refused(
          await citizen.reports.postFollowUp(id, {
            author: 'reporter',
            text: { text: 'x', language: 'en' },
          })(),
        ),
      ),
    ).toBe('FollowUpNeedsReceipt');
  });

  it('NamedDecider: the head extending must be the head the extension names', async () => {
    const { client, store } = accessSetup();
    const id = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)()).id;
    ok(await client.reports.registerReport(id, REPORT_INPUTS.registerReport)());
    const before = store.size();
    const otherHead = sessionOf(client, { ...HEAD, id: 'officer-99' });
    const refusal = denial(await otherHead.reports.extendDeadline(id, REPORT_INPUTS.extendDeadline)());
    expect(refusal.rule).toBe('NamedDecider');
    expect(refusal.message).toBe(
      'access denied: ExtendDeadline: decidedBy.officerId must be the actor’s own id "officer-99", got "officer-7"',
    );
    expect(store.size()).toBe(before);
    const extended = ok(
      await sessionOf(client, HEAD).reports.extendDeadline(id, REPORT_INPUTS.extendDeadline)(),
    );
    expect(extended.recorded[0]?.metadata.actor).toEqual(HEAD);
  });

  it('IssuerKind: a member issues the group’s recommendations, a head the agency’s', async () => {
    const { client, store } = accessSetup();
    const agency = {
      ...RECOMMENDATION_INPUTS.issueRecommendation,
      issuer: { kind: 'agency' as const },
      basis: 'externalRiskAnalysis' as const,
    };
    expect(denial(await sessionOf(client, MEMBER).recommendations.issueRecommendation(agency)()).rule).toBe(
      'IssuerKind',
    );
    expect(
      denial(
        await sessionOf(client, HEAD).recommendations.issueRecommendation(
          RECOMMENDATION_INPUTS.issueRecommendation,
        )(),
      ).rule,
    ).toBe('IssuerKind');
    expect(store.size()).toBe(0);
    ok(
      await sessionOf(client, MEMBER).recommendations.issueRecommendation(
        RECOMMENDATION_INPUTS.issueRecommendation,
      )(),
    );
    ok(await sessionOf(client, HEAD).recommendations.issueRecommendation(agency)());
  });

  it('OwnDeclaration and TookPart: a member declares their own conflict and records visits they made', async () => {
    const { client, store } = accessSetup();
    const id = ok(await client.groups.formGroup(GROUP_INPUTS.formGroup)()).id;
    ok(await client.groups.addMember(id, GROUP_INPUTS.addMember)());
    ok(await client.groups.assignObject(id, GROUP_INPUTS.assignObject)());
    const before = store.size();
    const member = sessionOf(client, MEMBER);
    // GROUP_INPUTS declares the conflict of member-deputy-19c2, not the session's member-ngo-7f3a.
    expect(
      denial(await member.groups.declareConflictOfInterest(id, GROUP_INPUTS.declareConflictOfInterest)())
        .rule,
    ).toBe('OwnDeclaration');
    const outsider = sessionOf(client, { ...MEMBER, id: 'member-media-0001' });
    expect(denial(await outsider.groups.recordVisit(id, GROUP_INPUTS.recordVisit)()).rule).toBe('TookPart');
    expect(store.size()).toBe(before);

    const visited = ok(await member.groups.recordVisit(id, GROUP_INPUTS.recordVisit)());
    expect(visited.recorded[0]?.metadata.actor).toEqual(MEMBER);
    // An administrator records any member's declaration.
    ok(
      await sessionOf(client, ADMIN).groups.declareConflictOfInterest(id, {
        ...GROUP_INPUTS.declareConflictOfInterest,
        organisationId: 'org-other',
        organisationName: 'Other LLP',
      })(),
    );
  });

  it('AuthorRole on ratings: the rater flags as the rater, a group member as a monitor; the linked report records the actor', async () => {
    const { client, store } = accessSetup();
    const id = ok(await client.ratings.rateService(RATING_INPUTS.rateService)()).id;
    const before = store.size();
    const citizen = sessionOf(client, CITIZEN);
    const monitor = sessionOf(client, { ...MEMBER, region: 'KZ-75' });
    expect(
      denial(
        await citizen.ratings.flagViolation(id, { ...RATING_INPUTS.flagViolation, flaggedBy: 'monitor' })(),
      ).rule,
    ).toBe('AuthorRole');
    expect(denial(await monitor.ratings.flagViolation(id, RATING_INPUTS.flagViolation)()).rule).toBe(
      'AuthorRole',
    );
    expect(store.size()).toBe(before);

    const flagged = ok(await citizen.ratings.flagViolation(id, RATING_INPUTS.flagViolation)());
    const linked = flagged.events.flatMap((event) =>
      event.type === 'ViolationFlagged' ? [event.data.linkedReport.reportId] : [],
    );
    expect(linked).toHaveLength(1);
    const report = await streamOf(store, linked[0] ?? '');
    expect(report.map((event) => event.metadata.actor)).toEqual([CITIZEN]);
  });
});

describe('order of the checks, and what a refusal leaves', () => {
  it('the role is checked before the input: an analyst with garbage gets AccessDenied, an officer a ValidationError', async () => {
    const { client, calls } = accessSetup();
    const analyst = sessionOf(client, { role: 'analyst', id: 'analyst-1' });
    calls.length = 0;
    expect(
      denial((await methodsOf(analyst, 'reports')['submitReport']?.({ bogus: 1 })?.()) ?? E.right(null)).rule,
    ).toBe('RoleNotAllowed');
    expect(calls).toEqual([]);
    const officer = methodsOf(sessionOf(client, OFFICER), 'reports');
    const bogus = asValidationError(
      refused((await officer['submitReport']?.({ ...IDENTIFIED_REPORT, bogus: 1 })?.()) ?? E.right(null)),
    );
    expect(bogus.message).toBe('bogus: unknown field');
  });

  it('a regional actor’s starting command with a bad region is a ValidationError at `region`; nothing is stored', async () => {
    const { client, store } = accessSetup();
    const officer = methodsOf(sessionOf(client, OFFICER), 'reports');
    const error = asValidationError(
      refused(
        (await officer['submitReport']?.({ ...IDENTIFIED_REPORT, region: 'KZ-99' })?.()) ?? E.right(null),
      ),
    );
    expect(error.message).toBe('region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"');
    expect(store.size()).toBe(0);
  });

  it('a bad id is refused before anything is read, whatever the role', async () => {
    const { client, calls } = accessSetup();
    calls.length = 0;
    const citizen = methodsOf(sessionOf(client, CITIZEN), 'reports');
    expect(
      tagOf(
        refused(
          (await citizen['postFollowUp']?.('not a stream', {
            author: 'reporter',
            text: { text: 'x', language: 'en' },
          })?.()) ?? E.right(null),
        ),
      ),
    ).toBe('InvalidStreamName');
    const error = asValidationError(
      refused(
        (await citizen['postFollowUp']?.(42, {
          author: 'reporter',
          text: { text: 'x', language: 'en' },
        })?.()) ?? E.right(null),
      ),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['id']);
    expect(calls).toEqual([]);
    const officer = sessionOf(client, OFFICER);
    expect(
      tagOf(refused(await officer.reports.registerReport('report-42', REPORT_INPUTS.registerReport)())),
    ).toBe('InvalidStreamName');
  });

  it('an allowed command records the session’s actor, even when the caller passes another one', async () => {
    const { client, store } = accessSetup();
    const officer = sessionOf(client, OFFICER);
    const submitted = ok(
      await officer.reports.submitReport(
        { ...IDENTIFIED_REPORT, channel: 'callCentre1424' },
        { actor: { role: 'administrator', id: 'root' } },
      )(),
    );
    expect((await streamOf(store, submitted.id)).map((event) => event.metadata.actor)).toEqual([OFFICER]);
  });

  it('the trusted client works as before and records no actor', async () => {
    const { client, store } = accessSetup();
    const submitted = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    ok(await client.reports.registerReport(submitted.id, REPORT_INPUTS.registerReport)());
    expect((await everyEvent(store)).map((event) => event.metadata.actor)).toEqual([undefined, undefined]);
  });
});

describe('a report handled through sessions from submission to closing', () => {
  it('each step is allowed for its role, and each event names who did it', async () => {
    const { client, store, time } = accessSetup();
    time.set('2026-03-04');
    const citizen = sessionOf(client, CITIZEN);
    const officer = sessionOf(client, OFFICER);
    const head = sessionOf(client, HEAD);
    const { id } = ok(await citizen.reports.submitReport(IDENTIFIED_REPORT)());
    ok(await officer.reports.registerReport(id, REPORT_INPUTS.registerReport)());
    ok(await officer.reports.assignReport(id, REPORT_INPUTS.assignReport)());
    ok(await head.reports.extendDeadline(id, REPORT_INPUTS.extendDeadline)());
    ok(await officer.reports.notifyReporterOfExtension(id, REPORT_INPUTS.notifyReporterOfExtension)());
    ok(await officer.reports.recordAnswer(id, REPORT_INPUTS.recordAnswer)());
    ok(
      await citizen.reports.postFollowUp(id, {
        author: 'reporter',
        text: { text: 'Thank you', language: 'en' },
      })(),
    );
    ok(await officer.reports.closeReport(id, REPORT_INPUTS.closeReport)());
    // An officer of another region sees the report on the public map, but may not touch it.
    const almaty = sessionOf(client, { ...OFFICER, region: 'KZ-75' });
    expect(denial(await almaty.reports.reopenReport(id, REPORT_INPUTS.reopenReport)()).rule).toBe(
      'RoleNotAllowed',
    );
    expect(
      denial(
        await sessionOf(client, { ...HEAD, region: 'KZ-75' }).reports.reopenReport(
          id,
          REPORT_INPUTS.reopenReport,
        )(),
      ).rule,
    ).toBe('RegionScope');

    const roles = (await streamOf(store, id)).map(
      (event) => `${event.type}: ${event.metadata.actor?.role ?? '?'}`,
    );
    expect(roles).toEqual([
      'ReportSubmitted: citizen',
      'ReportRegistered: officer',
      'ReportAssigned: officer',
      'DeadlineExtended: regionalHead',
      'ReporterNotifiedOfExtension: officer',
      'ReportAnswered: officer',
      'FollowUpPosted: citizen',
      'ReportClosed: officer',
    ]);
  });
});

describe('roadmaps: regional and national', () => {
  it('a regional administrator drafts the region’s roadmap and its head approves it; the national one is the national staff’s', async () => {
    const { client } = accessSetup();
    const admin = sessionOf(client, ADMIN);
    const { id } = ok(
      await admin.roadmaps.draftRoadmap({ ...ROADMAP_INPUTS.draftRoadmap, region: 'KZ-71' })(),
    );
    expect(id).toMatch(/^roadmap-KZ-71-/);
    ok(await admin.roadmaps.addMeasure(id, ROADMAP_INPUTS.addMeasure)());
    ok(await sessionOf(client, HEAD).roadmaps.approveRoadmap(id, ROADMAP_INPUTS.approveRoadmap)());
    const national = denial(await admin.roadmaps.draftRoadmap(ROADMAP_INPUTS.draftRoadmap)());
    expect(national).toMatchObject({ rule: 'RegionScope', targetRegion: 'KZ-00' });
  });
});

describe('session.deadlines: the deadline job is the system actor’s', () => {
  it('refuses any other role without reading, and records the system actor on what it marks', async () => {
    const { client, store, calls } = accessSetup();
    const { id } = ok(await client.reports.submitReport({ ...IDENTIFIED_REPORT, at: on('2026-03-04') })());
    ok(await client.reports.registerReport(id, { ...REPORT_INPUTS.registerReport, at: on('2026-03-06') })());
    calls.length = 0;
    const refusal = denial(
      await sessionOf(client, { role: 'regionalHead', id: 'head-1' }).deadlines.markOverdue(
        on('2026-04-20'),
      )(),
    );
    expect(refusal).toMatchObject({ rule: 'RoleNotAllowed', module: 'deadlines', command: 'MarkOverdue' });
    expect(calls).toEqual([]);

    const job: SessionActorInput = { role: 'system', id: 'deadline-job' };
    const run = ok(await sessionOf(client, job).deadlines.markOverdue(on('2026-04-20'))());
    expect(run.marked).toEqual([id]);
    const marked = (await streamOf(store, id)).filter((event) => event.type === 'ReportMarkedOverdue');
    expect(marked.map((event) => event.metadata.actor)).toEqual([job]);
  });
});

describe('types', () => {
  type LeftOf<F> = F extends (...args: never[]) => () => Promise<E.Either<infer L, unknown>> ? L : never;
  type RightOf<F> = F extends (...args: never[]) => () => Promise<E.Either<unknown, infer R>> ? R : never;

  it('a session method takes what the client’s takes, returns what it returns, and may refuse with AccessDenied', () => {
    expectTypeOf<Parameters<AdalSession['reports']['registerReport']>>().toEqualTypeOf<
      Parameters<AdalClient['reports']['registerReport']>
    >();
    expectTypeOf<RightOf<AdalSession['reports']['submitReport']>>().toEqualTypeOf<
      RightOf<AdalClient['reports']['submitReport']>
    >();
    expectTypeOf<AccessDenied>().toExtend<LeftOf<AdalSession['reports']['registerReport']>>();
    expectTypeOf<AccessDenied>().toExtend<LeftOf<AdalSession['deadlines']['markOverdue']>>();
    expectTypeOf<AccessDenied>().toExtend<LeftOf<AdalSession['readModels']['serviceQuality']['ratings']>>();
  });
});
