/**
 * The six read models on PostgreSQL (a server through node-postgres, and PGlite) against the memory store:
 * the same log — the article's dataset and a few weeks of mixed work, made through the client's commands on
 * memory, then copied event for event (same ids, data and order) into each PostgreSQL store — must give the
 * same documents in every read model and the same answer to every query. Positions differ between stores, so
 * each store's positions are mapped to memory's (by event id) before comparing.
 *
 * On PostgreSQL the article's figures are also checked directly.
 */
import type { EventStore, EventToAppend, JsonValue, ReadModelStore, RecordedEvent } from '@adal/core';
import { allEvents } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, buildArticleDataset } from '../../../../examples/statistics/src/dataset.js';
import type { AdalClient } from '../../src/index.js';
import { createAdalClient } from '../../src/index.js';
import { mixedScenario } from '../fixtures/mixedScenario.js';
import { ok, on, PSEUDONYM_KEY, setup } from '../fixtures/modules.js';
import type { SchemaStore, TestPglite, TestServer } from '../support/postgresStores.js';
import { openPgliteStore, openPoolStore, startPglite, startServer } from '../support/postgresStores.js';

let server: TestServer;
let pglite: TestPglite;

/** What the memory store gave: its log, its documents per read model, its query answers. */
let reference: { events: RecordedEvent[]; documents: Map<string, Map<string, JsonValue>>; answers: unknown };

const NOW = on('2026-04-15');

beforeAll(async () => {
  server = await startServer({ poolMax: 10 });
  pglite = await startPglite('adal-pglite-read-models-');

  const { client, store, time } = setup({ start: on('2026-03-04') });
  await mixedScenario(client, time);
  const built = await buildArticleDataset(client);
  if (E.isLeft(built)) throw new Error(built.left.message);
  time.set(NOW);
  await catchUp(client);
  const events: RecordedEvent[] = [];
  for await (const event of allEvents(store)) events.push(event);
  reference = {
    events,
    documents: await everyDocument(client, store),
    answers: await answers(client),
  };
}, 300_000);

afterAll(async () => {
  await pglite.stop();
  await server.stop();
}, 60_000);

const catchUp = async (client: AdalClient) => {
  const runner = client.readModels.runner({ batchSize: 200 });
  await runner.start();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 120_000 });
  await runner.stop();
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
};

const everyDocument = async (
  client: AdalClient,
  readModels: ReadModelStore,
): Promise<Map<string, Map<string, JsonValue>>> => {
  const all = new Map<string, Map<string, JsonValue>>();
  for (const projection of client.readModels.projections) {
    const documents = new Map<string, JsonValue>();
    let after: string | undefined;
    for (;;) {
      const page = ok(
        await readModels.findDocuments(projection.name, {
          limit: 10_000,
          ...(after === undefined ? {} : { after }),
        })(),
      );
      for (const { id, document } of page.documents) documents.set(id, document);
      if (page.next === undefined) break;
      after = page.next;
    }
    all.set(projection.name, documents);
  }
  return all;
};

/** Every query a portal would call, for the regions of the log. */
const answers = async (client: AdalClient) => {
  const {
    caseStatistics,
    reportsMap,
    deadlineCompliance,
    recommendationImplementation,
    serviceQuality,
    roadmapProgress,
  } = client.readModels;
  const asOf = { asOf: '2026-04-15' };
  const roadmaps = ok(await roadmapProgress.roadmaps()());
  return {
    year2018: ok(await caseStatistics.year(2018)()),
    year2018Astana: ok(await caseStatistics.year(2018, { region: 'KZ-71' })()),
    change: ok(await caseStatistics.change(2016, 2018)()),
    years: ok(await caseStatistics.years()()),
    evidence: ok(await caseStatistics.eventsBehind('organisedGroups', 2018)()),
    features: ok(await reportsMap.features({})()),
    astanaFeatures: ok(await reportsMap.features({ region: 'KZ-71', status: ['registered', 'assigned'] })()),
    counts: ok(await reportsMap.countsByRegion()()),
    compliance: ok(await deadlineCompliance.national()()),
    complianceByRegion: ok(await deadlineCompliance.byRegion()()),
    bodies: ok(await deadlineCompliance.byBody('KZ-71')()),
    recommendations: ok(await recommendationImplementation.national()()),
    recommendationsAstana: ok(await recommendationImplementation.region('KZ-71')()),
    quality: ok(await serviceQuality.national(asOf)()),
    qualityAlmaty: ok(await serviceQuality.services('KZ-75', asOf)()),
    roadmaps,
    progress: await Promise.all(
      roadmaps.map(async (r) => ok(await roadmapProgress.progress(r.roadmapId, asOf)())),
    ),
  };
};

