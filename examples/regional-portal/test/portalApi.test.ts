import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatReceipt, generateReceipt, verifyAcknowledgement } from '@adal/client';
import type { GlobalPosition } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Portal } from '../src/openPortal.js';
import { openPortal } from '../src/openPortal.js';
import { seedDemoData } from '../src/seedDemoData.js';

/** The JSON API through `fastify.inject`, on a fresh embedded store without demo data. */
// Each receipt check costs two scrypt derivations: on a busy machine a test takes seconds.
vi.setConfig({ testTimeout: 30_000 });
let dir = '';
let portal: Portal;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adal-portal-api-'));
  const opened = await openPortal({ dir, seed: false, receiptChecksPerSecond: 100 });
  if (E.isLeft(opened)) throw new Error(opened.left);
  portal = opened.right;
}, 120_000);

afterAll(async () => {
  await portal.close();
  rmSync(dir, { recursive: true, force: true });
});

const countEvents = async (): Promise<number> => {
  let count = 0;
  let after: GlobalPosition | undefined;
  for (;;) {
    const page = await portal.client.store.readAll({ max: 500, ...(after === undefined ? {} : { after }) })();
    if (E.isLeft(page)) throw new Error(page.left.message);
    count += page.right.events.length;
    if (page.right.isEnd || page.right.next === undefined) return count;
    after = page.right.next;
  }
};

const post = (url: string, payload: unknown) =>
  portal.app.inject({ method: 'POST', url, payload: payload as object });

const almatyReport = {
  region: 'KZ-75',
  point: { lat: 43.2389, lon: 76.8897 },
  category: 'constructionQuality',
  description: { text: 'The school roof leaks after the repair', language: 'en' },
  budgetObject: { name: 'School No. 12 roof', amount: '15000000000' },
};

