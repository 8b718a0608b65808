import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReceipt, generateReceipt } from '@adal/client';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The portal in a real Chromium: `src/main.ts` started as `pnpm portal` starts it (a fresh store in a
 * temporary `ADAL_DIR`, a free port), then a visitor submits an anonymous report through the form, finds it
 * on the map, follows it up with the receipt and switches the language. Screenshots go to `.screenshots/`.
 */
const CHROMIUM = '/usr/bin/chromium';
const EXAMPLE = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(EXAMPLE, '.screenshots');
const skip = process.env.ADAL_SKIP_BROWSER === '1';
if (skip) console.log('portal browser test skipped: ADAL_SKIP_BROWSER=1');

/** Starts the portal and resolves with the URL it prints. */
const startPortal = (dir: string): Promise<{ readonly url: string; readonly child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@adal/source', '--import', 'tsx', 'src/main.ts'], {
      cwd: EXAMPLE,
      env: { ...process.env, ADAL_DIR: dir, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`the portal did not start in time:\n${output}`)),
      100_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /running at (http:\/\/\S+?)\/?\s/.exec(output);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: found[1], child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${String(code)}:\n${output}`));
    });
  });

describe.skipIf(skip)('the regional portal in Chromium', () => {
  let dir = '';
  let portal: { readonly url: string; readonly child: ChildProcess } | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install chromium), or set ADAL_SKIP_BROWSER=1 to skip this test`,
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'adal-portal-e2e-'));
    const [started, launched] = await Promise.all([
      startPortal(dir),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
        ],
      }),
    ]);
    portal = started;
    browser = launched;
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    portal?.child.kill('SIGTERM');
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('submits an anonymous report, shows it on the map, follows it up with the receipt, and speaks three languages', async () => {
    const url = portal?.url ?? '';
    // No request may leave the portal: the map is drawn from its own files.
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(url) && !request.url().startsWith('blob:')) foreign.push(request.url());
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('console', (message) => {
      // The refusals this test provokes (400, 404) are logged by Chromium as failed loads: expected here.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        failures.push(message.text());
    });

    // The map shows the demo reports with a legend.
    await page.goto(`${url}/#/map`);
    await page.waitForSelector('.page--map[data-loaded]');
    const demoMarkers = await page.locator('g.marker').count();
    expect(demoMarkers).toBeGreaterThanOrEqual(10);
    await expect(page.locator('.legend li').first().textContent()).resolves.toContain('Submitted');
    await page.screenshot({ path: join(SHOTS, 'map.png') });

    // A point outside the chosen region: the server names the field, and the page shows it beside it.
    await page.goto(`${url}/#/report`);
    await page.selectOption('#field-region', 'KZ-71');
    await page.fill('#field-lat', '43.2389');
    await page.fill('#field-lon', '76.8897');
    await page.selectOption('#field-category', 'constructionQuality');
    await page.fill('#field-description', 'The new sports hall roof leaks after two months');
    await page.fill('#field-budgetName', 'Sports hall No. 4');
    await page.fill('#field-amount', '250 000 000');
    await page.click('#submit-report');
    const pointError = page.locator('[data-error-for="point"]');
    await pointError.waitFor({ state: 'visible' });
    await expect(pointError.textContent()).resolves.toContain('is not in Astana');
    await page.screenshot({ path: join(SHOTS, 'form-errors.png') });

    // The right region: the receipt is shown once, with the signed acknowledgement.
    await page.selectOption('#field-region', 'KZ-75');
    await page.click('#submit-report');
    await page.waitForSelector('#receipt-card');
    const receipt = (await page.textContent('#receipt-code')) ?? '';
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const reportId = (await page.locator('#receipt-card .facts dd').first().textContent()) ?? '';
    expect(reportId).toMatch(/^report-KZ-75-/);
    await page.screenshot({ path: join(SHOTS, 'receipt.png') });

    // The new report is on the map, in Almaty's filter.
    await page.goto(`${url}/#/map`);
    await page.waitForSelector('.page--map[data-loaded]');
    await page.selectOption('#filter-region', 'KZ-75');
    await page.waitForSelector(`g.marker[data-id="${reportId}"]`);
    await page.click(`g.marker[data-id="${reportId}"]`);
    await expect(page.locator('.details h3').textContent()).resolves.toBe('Construction quality');

    // A wrong receipt is refused plainly; the right one opens the report and takes a follow-up.
    await page.goto(`${url}/#/follow-up`);
    await page.fill('#receipt-input', formatReceipt(generateReceipt()));
    await page.click('#open-receipt');
    await expect(page.locator('#receipt-error').textContent()).resolves.toContain(
      'No report answers to this receipt',
    );
    await page.fill('#receipt-input', receipt.toLowerCase());
    await page.click('#open-receipt');
    await page.waitForSelector('#report-status');
    await expect(page.locator('#status-badge').textContent()).resolves.toBe('Submitted');
    await page.fill('#follow-up-text', 'The contractor is Stroy-Invest LLP, lot 2026-KZ75-0911');
    await page.click('#send-follow-up');
    await page.waitForSelector('#follow-up-notice');
    await expect(page.locator('#follow-up-counts').textContent()).resolves.toContain('1 from you');
    await page.screenshot({ path: join(SHOTS, 'follow-up.png') });

    // Kazakh, in place: the receipt's page keeps what it shows.
    await page.click('button[data-lang="kk"]');
    await expect(page.locator('nav a[data-page="map"]').textContent()).resolves.toBe('Карта');
    await expect(page.locator('#status-badge').textContent()).resolves.toBe('Жіберілді');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('kk');

    // Russian statistics, drawn from the read models.
    await page.click('button[data-lang="ru"]');
    await page.goto(`${url}/#/statistics`);
    await page.waitForSelector('.page--statistics[data-loaded]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Статистика');
    expect(await page.locator('.page--statistics svg.chart').count()).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: join(SHOTS, 'statistics.png'), fullPage: true });

    // A phone-sized screen: one column.
    await page.setViewportSize({ width: 420, height: 860 });
    await page.goto(`${url}/#/map`);
    await page.waitForSelector('.page--map[data-loaded]');
    await page.screenshot({ path: join(SHOTS, 'map-narrow.png'), fullPage: true });

    expect(foreign).toEqual([]);
    expect(failures).toEqual([]);
  }, 90_000);
});