/** Copies the reference log into a store: same streams, ids, data and metadata, in the same order. */
const copyLog = async (store: EventStore, events: readonly RecordedEvent[]) => {
  let i = 0;
  while (i < events.length) {
    const first = events[i];
    if (first === undefined) break;
    const batch: EventToAppend[] = [];
    while (events[i]?.streamName === first.streamName) {
      const event = events[i++] as RecordedEvent;
      batch.push({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
      });
    }
    const expectedRevision = first.streamRevision === 0n ? 'no_stream' : first.streamRevision - 1n;
    const appended = await store.appendToStream(first.streamName, batch, { expectedRevision })();
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  }
};

/** Replaces each of the store's positions with memory's, found through the event ids. */
const positionMapper = async (store: EventStore) => {
  const byId = new Map(reference.events.map((event) => [event.id, event.globalPosition as string]));
  const mapping = new Map<string, string>();
  for await (const event of allEvents(store))
    mapping.set(event.globalPosition, byId.get(event.id) ?? 'unknown');
  return <A>(value: A): A =>
    JSON.parse(
      JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)).replace(
        /[0-9a-f]{16}\.[0-9a-f]{16}/g,
        (position) => mapping.get(position) ?? position,
      ),
    ) as A;
};

describe('the reference log', () => {
  it('gives every read model documents to compare', () => {
    const sizes = Object.fromEntries(
      [...reference.documents].map(([name, documents]) => [name, documents.size]),
    );
    for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeGreaterThan(0);
    const { features, quality, roadmaps } = reference.answers as {
      features: { features: unknown[] };
      quality: { ratings?: number };
      roadmaps: unknown[];
    };
    // Six reports submitted, and the one the flagged rating opened.
    expect(features.features).toHaveLength(7);
    expect(roadmaps).toHaveLength(1);
    expect(JSON.stringify(quality)).toContain('"ratings":2');
  });
});

const onStore = (name: string, open: () => Promise<SchemaStore>) =>
  describe(`the read models on ${name}`, () => {
    it('hold the same documents and answer every query as on memory', async () => {
      const { store, teardown } = await open();
      try {
        await copyLog(store, reference.events);
        const client = createAdalClient({
          store,
          snapshots: store,
          clock: () => NOW,
          pseudonymKey: PSEUDONYM_KEY,
        });
        await catchUp(client);
        const toMemory = await positionMapper(store);
        const documents = await everyDocument(client, store);
        for (const [projection, expected] of reference.documents) {
          const actual = toMemory(Object.fromEntries(documents.get(projection) ?? new Map()));
          expect(Object.keys(actual).length, projection).toBe(expected.size);
          expect(actual, projection).toEqual(Object.fromEntries(expected));
        }
        const normalise = await positionMapper(store);
        expect(normalise(await answers(client))).toEqual(
          JSON.parse(
            JSON.stringify(reference.answers, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
          ),
        );

        // And the article's figures, read from PostgreSQL.
        const year = ok(await client.readModels.caseStatistics.year(ARTICLE.year)());
        expect(year.personsExposed).toBe(ARTICLE.personsExposed);
        expect(year.organisedGroups).toBe(ARTICLE.organisedGroups);
        expect(year.systemicFacts).toBe(ARTICLE.systemicFacts);
        expect(year.damage).toBe(ARTICLE.damage);
      } finally {
        await teardown();
      }
    }, 300_000);
  });

onStore('PostgreSQL (node-postgres)', () => openPoolStore(server.pool));

onStore('PGlite in a folder', () => openPgliteStore(pglite.db));