describe('submitting a report', () => {
  it('refuses bad input naming each field, and stores nothing', async () => {
    const before = await countEvents();
    const cases: readonly [unknown, readonly string[]][] = [
      [{ ...almatyReport, region: 'KZ-ALA', reporter: { kind: 'anonymous' } }, ['region']],
      [{ ...almatyReport, region: 'KZ-71', reporter: { kind: 'anonymous' } }, ['point']],
      [
        { ...almatyReport, budgetObject: { name: 'Roof', amount: '-5' }, reporter: { kind: 'anonymous' } },
        ['budgetObject.amount'],
      ],
      [{ ...almatyReport, descripton: 'typo', reporter: { kind: 'anonymous' } }, ['descripton']],
      [{ ...almatyReport, ip: '203.0.113.7', reporter: { kind: 'anonymous' } }, ['ip']],
      [{ ...almatyReport, reporter: { kind: 'anonymous', name: 'Aigerim' } }, ['reporter.name']],
      [{ ...almatyReport, reporter: { kind: 'identified' } }, ['reporter.name']],
      [{ ...almatyReport }, ['reporter.kind']],
      [[1, 2], ['']],
    ];
    for (const [body, fields] of cases) {
      const response = await post('/api/reports', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const error = response.json<{ error: { tag: string; fields: Record<string, string[]> } }>().error;
      expect(error.tag).toBe('ValidationError');
      expect(Object.keys(error.fields)).toEqual(expect.arrayContaining([...fields]));
    }
    const notJson = await portal.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { 'content-type': 'application/json' },
      payload: '{ not json',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).not.toContain('    at ');
    expect(await countEvents()).toBe(before);
  });

  it('gives an anonymous reporter a receipt and a signed acknowledgement, and puts the report on the map', async () => {
    const response = await post('/api/reports', { ...almatyReport, reporter: { kind: 'anonymous' } });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ reportId: string; receipt: string; acknowledgement: unknown }>();
    expect(body.receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const meta = (await portal.app.inject({ url: '/api/meta' })).json<{
      officeKey: { publicKeyPem: string };
      regions: { code: string; kk: string }[];
    }>();
    expect(meta.regions).toHaveLength(20);
    const checked = verifyAcknowledgement(body.acknowledgement, meta.officeKey.publicKeyPem);
    expect(E.isRight(checked) && checked.right.reportId).toBe(body.reportId);

    const map = (await portal.app.inject({ url: '/api/reports/map?region=KZ-75' })).json<{
      features: { id: string; properties: { status: string } }[];
    }>();
    expect(map.features.map((feature) => feature.id)).toContain(body.reportId);
    // The public map knows nothing of the reporter or the description.
    expect(JSON.stringify(map)).not.toContain('roof leaks');
  });

  it('takes an identified report through a citizen session', async () => {
    const response = await post('/api/reports', {
      ...almatyReport,
      reporter: { kind: 'identified', name: 'Aigerim Nurlanova', phone: '+7 701 000 00 00' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ reportId: string }>().reportId).toMatch(/^report-KZ-75-/);
  });
});

describe('following up with a receipt', () => {
  it('opens the report with its receipt and posts a follow-up', async () => {
    const submitted = (
      await post('/api/reports', { ...almatyReport, reporter: { kind: 'anonymous' } })
    ).json<{
      reportId: string;
      receipt: string;
    }>();
    // Case, spaces and dashes do not matter.
    const typed = submitted.receipt.toLowerCase().replaceAll('-', ' ');
    const status = await post('/api/receipts/status', { receipt: typed });
    expect(status.statusCode).toBe(200);
    expect(status.json<{ status: { reportId: string; status: string } }>().status).toMatchObject({
      reportId: submitted.reportId,
      status: 'submitted',
    });
    const before = await countEvents();
    const posted = await post('/api/receipts/follow-ups', {
      receipt: submitted.receipt,
      text: 'The contractor is Stroy-Invest LLP',
      language: 'en',
    });
    expect(posted.statusCode).toBe(201);
    expect(
      posted.json<{ status: { followUps: { fromReporter: number } } }>().status.followUps.fromReporter,
    ).toBe(1);
    expect(await countEvents()).toBe(before + 1);

    const empty = await post('/api/receipts/follow-ups', {
      receipt: submitted.receipt,
      text: '',
      language: 'en',
    });
    expect(empty.statusCode).toBe(400);
    expect(await countEvents()).toBe(before + 1);
  });

  it('refuses a wrong receipt with the one answer the service gives, and a mistyped one at its field', async () => {
    const unknown = await post('/api/receipts/status', { receipt: formatReceipt(generateReceipt()) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      error: { tag: 'ReceiptNotRecognised', message: 'receipt: no report answers to this receipt' },
    });
    const before = await countEvents();
    const followUp = await post('/api/receipts/follow-ups', {
      receipt: formatReceipt(generateReceipt()),
      text: 'Hello',
      language: 'en',
    });
    expect(followUp.statusCode).toBe(404);
    expect(await countEvents()).toBe(before);

    const mistyped = await post('/api/receipts/status', { receipt: 'K7QM-2D9X' });
    expect(mistyped.statusCode).toBe(400);
    expect(Object.keys(mistyped.json<{ error: { fields: object } }>().error.fields)).toEqual(['receipt']);
    const extra = await post('/api/receipts/status', { receipt: 'x', ip: '203.0.113.7' });
    expect(extra.statusCode).toBe(400);
    expect(Object.keys(extra.json<{ error: { fields: object } }>().error.fields)).toEqual(['ip']);
  });
});

describe('the page and the read models', () => {
  it('serves the page with a self-only content security policy', async () => {
    const page = await portal.app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script type="module" src="/js/app.js">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const outline = await portal.app.inject({ url: '/kazakhstan.geojson' });
    expect(outline.statusCode).toBe(200);
    expect(outline.body.length).toBeLessThan(200 * 1024);
    const missing = await portal.app.inject({ url: '/api/nothing' });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a bad map filter by field', async () => {
    const response = await portal.app.inject({ url: '/api/reports/map?region=KZ-99&category=roads' });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json<{ error: { fields: object } }>().error.fields)).toEqual(
      expect.arrayContaining(['region', 'category']),
    );
  });

  it('answers the statistics from the read models once demo data is in', async () => {
    const seeded = await seedDemoData(portal.client);
    expect(E.isRight(seeded)).toBe(true);
    expect(E.isRight(await portal.runner.waitUntilCaughtUp({ timeoutMs: 60_000 }))).toBe(true);
    const cases = (await portal.app.inject({ url: '/api/statistics/cases' })).json<{
      years: { year: number; offencesRegistered: number; damage: string }[];
      year: number;
      regions: { region: string }[];
    }>();
    expect(cases.years.map((figures) => figures.year)).toEqual([2023, 2024, 2025]);
    expect(
      cases.years.every((figures) => figures.offencesRegistered > 0 && /^\d+$/.test(figures.damage)),
    ).toBe(true);
    expect(cases.regions).toHaveLength(20);
    const badYear = await portal.app.inject({ url: '/api/statistics/cases?year=last' });
    expect(badYear.statusCode).toBe(400);
    const compliance = (await portal.app.inject({ url: '/api/statistics/compliance' })).json<{
      national: { open: number; overdue: number };
    }>();
    expect(compliance.national.open).toBeGreaterThan(0);
    expect(compliance.national.overdue).toBeGreaterThan(0);
    const quality = (await portal.app.inject({ url: '/api/statistics/quality' })).json<{ ratings: number }>();
    expect(quality.ratings).toBeGreaterThan(0);
  }, 60_000);
});
