/**
 * The special monitoring group: civil-society members (an NGO, a maslikhat deputy, an expert, a journalist)
 * who monitor budget objects and state bodies in their region, visit them with evidence and issue
 * recommendations. The recommendation is then reviewed in the labour collective of the body concerned — the
 * staff of the organisation, not only its head — before the body may report what it did about it.
 */
import { createHash } from 'node:crypto';
import type { AdalClient } from '@adal/client';
import { formatTenge, tenge } from '@adal/core';
import { en, fail, note, refusal } from './narration.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ROADS = { bodyId: 'almaty-roads-department', name: { en: 'Almaty city roads department' } } as const;

/**
 * Forms the Almaty group, assigns it the road repair that a citizen reported, records its visit and its
 * recommendation. Returns the ids the rest of the story needs.
 */
export const monitorAndRecommend = async (
  client: AdalClient,
  options: { readonly visitedOn: string },
): Promise<{ readonly groupId: string; readonly recommendationId: string }> => {
  const formed = await client.groups.formGroup({
    region: 'KZ-75',
    name: { en: 'Special monitoring group of Almaty', kk: 'Алматы қаласының арнайы мониторингтік тобы' },
    chair: { memberId: 'ngo-transparency-kz', kind: 'ngo' },
  })();
  if (formed._tag === 'Left') return fail('the monitoring group', formed.left);
  const groupId = formed.right.id;
  for (const member of [
    { memberId: 'deputy-maslikhat-14', kind: 'maslikhatDeputy' },
    { memberId: 'expert-road-engineer', kind: 'expert' },
    { memberId: 'journalist-vlast', kind: 'media' },
  ] as const) {
    const added = await client.groups.addMember(groupId, { ...member, role: 'member' })();
    if (added._tag === 'Left') fail(member.memberId, added.left);
  }
  note(`✓ group formed: chair from an NGO, a maslikhat deputy, a road engineer, a journalist → ${groupId}`);

  // The engineer once worked for the contractor: declared, the conflict keeps them off this object.
  await client.groups.declareConflictOfInterest(groupId, {
    memberId: 'expert-road-engineer',
    organisationId: 'contractor-asphalt-stroy',
    organisationName: 'Asphalt-Stroy LLP',
  })();
  const object = {
    kind: 'budgetObject',
    name: { en: 'Road repair, Al-Farabi avenue' },
    responsibleBodyId: ROADS.bodyId,
    contractorId: 'contractor-asphalt-stroy',
    amount: tenge(310_000_000),
  } as const;
  const withConflict = await client.groups.assignObject(groupId, {
    objectId: 'al-farabi-repair',
    object,
    memberIds: ['ngo-transparency-kz', 'expert-road-engineer'],
  })();
  note(
    withConflict._tag === 'Left'
      ? `${refusal(withConflict.left)}`
      : '! a member with a conflict of interest was assigned',
  );
  const assigned = await client.groups.assignObject(groupId, {
    objectId: 'al-farabi-repair',
    object,
    memberIds: ['ngo-transparency-kz', 'journalist-vlast'],
  })();
  if (assigned._tag === 'Left') fail('assign the road repair', assigned.left);
  note(`✓ the road repair (${formatTenge(object.amount)}) is assigned to the chair and the journalist`);

  const visited = await client.groups.recordVisit(groupId, {
    objectId: 'al-farabi-repair',
    visitedOn: options.visitedOn,
    memberIds: ['ngo-transparency-kz', 'journalist-vlast'],
    // The photos stay on the portal's file store; the log keeps their hashes, so they cannot be swapped.
    evidence: [
      { sha256: sha256('photo: fresh asphalt over last year’s'), mediaType: 'image/jpeg', size: 2_481_204 },
      { sha256: sha256('acceptance certificate No. 118'), mediaType: 'application/pdf', size: 311_733 },
    ],
    findings: en('The stretch paid for in May was resurfaced again in August; one acceptance certificate'),
  })();
  if (visited._tag === 'Left') fail('the visit', visited.left);
  note(`✓ visit recorded on ${options.visitedOn}, with 2 pieces of evidence (their SHA-256 in the log)`);

  const issued = await client.recommendations.issueRecommendation({
    issuer: { kind: 'group', groupId },
    basis: 'monitoring',
    addressee: ROADS,
    region: 'KZ-75',
    items: [
      { number: 1, text: en('Publish every acceptance certificate of road works on the city’s site') },
      { number: 2, text: en('Check the road-works register for stretches paid for twice') },
      { number: 3, text: en('Bar the contractor from tenders until the double payment is repaid') },
    ],
  })();
  if (issued._tag === 'Left') return fail('the recommendation', issued.left);
  const event = issued.right.events.find((e) => e.type === 'RecommendationIssued');
  const dueOn = event?.type === 'RecommendationIssued' ? event.data.dueOn : '?';
  note(`✓ the group recommends 3 measures to the ${ROADS.name.en}, due on ${dueOn} (30 working days)`);
  return { groupId, recommendationId: issued.right.id };
};

