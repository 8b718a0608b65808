import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the Public Control Map demo', () => {
  it('runs to the end and tells its story', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adal-demo-'));
    const demo = () =>
      run(process.execPath, ['--conditions=@adal/source', '--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        timeout: 60_000,
        env: { ...process.env, ADAL_DIR: dir },
      });
    const { stdout } = await demo();
    expect(stdout).toContain(`A new store in ${dir}.`);
    expect(stdout).toMatch(
      /✓ School No\. 17 construction \(KZ-71, 1\s520\s000\s000\.00 ₸\) → report-KZ-71-[0-9a-f-]{36}/,
    );
    // The form with mistakes is refused field by field, and nothing is stored.
    expect(stdout).toContain('descripton: unknown field');
    expect(stdout).toContain('point.lat: expected a latitude in degrees, got "51.1"');
    expect(stdout).toContain('budgetObject.amount: must not be negative, got -5');
    expect(stdout).toContain('(0 events stored)');
    // 15 working days from Wednesday 4 March 2026, over the 9 March and Nauryz days off.
    expect(stdout).toContain('✓ KZ-71 due on 2026-03-31');
    expect(stdout).toContain('✗ refused: OneExtensionOnly');
    // The deadline job marks Astana (past its extended date) and Shymkent, then nothing on its second run.
    expect(stdout).toMatch(
      /run 1: 3 reports scanned, this run's marked overdue: report-KZ-71-\S+, report-KZ-79-\S+/,
    );
    expect(stdout).toContain("run 2: 3 reports scanned, this run's marked overdue: none");
    expect(stdout).toContain('✓ answered late');
    expect(stdout).toMatch(/3 heads detained, damage 850\s000\s000\.00 ₸, recovered 756\s500\s000\.00 ₸/);
    expect(stdout).toContain('24 events appended by this run; 24 in the store.');
    // A second run continues on the same data.
    const second = await demo();
    expect(second.stdout).toContain(`The store in ${dir} already holds 24 events from earlier runs.`);
    expect(second.stdout).toContain('24 events appended by this run; 48 in the store.');
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
