/**
 * The command line itself, without a store: help on the command and on each subcommand (with the exit
 * codes), the version, and bad usage — an unknown command or flag, a bad value, a missing confirmation —
 * exiting 2 with a message naming what was wrong and the synopsis. The cases run in this process through
 * `runCli`; the last group starts the bin as a child process to prove its output and exit codes.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAdal, spawnAdal } from './support.js';

const COMMANDS = ['verify', 'seal', 'rebuild', 'stats', 'forget', 'migrate'] as const;

describe('adal: help, version and bad usage', () => {
  it('--help lists every command, the store flags, the keys and the exit codes', async () => {
    const run = await runAdal(['--help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command} `);
    expect(run.stdout).toMatch(/--store <url\|dir>/);
    expect(run.stdout).toMatch(/ADAL_SIGNING_KEY_FILE/);
    expect(run.stdout).toMatch(
      /Exit codes:[\s\S]*\n {2}1 {4}verify: the log was altered[\s\S]*\n {2}2 {4}usage/,
    );
  });

  it('--help of each subcommand shows its synopsis, options and exit codes', async () => {
    const runs = await Promise.all(COMMANDS.map((command) => runAdal([command, '--help'])));
    for (const [i, command] of COMMANDS.entries()) {
      const run = runs[i];
      expect(run?.code, command).toBe(0);
      expect(run?.stdout, command).toMatch(new RegExp(`^Usage: adal ${command}`));
      expect(run?.stdout, command).toContain('Exit codes:');
      expect(run?.stdout, command).toContain('-h, --help');
    }
    expect(runs[2]?.stdout).toContain('case-statistics, reports-map, deadline-compliance');
  });

  it('--version prints the package version', async () => {
    const run = await runAdal(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses unknown commands and flags, bad values and missing confirmations with exit 2', async () => {
    const cases: readonly (readonly [readonly string[], RegExp])[] = [
      [['frobnicate'], /unknown command "frobnicate"[\s\S]*Usage: adal <command>/],
      [['verify', '--frobnicate'], /adal verify: unknown option --frobnicate\nUsage: adal verify/],
      [['stats', '--year', '20x8'], /--year: expected a four-digit year, got "20x8"/],
      [['stats', '--year', '2018', '--region', 'KZ-ALA'], /--region: KZ-ALA is an old code: use KZ-75/],
      [['rebuild', 'case-stats'], /no projection named "case-stats"; one of: case-statistics, reports-map/],
      [['forget', 'citizen-1'], /pass --yes to forget citizen-1 when not on a terminal/],
      [['seal', '--store', 'http://example.kz/'], /--store: "http:\/\/example.kz\/" is neither/],
      [['seal'], /sealing needs the office’s signing key: --signing-key <file>, \$ADAL_SIGNING_KEY_FILE/],
      [
        ['seal', '--signing-key', '/nonexistent/seal.pem'],
        /--signing-key: cannot read \/nonexistent\/seal.pem \(ENOENT\)/,
      ],
    ];
    const runs = await Promise.all(cases.map(([args]) => runAdal(args, { ADAL_STORE: '/nonexistent/adal' })));
    for (const [i, [args, message]] of cases.entries()) {
      const run = runs[i];
      expect(run?.code, args.join(' ')).toBe(2);
      expect(run?.stderr, args.join(' ')).toMatch(message);
      expect(run?.stdout, args.join(' ')).toBe('');
    }
  });

  it('says the store is missing with exit 3, without creating it', async () => {
    const run = await runAdal(['verify', '--store', '/nonexistent/adal']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no store in \/nonexistent\/adal/);
    expect(existsSync('/nonexistent/adal')).toBe(false);
  });
});

// Each of these starts node with tsx, which takes a second or more on a busy machine.
describe('the adal bin', { timeout: 60_000 }, () => {
  it.concurrent('prints the help on stdout and exits 0', async () => {
    const run = await spawnAdal(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: adal <command> \[options\]\n/);
    expect(run.stderr).toBe('');
  });

  it.concurrent('prints bad usage on stderr with the synopsis and exits 2', async () => {
    const run = await spawnAdal(['verify', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^adal verify: unknown option --frobnicate\nUsage: adal verify/);
    expect(run.stdout).toBe('');
  });
});
