/**
 * Roadmap progress as a portal uses it: the national roadmap is drafted, approved, worked on and revised
 * through `client.roadmaps` on a memory store, the projection runner keeps the read model in a memory
 * read-model store, and `roadmapProgressQueries` gives the progress per direction on the day asked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import { ROADMAP_PROGRESS, storeUnavailable } from '@adal/core';
import type { RoadmapProgressQueries } from '../../src/readModels/roadmapProgress.js';
import { roadmapProgressQueries } from '../../src/readModels/roadmapProgress.js';
import { en, ok, on, refused, ROADMAP_INPUTS, setup, streamOf } from '../fixtures/modules.js';
import {
  readModelsHolding,
  runReadModels,
  unavailableReadModels,
  validationMessage,
} from '../fixtures/readModels.js';

const INPUTS = ROADMAP_INPUTS;
const ILLICIT_ENRICHMENT = {
  measureId: 'LEG-1',
  direction: 'legislation' as const,
  title: { en: 'Liability for illicit enrichment' },
  owner: { body: 'Anti-Corruption Agency', unit: 'Legal department' },
  kpi: { indicator: { en: 'Draft law submitted to Parliament' }, unit: 'bill', baseline: 0, target: 1 },
  dueOn: '2026-06-30',
  milestones: [{ id: 'M1', title: { en: 'Draft law written' }, mandatory: true }],
  legalReference: { act: 'Criminal Code of the Republic of Kazakhstan' },
};

/**
 * The national roadmap: the digitalisation measure is done on time (KPI 35 % of 80 %); the illicit-enrichment
 * bill, due 30 June, is re-dated to 31 December by version 2. Astana's roadmap is still a draft.
 */
const scenario = async () => {
  const { store, client, time } = setup({ start: on('2026-01-12') });
  const roadmaps = client.roadmaps;
  const national = ok(await roadmaps.draftRoadmap(INPUTS.draftRoadmap)()).id;
  const astana = ok(await roadmaps.draftRoadmap({ ...INPUTS.draftRoadmap, region: 'KZ-71' })()).id;
  time.set('2026-01-13');
  ok(await roadmaps.addMeasure(national, INPUTS.addMeasure)());
  ok(await roadmaps.addMeasure(national, ILLICIT_ENRICHMENT)());
  ok(await roadmaps.addMeasure(astana, INPUTS.addMeasure)());
  time.set('2026-02-02');
  ok(await roadmaps.approveRoadmap(national, INPUTS.approveRoadmap)());
  time.set('2026-02-09');
  ok(await roadmaps.startMeasure(national, INPUTS.startMeasure)());
  time.set('2026-03-02');
  ok(await roadmaps.recordMilestone(national, INPUTS.recordMilestone)());
  time.set('2026-04-02');
  ok(await roadmaps.reportKpi(national, INPUTS.reportKpi)());
  time.set('2026-06-15');
  ok(await roadmaps.recordMilestone(national, { measureId: 'DIG-1', milestoneId: 'M2' })());
  time.set('2026-06-20');
  ok(await roadmaps.completeMeasure(national, INPUTS.completeMeasure)());
  time.set('2026-07-01');
  ok(await roadmaps.reviseRoadmap(national, { reason: en('The bill waits for the new Criminal Code') })());
  ok(
    await roadmaps.reviseMeasureDeadline(national, {
      measureId: 'LEG-1',
      newDueOn: '2026-12-31',
      reason: en('The bill waits for the new Criminal Code'),
    })(),
  );
  time.set('2026-07-02');
  ok(await roadmaps.approveRoadmap(national, { ...INPUTS.approveRoadmap, version: 2 })());
  return { store, national, astana };
};

