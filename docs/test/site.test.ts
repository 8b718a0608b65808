import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'docs', '.screenshots');
const CHROMIUM = '/usr/bin/chromium';
const SKIP_BROWSER = process.env['ADAL_SKIP_BROWSER'] === '1';

// The guides every reader must find in the navigation, by their titles.
const GUIDES = [
  'Getting started',
  'Concepts',
  'The domain',
  'Stores and scaling',
  'Projections and read models',
  'Trust and protection',
  'Operations',
  'Performance',
  'Releasing',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves a folder over HTTP on a free port of the loopback interface; nothing else is reachable. */
const serve = (dir: string): Promise<Server> =>
  new Promise((done) => {
    const server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir + sep) && file !== dir) {
        response.writeHead(403).end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      // TypeDoc ships no favicon; the browser asks for one anyway.
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      if (!existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => done(server));
  });

const findFile = (dir: string, name: string): string | undefined => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(path, name);
      if (found !== undefined) return found;
    } else if (entry.name === name) {
      return path;
    }
  }
  return undefined;
};

describe('the docs site', () => {
  let site = '';
  let build = { status: -1 as number | null, output: '' };

  beforeAll(() => {
    site = mkdtempSync(join(tmpdir(), 'adal-docs-site-'));
    // The CLI with the root typedoc.json, as `pnpm docs` runs it, but into a scratch folder.
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', site],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    build = { status: run.status, output: `${run.stdout}${run.stderr}` };
  });

  afterAll(() => {
    rmSync(site, { recursive: true, force: true });
  });

  it('builds with TypeDoc, with no warning and no error', () => {
    expect(build.output).not.toMatch(/\[warning\]|\[error\]/);
    expect(build.status, build.output).toBe(0);
    expect(existsSync(join(site, 'index.html'))).toBe(true);
  });

  describe.skipIf(SKIP_BROWSER)(
    SKIP_BROWSER ? 'in Chromium (skipped: ADAL_SKIP_BROWSER=1)' : 'in Chromium',
    () => {
      let browser: Browser | undefined;
      let server: Server | undefined;
      let base = '';
      let errors: string[] = [];

      const open = async (path: string): Promise<Page> => {
        if (browser === undefined) throw new Error('the browser did not start');
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
        });
        page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
        page.on('requestfailed', (request) => errors.push(`${path}: failed to load ${request.url()}`));
        await page.goto(`${base}/${path}`, { waitUntil: 'load' });
        return page;
      };

      beforeAll(async () => {
        if (!existsSync(CHROMIUM)) {
          throw new Error(
            `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), or set ADAL_SKIP_BROWSER=1 to skip the browser checks`,
          );
        }
        mkdirSync(SCREENSHOTS, { recursive: true });
        server = await serve(site);
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--no-first-run',
          ],
        });
      });

      beforeEach(() => {
        errors = [];
      });

      afterAll(async () => {
        await browser?.close();
        await new Promise((done) => (server ? server.close(done) : done(undefined)));
      });

      it('shows the landing page with the project and every guide in the navigation', async () => {
        const page = await open('index.html');
        expect(await page.title()).toMatch(/^Adal/);
        await expect.poll(() => page.locator('.tsd-typography h1').first().textContent()).toBe('Adal');
        // TypeDoc fills the navigation from a compressed script after the page loads.
        const topLevel = page.locator('#tsd-nav-container > li');
        await topLevel.first().waitFor({ timeout: 10_000 });
        const entries = (
          await topLevel.locator(':scope > a, :scope > details > summary > a').allTextContents()
        ).map((text) => text.trim());
        expect(entries).toEqual([...GUIDES, '@adal/adapters', '@adal/client', '@adal/core']);
        await page.screenshot({ path: join(SCREENSHOTS, 'landing.png'), fullPage: false });
        await page.close();
        expect(errors).toEqual([]);
      });

      it('opens a guide from the landing page', async () => {
        const page = await open('index.html');
        await page.locator('.tsd-typography').getByRole('link', { name: 'ratings', exact: true }).click();
        await page.waitForLoadState('load');
        expect(page.url()).toMatch(/Ratings/);
        await expect
          .poll(() => page.locator('.tsd-typography h1').first().textContent())
          .toBe('Ratings: the Digital Agent');
        const example = await page.locator('.tsd-typography pre code').first().textContent();
        expect(example).toContain('client.ratings.rateService');
        await page.screenshot({ path: join(SCREENSHOTS, 'guide.png'), fullPage: false });
        await page.close();
        expect(errors).toEqual([]);
      });

      it('shows createAdalClient with its signature and summary', async () => {
        const file = findFile(site, '_adal_client.createAdalClient.html');
        expect(file, 'the API page of createAdalClient').toBeDefined();
        const page = await open(
          (file ?? '')
            .slice(site.length + 1)
            .split(sep)
            .join('/'),
        );
        expect(await page.title()).toMatch(/createAdalClient/);
        const signature = await page.locator('.tsd-signature').first().textContent();
        expect(signature).toMatch(/createAdalClient\(\s*options: AdalClientOptions\s*\): AdalClient/);
        const summary = await page.locator('.tsd-comment').first().textContent();
        expect(summary).toContain('Creates the client a portal calls');
        await page.screenshot({ path: join(SCREENSHOTS, 'api.png'), fullPage: false });
        await page.close();
        expect(errors).toEqual([]);
      });
    },
  );
});
