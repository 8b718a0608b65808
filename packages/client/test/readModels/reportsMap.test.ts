/**
 * The reports map as a portal uses it: reports go in through `client.reports`, the projection runner keeps
 * the read model in a memory read-model store, and `reportsMapQueries` answers with GeoJSON and counts.
 * Bad filters come back as a `ValidationError` naming the field.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReadModelStore } from '@adal/adapters/memory';
import type { DocumentQuery, ReadModelStore } from '@adal/core';
import { REPORTS_MAP, storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { reportsMapQueries } from '../../src/readModels/reportsMap.js';
import type { ReportFeature, ReportsMapFilter } from '../../src/readModels/reportsMap.js';
import { en, ok, on, refused, REPORT_INPUTS, setup } from '../fixtures/modules.js';
import { runReadModels, unavailableReadModels } from '../fixtures/readModels.js';

/** Precise points, to six decimals: none of these digits may reach the map. */
const SCHOOL = { lat: 51.128456, lon: 71.430789 };
const ROAD = { lat: 51.161234, lon: 71.470345 };
const CLINIC = { lat: 43.238949, lon: 76.889709 };

/**
 * Five reports through the client: in Astana a closed one (procurement), an overdue one (construction
 * quality) and a fresh one; in Almaty a registered one and a withdrawn one. Then the runner catches up.
 */
const scenario = async () => {
  const { client, store, time } = setup({ start: on('2026-03-04') });
  const submit = async (overrides: Partial<typeof REPORT_INPUTS.submitReport>) =>
    ok(await client.reports.submitReport({ ...REPORT_INPUTS.submitReport, ...overrides })()).id;

  const closed = await submit({ point: SCHOOL, category: 'procurement', channel: 'portal' });
  const overdue = await submit({
    point: ROAD,
    reporter: { kind: 'identified', subjectId: 'subject-42', name: 'Aigerim Nurlanovna' },
  });
  const almaty = await submit({ region: 'KZ-75', point: CLINIC, category: 'publicServiceQuality' });
  const withdrawn = await submit({ region: 'KZ-75', point: { lat: 43.25, lon: 76.9 }, category: 'other' });
  time.set('2026-03-06');
  for (const id of [closed, overdue, almaty])
    ok(await client.reports.registerReport(id, REPORT_INPUTS.registerReport)());
  ok(await client.reports.withdrawReport(withdrawn, { reason: en('solved') })());
  time.set('2026-03-10');
  for (const id of [closed, overdue]) ok(await client.reports.assignReport(id, REPORT_INPUTS.assignReport)());
  time.set('2026-03-20');
  ok(await client.reports.recordAnswer(closed, REPORT_INPUTS.recordAnswer)());
  ok(await client.reports.closeReport(closed, { outcome: 'confirmed' })());
  time.set('2026-04-03');
  ok(await client.reports.markOverdue(overdue)());
  const fresh = await submit({
    point: { lat: 51.2, lon: 71.5 },
    category: 'procurement',
    channel: 'callCentre1424',
  });

  const { readModels } = await runReadModels(store, [REPORTS_MAP]);
  return {
    readModels,
    map: reportsMapQueries(readModels),
    ids: { closed, overdue, fresh, almaty, withdrawn },
  };
};

const ids = (features: readonly ReportFeature[]) => features.map((feature) => feature.id).sort();

