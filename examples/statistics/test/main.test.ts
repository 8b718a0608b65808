import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the statistics example', () => {
  it('reproduces every figure of the article from events, and prints them beside the article’s', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@adal/source', '--import', 'tsx', 'src/main.ts'],
      { cwd: root, timeout: 120_000 },
    );
    expect(stdout).toMatch(/^[\d,]+ commands through client\.cases: [\d,]+ events in 543 cases\./m);
    const row = (label: string, computed: string, article = computed) =>
      new RegExp(`^${label}\\s+${computed}\\s+${article}\\s+✓$`, 'm');
    expect(stdout).toMatch(row('Persons exposed', '1,290'));
    expect(stdout).toMatch(row('Heads detained, republican', '25'));
    expect(stdout).toMatch(row('Heads detained, regional', '91'));
    expect(stdout).toMatch(row('Heads detained, city and district', '142'));
    expect(stdout).toMatch(row('Organised criminal groups', '4'));
    expect(stdout).toMatch(row('Facts of systemic corruption', '87'));
    expect(stdout).toMatch(row('Officials charged for them', '288'));
    expect(stdout).toMatch(row('Damage caused', '21\u202f000\u202f000\u202f000\\.00 ₸'));
    expect(stdout).toMatch(row('Damage recovered', '89 %'));
    expect(stdout).toMatch(row('Offences, 2018 against 2016', '-23 %'));
    expect(stdout).not.toContain('✗');
    expect(stdout).toContain('Offences registered: 300 in 2016, 231 in 2018');
    expect(stdout.match(/^ {2}[0-9a-f-]{36} {2}case-KZ-\d\d-[0-9a-f-]{36}$/gm)).toHaveLength(3);
    expect(stdout).toContain('Every figure matches the article.');
  }, 180_000);
});
