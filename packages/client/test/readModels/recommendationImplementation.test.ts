/**
 * Recommendation implementation as a portal uses it: recommendations are issued and followed through
 * `client.recommendations` on a memory store, the projection runner keeps the read model in a memory
 * read-model store, and `recommendationImplementationQueries` gives the figures by region, issuer, body and
 * group, and the recommendations behind them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import { emptyImplementationFigures, RECOMMENDATION_IMPLEMENTATION, storeUnavailable } from '@adal/core';
import type { RecommendationImplementationQueries } from '../../src/readModels/recommendationImplementation.js';
import { recommendationImplementationQueries } from '../../src/readModels/recommendationImplementation.js';
import { ok, RECOMMENDATION_INPUTS, refused, setup, streamOf } from '../fixtures/modules.js';
import {
  readModelsHolding,
  runReadModels,
  unavailableReadModels,
  validationMessage,
} from '../fixtures/readModels.js';

const INPUTS = RECOMMENDATION_INPUTS;
const G1 = 'group-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const EDU = INPUTS.issueRecommendation.addressee;
const HEALTH = { bodyId: 'body-astana-health', name: { en: 'Health Department of Astana' } };

/**
 * In Astana: R1 (group G1, education) reviewed, reported, fully implemented and closed; R2 (the agency,
 * health) overdue and waiting; R3 (group G1, health) acknowledged, then withdrawn. In Almaty: R4 issued.
 */
const scenario = async () => {
  const { store, client, time } = setup();
  const recommendations = client.recommendations;
  time.set('2026-03-10');
  const r1 = ok(await recommendations.issueRecommendation(INPUTS.issueRecommendation)()).id;
  const r2 = ok(
    await recommendations.issueRecommendation({
      ...INPUTS.issueRecommendation,
      issuer: { kind: 'agency' },
      basis: 'externalRiskAnalysis',
      addressee: HEALTH,
      dueOn: '2026-03-16',
    })(),
  ).id;
  const r3 = ok(
    await recommendations.issueRecommendation({ ...INPUTS.issueRecommendation, addressee: HEALTH })(),
  ).id;
  const r4 = ok(
    await recommendations.issueRecommendation({
      ...INPUTS.issueRecommendation,
      issuer: { kind: 'agency' },
      basis: 'externalRiskAnalysis',
      region: 'KZ-75',
      addressee: { bodyId: 'body-almaty-roads', name: { en: 'Roads Department of Almaty' } },
    })(),
  ).id;
  time.set('2026-03-12');
  ok(await recommendations.acknowledgeRecommendation(r1, INPUTS.acknowledgeRecommendation)());
  ok(await recommendations.acknowledgeRecommendation(r3, INPUTS.acknowledgeRecommendation)());
  time.set('2026-03-13');
  ok(await recommendations.withdrawRecommendation(r3, INPUTS.withdrawRecommendation)());
  time.set('2026-03-17');
  ok(await recommendations.markOverdue(r2, {})());
  time.set('2026-03-20');
  ok(await recommendations.recordCollectiveReview(r1, INPUTS.recordCollectiveReview)());
  time.set('2026-04-06');
  ok(await recommendations.reportImplementation(r1, INPUTS.reportImplementation)());
  time.set('2026-04-13');
  ok(
    await recommendations.assessImplementation(r1, {
      items: [
        { number: 1, result: 'eliminated' },
        { number: 2, result: 'eliminated' },
      ],
    })(),
  );
  time.set('2026-04-20');
  ok(await recommendations.closeRecommendation(r1, {})());
  return { store, r1, r2, r3, r4 };
};

const figures = (
  counts: Partial<Omit<typeof emptyImplementationFigures, 'byStatus'>> & {
    readonly byStatus?: Partial<typeof emptyImplementationFigures.byStatus>;
  },
) => ({
  ...emptyImplementationFigures,
  ...counts,
  byStatus: { ...emptyImplementationFigures.byStatus, ...counts.byStatus },
});

/** R1 and R3: the counts of G1, the only group of Astana (and so the counts of its groups). */
const OF_G1 = {
  issued: 2,
  acknowledged: 2,
  reviewed: 1,
  reported: 1,
  assessed: 1,
  implementedFully: 1,
  withdrawn: 1,
  closed: 1,
  byStatus: { closed: 1, withdrawn: 1 },
};