describe('roadmap progress queries', () => {
  let queries: RoadmapProgressQueries;
  let world: Awaited<ReturnType<typeof scenario>>;
  beforeAll(async () => {
    world = await scenario();
    queries = roadmapProgressQueries((await runReadModels(world.store, [ROADMAP_PROGRESS])).readModels, {
      clock: () => on('2026-07-10'),
    });
  });

  it('gives a roadmap’s progress per direction on the day asked', async () => {
    const progress = ok(await queries.progress(world.national, { asOf: '2026-07-10' })());
    expect(progress).toMatchObject({
      roadmapId: world.national,
      region: 'KZ-00',
      status: 'approved',
      version: 2,
      asOf: '2026-07-10',
      title: INPUTS.draftRoadmap.title,
      totals: { measures: 2, planned: 1, active: 0, done: 1, slipped: 1, cancelled: 0, progress: 0.5 },
    });
    const direction = (name: string) => progress?.directions.find((d) => d.direction === name);
    expect(direction('digitalisation')).toMatchObject({ measures: 1, done: 1, slipped: 0, progress: 1 });
    expect(direction('legislation')).toMatchObject({ measures: 1, planned: 1, slipped: 1, progress: 0 });
    expect(direction('digitalisation')?.kpis).toEqual([
      {
        measureId: 'DIG-1',
        indicator: INPUTS.addMeasure.kpi.indicator,
        unit: '%',
        baseline: 20,
        target: 80,
        actual: 35,
        measuredOn: '2026-04-01',
        achieved: false,
      },
    ]);
    expect(progress?.measures.find((m) => m.measureId === 'LEG-1')).toMatchObject({
      dueOn: '2026-12-31',
      approvedDueOn: '2026-06-30',
      slipped: ['deadlineRevised'],
    });
  });

  it('computes slips for the day: today by the clock, or any day asked', async () => {
    expect(ok(await queries.progress(world.national)())).toMatchObject({ asOf: '2026-07-10' });
    const later = ok(await queries.progress(world.national, { asOf: '2027-01-05' })());
    expect(later?.measures.find((m) => m.measureId === 'LEG-1')?.slipped).toEqual([
      'deadlineRevised',
      'pastDue',
    ]);
    // The day judges due dates only: the statuses are the roadmap's as it stands now.
    const earlier = ok(await queries.progress(world.national, { asOf: '2026-06-01' })());
    expect(earlier?.totals).toMatchObject({ done: 1, slipped: 1 });
  });

  it('names the events behind the figures', async () => {
    const events = await streamOf(world.store, world.national);
    const idOf = (type: string, nth = 0) => events.filter((e) => e.type === type)[nth]?.id;
    const progress = ok(await queries.progress(world.national)());
    expect(progress?.evidence).toEqual({
      drafted: idOf('RoadmapDrafted'),
      approved: idOf('RoadmapApproved', 1),
      measures: [
        {
          measureId: 'DIG-1',
          started: idOf('MeasureStarted'),
          kpi: idOf('KpiReported'),
          completed: idOf('MeasureCompleted'),
        },
        { measureId: 'LEG-1', deadlineRevised: idOf('MeasureDeadlineRevised') },
      ],
    });
  });

  it('gives a draft no measures in force, and nothing for a roadmap it does not know', async () => {
    expect(ok(await queries.progress(world.astana)())).toMatchObject({
      region: 'KZ-71',
      status: 'draft',
      version: 0,
      totals: { measures: 0, progress: 0 },
    });
    expect(
      ok(await queries.progress('roadmap-KZ-71-0190f3c2-0000-7000-8000-000000000000')()),
    ).toBeUndefined();
  });

  it('lists the roadmaps, of a region or all', async () => {
    const all = ok(await queries.roadmaps()());
    expect(all.map((r) => [r.roadmapId, r.region, r.status, r.version])).toEqual([
      [world.national, 'KZ-00', 'approved', 2],
      [world.astana, 'KZ-71', 'draft', 0],
    ]);
    expect(all[0]).toMatchObject({ title: INPUTS.draftRoadmap.title, period: INPUTS.draftRoadmap.period });
    expect(ok(await queries.roadmaps({ region: 'KZ-00' })()).map((r) => r.roadmapId)).toEqual([
      world.national,
    ]);
    expect(ok(await queries.roadmaps({ region: 'KZ-75' })())).toEqual([]);
  });
});

describe('roadmap progress queries: bad input', () => {
  const queries = roadmapProgressQueries(createMemoryReadModelStore());

  it('names the field that is wrong, and never throws', async () => {
    expect(await validationMessage(queries.progress('report-KZ-71-42'))).toMatch(/^roadmapId: /);
    expect(await validationMessage(queries.progress('roadmap-42'))).toMatch(/^roadmapId: /);
    expect(await validationMessage(queries.progress(undefined as unknown as string))).toMatch(/^roadmapId: /);
    expect(await validationMessage(queries.progress('roadmap-KZ-00-1', { asOf: '31.12.2026' }))).toMatch(
      /^asOf: /,
    );
    expect(await validationMessage(queries.roadmaps({ region: 'Astana' }))).toMatch(/^region: /);
    expect(await validationMessage(queries.roadmaps({ regoin: 'KZ-71' } as never))).toBe(
      'regoin: unknown field',
    );
  });
});

describe('roadmap progress queries: store failures', () => {
  it('passes on an unavailable store', async () => {
    const down = storeUnavailable('the database is restarting');
    const queries = roadmapProgressQueries(unavailableReadModels(down));
    expect(refused(await queries.progress('roadmap-KZ-00-1')())).toBe(down);
    expect(refused(await queries.roadmaps()())).toBe(down);
  });

  it('reports a stored document that does not read, by its id', async () => {
    const { name } = ROADMAP_PROGRESS;
    const id = 'roadmap:KZ-00:roadmap-KZ-00-1';
    const readModels = await readModelsHolding(ROADMAP_PROGRESS, id, {
      kind: 'roadmap',
      roadmapId: 'roadmap-KZ-00-1',
      state: {},
    });
    const error = refused(await roadmapProgressQueries(readModels).progress('roadmap-KZ-00-1')());
    expect(error).toMatchObject({ _tag: 'ReadModelDocumentInvalid', projection: name, id });
  });
});