/** The agency's own recommendation after an external analysis of corruption risks, left unanswered. */
export const agencyRecommends = async (client: AdalClient): Promise<string> => {
  const issued = await client.recommendations.issueRecommendation({
    issuer: { kind: 'agency', unit: 'Anti-corruption service, Karaganda region' },
    basis: 'externalRiskAnalysis',
    addressee: { bodyId: 'karaganda-land-relations', name: { en: 'Karaganda land relations department' } },
    region: 'KZ-35',
    items: [{ number: 1, text: en('Allocate land plots by public auction only, never by direct award') }],
  })();
  if (issued._tag === 'Left') return fail('the agency’s recommendation', issued.left);
  note(`✓ the agency recommends, after an external risk analysis, to Karaganda's land department`);
  return issued.right.id;
};

/**
 * The roads department acknowledges; it cannot report implementation before its labour collective has
 * reviewed the recommendation; the staff meeting is held and minuted; the department reports.
 */
export const reviewAndReport = async (
  client: AdalClient,
  recommendationId: string,
  options: { readonly meetingOn: string },
): Promise<void> => {
  const acknowledged = await client.recommendations.acknowledgeRecommendation(recommendationId, {
    acknowledgedBy: 'Head of the roads department',
  })();
  if (acknowledged._tag === 'Left') fail('acknowledge', acknowledged.left);
  note('✓ the roads department acknowledges the recommendation');
  const early = await client.recommendations.reportImplementation(recommendationId, {
    items: [{ number: 1, done: en('Certificates published') }],
  })();
  note(early._tag === 'Left' ? refusal(early.left) : '! implementation reported before the review');
  const reviewed = await client.recommendations.recordCollectiveReview(recommendationId, {
    meetingOn: options.meetingOn,
    attendance: { present: 41, total: 52 },
    decision: en('The staff accept all three measures and name who does each'),
    minutesSha256: sha256('minutes of the general meeting of the roads department'),
  })();
  if (reviewed._tag === 'Left') fail('the collective review', reviewed.left);
  note(`✓ reviewed by the labour collective on ${options.meetingOn}: 41 of 52 staff present, minutes hashed`);
  const reported = await client.recommendations.reportImplementation(recommendationId, {
    items: [
      { number: 1, done: en('All 2025–2026 certificates are published') },
      { number: 2, done: en('The register was checked: 2 stretches paid twice, sent to the auditors') },
      { number: 3, done: en('Procurement law gives the department no power to bar a contractor') },
    ],
  })();
  if (reported._tag === 'Left') fail('the implementation report', reported.left);
  note('✓ the department reports what it did, item by item');
};

/** The group assesses the report, item by item; the overall result follows from the items. */
export const assess = async (client: AdalClient, recommendationId: string): Promise<string> => {
  const assessed = await client.recommendations.assessImplementation(recommendationId, {
    items: [
      { number: 1, result: 'eliminated' },
      { number: 2, result: 'eliminated' },
      { number: 3, result: 'noMechanism', note: en('Needs a change to the procurement rules') },
    ],
  })();
  if (assessed._tag === 'Left') return fail('the assessment', assessed.left);
  const event = assessed.right.events.find((e) => e.type === 'ImplementationAssessed');
  const overall = event?.type === 'ImplementationAssessed' ? event.data.overall : '?';
  note(`✓ the group assesses: 2 risks eliminated, 1 without a legal mechanism → implemented ${overall}`);
  return overall;
};