describe('recommendation implementation queries', () => {
  let queries: RecommendationImplementationQueries;
  let world: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    world = await scenario();
    queries = recommendationImplementationQueries(
      (await runReadModels(world.store, [RECOMMENDATION_IMPLEMENTATION])).readModels,
    );
  });

  it('gives a region’s figures, and zeros for a region without recommendations', async () => {
    // G1's, and R2: the agency's, issued, overdue and waiting.
    expect(ok(await queries.region('KZ-71')())).toEqual({
      region: 'KZ-71',
      ...figures({
        ...OF_G1,
        issued: 3,
        overdue: 1,
        overdueOpen: 1,
        byStatus: { issued: 1, closed: 1, withdrawn: 1 },
      }),
    });
    expect(ok(await queries.region('KZ-19')())).toEqual({ region: 'KZ-19', ...emptyImplementationFigures });
  });

  it('gives the country’s figures as the sum of the regions’', async () => {
    const national = ok(await queries.national()());
    expect(national.regions.map((r) => [r.region, r.issued])).toEqual([
      ['KZ-71', 3],
      ['KZ-75', 1],
    ]);
    expect(national).toMatchObject({
      issued: 4,
      acknowledged: 2,
      implementedFully: 1,
      byStatus: { issued: 2 },
    });
  });

  it('gives the figures by issuer, body and group', async () => {
    expect(ok(await queries.byIssuer('KZ-71')())).toEqual({
      region: 'KZ-71',
      group: figures(OF_G1),
      agency: figures({ issued: 1, overdue: 1, overdueOpen: 1, byStatus: { issued: 1 } }),
    });
    const bodies = ok(await queries.bodies('KZ-71')());
    expect(bodies.map((b) => [b.bodyId, b.name, b.issued, b.withdrawn, b.overdueOpen])).toEqual([
      [EDU.bodyId, EDU.name, 1, 0, 0],
      [HEALTH.bodyId, HEALTH.name, 2, 1, 1],
    ]);
    expect(ok(await queries.body('KZ-71', HEALTH.bodyId)())).toEqual(bodies[1]);
    expect(ok(await queries.body('KZ-71', 'body-unknown')())).toBeUndefined();
    expect(ok(await queries.groups('KZ-71')())).toEqual([
      { region: 'KZ-71', groupId: G1, ...figures(OF_G1) },
    ]);
  });

  it('lists the recommendations behind a figure, with the events behind each step', async () => {
    const fully = ok(await queries.recommendations('KZ-71', { overall: 'fully' })());
    expect(fully.recommendations.map((r) => r.recommendationId)).toEqual([world.r1]);
    const idOf = async (type: string) =>
      (await streamOf(world.store, world.r1)).find((e) => e.type === type)?.id;
    expect(fully.recommendations[0]).toMatchObject({
      issuerKind: 'group',
      groupId: G1,
      bodyId: EDU.bodyId,
      status: 'closed',
      overall: 'fully',
      events: {
        issued: await idOf('RecommendationIssued'),
        acknowledged: await idOf('RecommendationAcknowledged'),
        reviewed: await idOf('CollectiveReviewRecorded'),
        reported: await idOf('ImplementationReported'),
        assessed: await idOf('ImplementationAssessed'),
        closed: await idOf('RecommendationClosed'),
      },
    });
    const overdue = ok(await queries.recommendations('KZ-71', { overdue: true, status: 'issued' })());
    expect(overdue.recommendations.map((r) => r.recommendationId)).toEqual([world.r2]);
    const health = ok(await queries.recommendations('KZ-71', { bodyId: HEALTH.bodyId })());
    expect(health.recommendations.map((r) => r.recommendationId).sort()).toEqual([world.r2, world.r3].sort());
  });

  it('pages through a region’s recommendations', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const next = ok(
        await queries.recommendations('KZ-71', { limit: 1, ...(after === undefined ? {} : { after }) })(),
      );
      seen.push(...next.recommendations.map((r) => r.recommendationId));
      after = next.next;
      if (after === undefined) break;
    }
    expect(seen.sort()).toEqual([world.r1, world.r2, world.r3].sort());
  });
});

describe('recommendation implementation queries: bad input', () => {
  const queries = recommendationImplementationQueries(createMemoryReadModelStore());

  it('names the field that is wrong, and never throws', async () => {
    expect(await validationMessage(queries.region('KZ-99'))).toMatch(/^region: /);
    expect(await validationMessage(queries.region(71 as unknown as string))).toMatch(/^region: /);
    expect(await validationMessage(queries.byIssuer('KZ-AST'))).toBe(
      'region: KZ-AST is an old code: use KZ-71',
    );
    expect(await validationMessage(queries.body('KZ-71', ''))).toMatch(/^bodyId: /);
    expect(await validationMessage(queries.recommendations('KZ-71', { overall: 'mostly' as never }))).toMatch(
      /^overall: /,
    );
    expect(await validationMessage(queries.recommendations('KZ-71', { status: 'lost' as never }))).toMatch(
      /^status: /,
    );
    expect(await validationMessage(queries.recommendations('KZ-71', { limit: 0 }))).toMatch(/^limit: /);
    expect(await validationMessage(queries.recommendations('KZ-71', { after: 'region:KZ-71' }))).toMatch(
      /^after: /,
    );
    expect(await validationMessage(queries.recommendations('KZ-71', { bodyID: 'x' } as never))).toBe(
      'bodyID: unknown field',
    );
  });
});

describe('recommendation implementation queries: store failures', () => {
  it('passes on an unavailable store', async () => {
    const down = storeUnavailable('the database is restarting');
    const queries = recommendationImplementationQueries(unavailableReadModels(down));
    expect(refused(await queries.region('KZ-71')())).toBe(down);
    expect(refused(await queries.national()())).toBe(down);
    expect(refused(await queries.bodies('KZ-71')())).toBe(down);
    expect(refused(await queries.recommendations('KZ-71')())).toBe(down);
  });

  it('reports a stored document that does not read, by its id', async () => {
    const { name } = RECOMMENDATION_IMPLEMENTATION;
    const readModels = await readModelsHolding(RECOMMENDATION_IMPLEMENTATION, 'region:KZ-71', {
      kind: 'region',
      region: 'KZ-71',
      issued: -1,
    });
    const error = refused(await recommendationImplementationQueries(readModels).region('KZ-71')());
    expect(error).toMatchObject({ _tag: 'ReadModelDocumentInvalid', projection: name, id: 'region:KZ-71' });
  });
});
