import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openEmbeddedEventStore } from '@adal/adapters/postgres';
import { allEvents } from '@adal/core';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'adal-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Fewer ratings than `pnpm demo` seeds keep the test quick on a shared CI machine; the story is the same.
const RATINGS = 200;
const demo = async () =>
  (
    await run(process.execPath, ['--conditions=@adal/source', '--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      timeout: 120_000,
      env: { ...process.env, ADAL_DIR: dir, ADAL_DEMO_RATINGS: String(RATINGS) },
    })
  ).stdout;

/** The row of a printed table whose first cell is `label`, as its cells. */
const row = (stdout: string, heading: string, label: string): string[] => {
  const table = stdout.slice(stdout.indexOf(heading));
  const line = table.split('\n').find((l) => l.trimStart().startsWith(`${label}  `)) ?? '';
  return line
    .trim()
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);
};

const appended = (stdout: string) => {
  const match = /^([\d,]+) events appended by this run; ([\d,]+) in the store/m.exec(stdout);
  const n = (text: string | undefined) => Number((text ?? 'NaN').replaceAll(',', ''));
  return { appended: n(match?.[1]), total: n(match?.[2]) };
};

const RECEIPT = /the receipt, shown once to the reporter: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){6})/;

describe('the Public Control Map demo', () => {
  let first = '';
  let second = '';

  it('runs to the end on a new store and tells its story', async () => {
    first = await demo();
    expect(first).toContain(`A new store in ${dir}.`);
    expect(first).toMatch(new RegExp(`ratings \\[█{24}\\] 100 %  ${RATINGS}/${RATINGS}`));
    expect(first).toMatch(/✓ a rater flags an informal payment demand: rating-KZ-55-[0-9a-f]{64}/);
    expect(first).toMatch(/catch-up \[█{24}\] 100 %/);
    expect(first).toMatch(
      /✓ School No\. 17 construction \(KZ-71, 1\s520\s000\s000\.00 ₸\) → report-KZ-71-[0-9a-f-]{36}/,
    );
    // The form with mistakes is refused field by field, and nothing is stored.
    expect(first).toContain('descripton: unknown field');
    expect(first).toContain('point.lat: expected a latitude in degrees, got "51.1"');
    expect(first).toContain('budgetObject.amount: must not be negative, got -5');
    expect(first).toContain('(0 events stored)');
    // 15 working days from Wednesday 4 March 2026, over the 9 March and Nauryz days off.
    expect(first).toContain('✓ KZ-71 due on 2026-03-31');
    expect(first).toContain('✓ extended to 2026-04-30 by the deputy head');
    expect(first).toContain('✗ refused: OneExtensionOnly');
  }, 150_000);

  it('lets the anonymous reporter follow up and read the answer with the receipt alone', () => {
    expect(first).toMatch(/✓ Kindergarten No\. 41 construction \(KZ-35\), anonymously → report-KZ-35-/);
    expect(first).toMatch(RECEIPT);
    expect(first).toContain('due 15 working days after registration');
    expect(first).toContain("✓ the acknowledgement verifies with the office's public key");
    expect(first).toContain('the log keeps only: receiptHash adal-receipt-v1$');
    expect(first).toMatch(/✓ with the receipt: registered as REG-[0-9a-f]{6}, due on 2026-03-31/);
    expect(first).toContain('✓ the reporter adds a follow-up, still anonymous');
    expect(first).toMatch(/someone tries another receipt, \S+: ✗ refused: ReceiptNotRecognised/);
    expect(first).toContain('✓ the reporter reads the answer (on time): "An inspection');
  });

  it('has the monitoring group recommend, and the labour collective review before any report', () => {
    expect(first).toMatch(/✓ group formed: .* → group-KZ-75-[0-9a-f-]{36}/);
    expect(first).toContain('✗ refused: ConflictOfInterest');
    expect(first).toContain('✓ visit recorded on 2026-03-04, with 2 pieces of evidence');
    expect(first).toContain('due on 2026-04-21 (30 working days)');
    expect(first).toContain('✗ refused: ReviewBeforeImplementationReport');
    expect(first).toContain('✓ reviewed by the labour collective on 2026-03-09: 41 of 52 staff present');
    expect(first).toContain('→ implemented partly');
  });

  it('runs the deadline job twice, and opens cases', () => {
    // Astana (past its extended date), Shymkent and the Digital Agent's report in Pavlodar; the agency's
    // recommendation in Karaganda. The second run finds nothing new.
    expect(first).toMatch(
      /run 1: 7 reports and recommendations scanned; marked overdue: 3 reports, 1 recommendation/,
    );
    expect(first).toMatch(/^ {4}report-KZ-71-\S+$\n^ {4}report-KZ-79-\S+$\n^ {4}recommendation-KZ-35-\S+$/m);
    expect(first).toContain(
      'run 2: 7 reports and recommendations scanned; marked overdue: 0 reports, 0 recommendations',
    );
    expect(first).toContain('✓ answered late');
    expect(first).toMatch(/3 heads detained, damage 850\s000\s000\.00 ₸, recovered 756\s500\s000\.00 ₸/);
    expect(first).toMatch(/✓ case case-KZ-75-\S+: an official charged/);
  });

  it('seals the log, verifies it and proves the anonymous report with the public key alone', () => {
    const { total } = appended(first);
    expect(first).toMatch(/✓ seal #1 over [\d,]+ events, root [0-9a-f]{16}…/);
    expect(first).toContain('the first seal of this log');
    expect(first).toContain(
      `events in ${(RATINGS + 11).toLocaleString('en-US')} streams, 1 seals — every hash, chain and signature holds`,
    );
    expect(first).toMatch(new RegExp(`✓ verified in [\\d.]+ s: ${total.toLocaleString('en-US')} events`));
    expect(first).toMatch(/✓ the anonymous report's submission is proved by \d+ hashes and seal #1/);
  });

  it('ends with the read models as tables', () => {
    // submitted, registered, answered, closed, escalated, overdue, total
    expect(row(first, 'Reports by region and status', 'all regions')).toEqual([
      '0',
      '2',
      '1',
      '1',
      '1',
      '2',
      '5',
    ]);
    expect(row(first, 'Reports by region and status', 'Shymkent (city)')).toEqual([
      '0',
      '1',
      '0',
      '0',
      '0',
      '1',
      '1',
    ]);
    // open, overdue, on time, late, median days, on time %
    expect(row(first, 'Deadline compliance', 'national')).toEqual(['2', '2', '2', '1', '2', '40 %']);
    // issued, reviewed, reported, fully, partly, not, overdue
    expect(row(first, 'Recommendation implementation', 'national')).toEqual([
      '2',
      '1',
      '1',
      '0',
      '1',
      '0',
      '1',
    ]);
    expect(row(first, 'Service quality', 'national')[0]).toBe(String(RATINGS));
    // offences, persons exposed, heads detained by level, …
    expect(row(first, 'Case statistics', '2026').slice(0, 3)).toEqual(['2', '4', '1 / 1 / 1']);
    const { appended: n, total } = appended(first);
    expect(n).toBe(total);
    expect(first).toMatch(/5 reports on the map/);
  });

  it('continues on the same data in a second run: new ids, the seal extended, the totals grown', async () => {
    const before = appended(first).total;
    second = await demo();
    expect(second).toContain(
      `The store in ${dir} already holds ${before.toLocaleString('en-US')} events from earlier runs; the story resumes on 2026-05-04.`,
    );
    expect(second).toContain('signing key and receipt peppers are read from');
    expect(second).toMatch(/✓ seal #2 over [\d,]+ events/);
    expect(second).toMatch(
      new RegExp(`it extends seal #1 \\(${(before - 1).toLocaleString('en-US')} events\\)`),
    );
    expect(second).toMatch(/2 seals — every hash, chain and signature holds/);
    expect(second).toContain('✗ refused: ReviewBeforeImplementationReport');
    expect(row(second, 'Reports by region and status', 'all regions').at(-1)).toBe('10');
    expect(row(second, 'Recommendation implementation', 'national')[0]).toBe('4');
    expect(row(second, 'Service quality', 'national')[0]).toBe(String(2 * RATINGS));
    expect(row(second, 'Case statistics', '2026').slice(0, 2)).toEqual(['4', '8']);
    const { appended: n, total } = appended(second);
    expect(n).toBe(appended(first).appended);
    expect(total).toBe(before + n);
    // Each run's receipt differs, and neither was ever stored: the log keeps only values derived from it.
    const receipts = [RECEIPT.exec(first)?.[1], RECEIPT.exec(second)?.[1]];
    expect(new Set(receipts).size).toBe(2);
    const opened = await openEmbeddedEventStore({ dir })();
    if (opened._tag === 'Left') throw new Error(opened.left.message);
    const store = opened.right;
    let events = 0;
    for await (const event of allEvents(store, { max: 1000 })) {
      events += 1;
      const stored = JSON.stringify([event.data, event.metadata]);
      for (const receipt of receipts) {
        expect(stored).not.toContain(receipt ?? '?');
        expect(stored).not.toContain((receipt ?? '?').replaceAll('-', ''));
      }
    }
    await store.close();
    expect(events).toBe(total);
  }, 180_000);
});
