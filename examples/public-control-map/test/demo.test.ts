import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('the Public Control Map demo', () => {
  it('runs to the end and tells its story', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@adal/source', '--import', 'tsx', 'src/main.ts'],
      {
        cwd: root,
        timeout: 60_000,
      },
    );
    expect(stdout).toContain('✓ School No. 17 construction (KZ-71)');
    // The typo'd form is refused field by field.
    expect(stdout).toContain('descripton: unknown field');
    expect(stdout).toContain('lat: expected number, got "51.1"');
    // Of two simultaneous answers, one wins and the other is refused by the rule.
    expect(stdout).toContain('✓ answered');
    expect(stdout).toContain('✗ refused: AlreadyAnswered');
    // Three submissions, three registrations (the double click stored once), one answer.
    expect(stdout).toContain('7 events in $all; 7 stored. Done.');
  }, 60_000);
});