describe('reportsMapQueries over the runner', () => {
  it('gives every report as an RFC 7946 Point feature at its coarsened [lon, lat]', async () => {
    const { map, ids: id } = await scenario();
    const collection = ok(await map.features()());
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(5);
    const closed = collection.features.find((feature) => feature.id === id.closed);
    expect(closed).toEqual({
      type: 'Feature',
      id: id.closed,
      geometry: { type: 'Point', coordinates: [71.431, 51.128] },
      properties: {
        region: 'KZ-71',
        status: 'closed',
        category: 'procurement',
        channel: 'portal',
        submittedOn: '2026-03-04',
        overdue: false,
        dueOn: '2026-04-02',
        outcome: 'confirmed',
      },
    });
    const overdue = collection.features.find((feature) => feature.id === id.overdue);
    expect(overdue?.properties).toMatchObject({ status: 'assigned', overdue: true });
    expect(overdue?.geometry.coordinates).toEqual([71.47, 51.161]);
  });

  it('never gives out a precise point or the reporter', async () => {
    const { map } = await scenario();
    const json = JSON.stringify([ok(await map.features()()), ok(await map.countsByRegion()())]);
    for (const secret of [
      '51.128456',
      '71.430789',
      '51.161234',
      '71.470345',
      '43.238949',
      '76.889709',
      'Aigerim',
      'subject-42',
      'scrypt',
      'School No. 17',
      'bricks',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('filters by region, status, category and box', async () => {
    const { map, ids: id } = await scenario();
    const features = async (filter: ReportsMapFilter) => ids(ok(await map.features(filter)()).features);

    expect(await features({ region: 'KZ-75' })).toEqual([id.almaty, id.withdrawn].sort());
    expect(await features({ status: 'assigned' })).toEqual([id.overdue]);
    expect(await features({ status: ['submitted', 'closed'] })).toEqual([id.closed, id.fresh].sort());
    expect(await features({ category: 'procurement' })).toEqual([id.closed, id.fresh].sort());
    expect(
      await features({ region: 'KZ-71', category: ['procurement', 'other'], status: 'submitted' }),
    ).toEqual([id.fresh]);
    expect(await features({ region: 'KZ-75', status: 'assigned' })).toEqual([]);
    // Around the school and the road in Astana, not the point at (51.2, 71.5) nor Almaty.
    expect(await features({ bbox: [71.4, 51.1, 71.48, 51.17] })).toEqual([id.closed, id.overdue].sort());
    // A box edge on a coarsened coordinate includes it.
    expect(await features({ bbox: [71.431, 51.128, 71.431, 51.128] })).toEqual([id.closed]);
  });

  it('counts every region, zeros included', async () => {
    const { map } = await scenario();
    const counts = ok(await map.countsByRegion()());
    expect(counts.map((region) => region.region)).toHaveLength(20);
    const astana = counts.find((region) => region.region === 'KZ-71');
    expect(astana).toMatchObject({
      total: 3,
      overdue: 1,
      byStatus: { submitted: 1, assigned: 1, closed: 1, registered: 0 },
      byCategory: { procurement: 2, constructionQuality: 1 },
    });
    expect(counts.find((region) => region.region === 'KZ-75')).toMatchObject({
      total: 2,
      byStatus: { registered: 1, withdrawn: 1 },
    });
    expect(counts.find((region) => region.region === 'KZ-10')).toMatchObject({ total: 0, overdue: 0 });
  });

  it('follows the report as new events arrive', async () => {
    const { client, store, time } = setup({ start: on('2026-03-04') });
    const { readModels, runner } = await runReadModels(store, [REPORTS_MAP]);
    const map = reportsMapQueries(readModels);
    const id = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)()).id;
    ok(await runner.waitUntilCaughtUp({ timeoutMs: 10_000 }));
    expect(ok(await map.features()()).features.map((f) => f.properties.status)).toEqual(['submitted']);
    time.set('2026-03-06');
    ok(await client.reports.registerReport(id, REPORT_INPUTS.registerReport)());
    ok(await runner.waitUntilCaughtUp({ timeoutMs: 10_000 }));
    expect(ok(await map.features()()).features.map((f) => f.properties.status)).toEqual(['registered']);
  });
});

describe('reportsMapQueries: bad filters', () => {
  const map = reportsMapQueries(createMemoryReadModelStore());
  it.each([
    [{ region: 'KZ-99' }, 'region'],
    [{ region: 'KZ-ALA' }, 'region'],
    [{ status: 'lost' }, 'status'],
    [{ status: [] }, 'status'],
    [{ status: ['assigned', 'lost'] }, 'status.1'],
    [{ category: 'weather' }, 'category'],
    [{ bbox: [71, 51, 72] }, 'bbox'],
    [{ bbox: [71, 91, 72, 92] }, 'bbox'],
    [{ bbox: [-181, 40, 72, 51] }, 'bbox'],
    [{ bbox: [72, 40, 71, 51] }, 'bbox'],
    [{ bbox: [71, 52, 72, 51] }, 'bbox'],
    [{ bbox: [71, Number.NaN, 72, 51] }, 'bbox'],
    [{ colour: 'red' }, 'colour'],
  ] as const)('refuses %j at %s', async (filter, path) => {
    const error = refused(await map.features(filter as ReportsMapFilter)());
    expect(error._tag).toBe('ValidationError');
    expect(error._tag === 'ValidationError' && error.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('names the values it accepts', async () => {
    const error = refused(await map.features({ status: 'lost' })());
    expect(error.message).toBe(
      'status: expected one of submitted, registered, assigned, answered, closed, redirected, duplicate, rejected, escalated, withdrawn, got "lost"',
    );
    const box = refused(await map.features({ bbox: [72, 40, 71, 51] })());
    expect(box.message).toBe('bbox: west (72) must not be east of east (71)');
  });
});

describe('reportsMapQueries: the store', () => {
  it('reads page after page', async () => {
    const { readModels, ids: id } = await scenario();
    const queries: DocumentQuery[] = [];
    // A store that gives two documents a page, whatever the query asks for.
    const small: Pick<ReadModelStore, 'findDocuments'> = {
      findDocuments: (name, query = {}) => {
        queries.push(query);
        return readModels.findDocuments(name, { ...query, limit: 2 });
      },
    };
    const features = ok(await reportsMapQueries(small).features()());
    expect(ids(features.features)).toEqual(Object.values(id).sort());
    expect(queries).toHaveLength(3);
    expect(queries[1]?.after).toBeDefined();
  });

  it('returns the store being unavailable', async () => {
    const down = unavailableReadModels(storeUnavailable('connection refused'));
    expect(refused(await reportsMapQueries(down).features()())._tag).toBe('StoreUnavailable');
    expect(refused(await reportsMapQueries(down).countsByRegion()())._tag).toBe('StoreUnavailable');
  });

  it('returns a stored document that does not read', async () => {
    const odd: Pick<ReadModelStore, 'findDocuments'> = {
      findDocuments: () => () =>
        Promise.resolve(
          E.right({
            documents: [{ id: 'KZ-71:report-KZ-71-x', document: { kind: 'report', status: 'lost' } }],
          }),
        ),
    };
    const error = refused(await reportsMapQueries(odd).features()());
    expect(error).toMatchObject({
      _tag: 'ReadModelDocumentInvalid',
      projection: 'reports-map',
      id: 'KZ-71:report-KZ-71-x',
    });
  });
});
