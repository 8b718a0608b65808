/**
 * `adal` against a real store: a PGlite folder seeded once through the SDK. Three groups run side by side,
 * each on its own copy of the folder (PGlite belongs to one process at a time): the audit trail (verify,
 * seal, published roots, forgetting, tampering), the read models (stats and rebuild) and the migrations.
 * The CLI runs in this process through `runCli`, except `adal verify` on the intact and on the tampered log,
 * which runs as a child process, as an operator or a cron job runs it, to prove the bin's exit codes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '@adal/adapters/postgres';
import { ERASED, formatTenge } from '@adal/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../fixtures/modules.js';
import type { SeededStore } from './support.js';
import { caseStatisticsDocuments, CITIZEN, openSeeded, runAdal, seedStore, spawnAdal } from './support.js';

let seeded: SeededStore;
/** A copy of the seeded folder for each group but the audit trail's, made before any of them opens one. */
let stores: { readonly readModels: string; readonly migrations: string };

beforeAll(async () => {
  seeded = await seedStore();
  stores = {
    readModels: seeded.copy('read-models'),
    migrations: seeded.copy('migrations'),
  };
}, 180_000);

afterAll(() => seeded.remove());

/** Parses RFC 4180 CSV without quoted fields (the statistics have none) into records by header. */
const parseCsv = (text: string): Record<string, string>[] => {
  const [header = '', ...rows] = text.trimEnd().split('\r\n');
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i] ?? '', cell])));
};

describe('adal against a seeded PGlite store', { timeout: 120_000 }, () => {
  it.concurrent(
    'verify passes, seal signs, verify --trusted checks the published root, forget keeps it verifying, a changed row is found',
    async () => {
      const store = seeded.dir;
      // verify runs as the bin, as a cron job runs it: its exit code is what monitoring alerts on.
      const intact = await spawnAdal(['verify', '--store', store]);
      expect(intact.stderr).toBe('');
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/^✓ the log is intact: \d+ events in \d+ streams, 0 seal\(s\)/);

      const sealed = await runAdal(['seal', '--store', store], {
        ADAL_SIGNING_KEY_FILE: seeded.files.signingKey,
      });
      expect(sealed.code).toBe(0);
      expect(sealed.stdout).toMatch(/^✓ sealed: seal 1 covers the first \d+ events of the log/);
      expect(sealed.stdout).toContain(
        `signing key from file ${seeded.files.signingKey} ($ADAL_SIGNING_KEY_FILE)`,
      );
      expect(sealed.stdout).not.toContain('PRIVATE KEY');
      const published = /^publish: {2}(.+)$/m.exec(sealed.stdout)?.[1] ?? '';
      const seal = JSON.parse(published) as { sequence: number; treeSize: number; rootHash: string };
      expect(seal.sequence).toBe(1);
      expect(seal.rootHash).toMatch(/^[0-9a-f]{64}$/);
      const trusted = join(seeded.root, 'published-seals.jsonl');
      writeFileSync(trusted, `${published}\n`);

      const forgotten = await runAdal([
        'forget',
        CITIZEN.subjectId,
        '--yes',
        '--store',
        store,
        '--master-key',
        seeded.files.masterKey,
      ]);
      expect(forgotten.stderr).toBe('');
      expect(forgotten.code).toBe(0);
      expect(forgotten.stdout).toMatch(/^✓ forgot subject citizen-cli-0001: their key is deleted/);

      // Forgetting deletes a key, never an event: the sealed log still verifies against the published root.
      const verified = await runAdal([
        'verify',
        '--store',
        store,
        '--public-key',
        seeded.files.publicKey,
        '--trusted',
        trusted,
      ]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/^✓ the log is intact: .*1 seal\(s\)/);
      expect(verified.stdout).toMatch(/published seals: all 1 found in the log as published/);

      const { store: opened, client } = await openSeeded(store, seeded.masterKey);
      const report = ok(await opened.readStream(seeded.reportId)());
      const reporter = (report.events[0]?.data as { reporter: { name: unknown } }).reporter;
      // The raw row keeps only ciphertext; through the key store, the name now reads as erased.
      expect(JSON.stringify(report.events[0]?.data)).not.toContain(CITIZEN.name);
      expect(reporter.name).not.toEqual(ERASED);
      const decrypted = ok(await client.store.readStream(seeded.reportId)());
      expect((decrypted.events[0]?.data as { reporter: { name: unknown } }).reporter.name).toEqual(ERASED);
      // What a database administrator could do: change a stored event in SQL.
      await opened.driver.query(
        `UPDATE adal.events SET data = jsonb_set(data, '{registrationNumber}', '"CLI-2018-X"') WHERE event_id = $1`,
        [seeded.caseEventId],
      );
      await client.close();

      const tampered = await spawnAdal(['verify', '--store', store, '--public-key', seeded.files.publicKey]);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toMatch(/^✗ the log was altered: HashMismatch/);
      expect(tampered.stdout).toContain(`first bad event  ${seeded.caseEventId}`);

      const rolledBack = join(seeded.root, 'other-seals.jsonl');
      writeFileSync(rolledBack, JSON.stringify({ ...seal, rootHash: 'f'.repeat(64) }));
      const mismatch = await runAdal([
        'verify',
        '--json',
        '--store',
        store,
        '--public-key',
        seeded.files.publicKey,
        '--trusted',
        rolledBack,
      ]);
      expect(mismatch.code).toBe(1);
      expect(JSON.parse(mismatch.stdout)).toMatchObject({ ok: false, problem: { kind: 'SealMismatch' } });
    },
  );

  it.concurrent(
    'stats prints the read model’s figures as a table and as CSV; rebuild shows progress and gives the same documents',
    async () => {
      const store = stores.readModels;
      const { national, astana } = seeded.expected;
      expect(national.personsExposed).toBe(3);

      const table = await runAdal(['stats', '--year', '2018', '--store', store]);
      expect(table.stderr).toBe('');
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^Case statistics of 2018: Kazakhstan, all regions/);
      expect(table.stdout).toMatch(new RegExp(`\\nPersons exposed +${national.personsExposed}\\n`));
      expect(table.stdout).toMatch(
        new RegExp(`\\nHeads detained, republican level +${national.headsDetained.republican}\\n`),
      );
      const damage = table.stdout.split('\n').find((line) => line.startsWith('Damage caused '));
      expect(damage?.replace(/^Damage caused +/, '')).toBe(formatTenge(national.damage));

      const csv = await runAdal(['stats', '--year', '2018', '--region', 'KZ-71', '--csv', '--store', store]);
      expect(csv.code).toBe(0);
      expect(parseCsv(csv.stdout)).toEqual([
        {
          year: '2018',
          region: 'KZ-71',
          offences_registered: String(astana.offencesRegistered),
          persons_exposed: String(astana.personsExposed),
          heads_detained_republican: String(astana.headsDetained.republican),
          heads_detained_regional: String(astana.headsDetained.regional),
          heads_detained_city_district: String(astana.headsDetained.cityDistrict),
          heads_detained_total: String(astana.headsDetained.total),
          organised_groups: String(astana.organisedGroups),
          systemic_facts: String(astana.systemicFacts),
          officials_charged_for_systemic_facts: String(astana.officialsChargedForSystemicFacts),
          damage_tiyn: astana.damage.toString(),
          recovered_tiyn: astana.recovered.toString(),
          recovery_rate_percent: String(astana.recoveryRate),
        },
      ]);

      const rebuilt = await runAdal(['rebuild', 'case-statistics', '--store', store], {
        ADAL_MASTER_KEY: Buffer.from(seeded.masterKey).toString('base64'),
      });
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(/^✓ rebuilt case-statistics: generation \d+ is live, \d+ events in/);
      // Not a terminal: plain progress lines, the last one at 100 %.
      const lines = rebuilt.stderr.split('\n').filter((line) => line.startsWith('case-statistics: '));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.at(-1)).toMatch(/^case-statistics: 100\.0 % \(\d+\/\d+ events, \d+ events\/s, ETA 0s\)$/);
      expect(rebuilt.stderr).not.toContain('\r');

      const { store: opened } = await openSeeded(store, seeded.masterKey);
      expect(await caseStatisticsDocuments(opened)).toEqual(seeded.documents);
      await opened.close();
    },
  );

  it.concurrent('migrate applies what a schema lacks and then nothing', async () => {
    const store = stores.migrations;
    // Every migration this version of the adapters has, numbered from 1: a new schema lacks them all.
    const latest = MIGRATIONS.length;
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: latest }, (_, i) => i + 1),
    );
    const first = await runAdal(['migrate', '--store', `pglite:${store}`, '--schema', 'cli_extra']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `^✓ applied ${latest} migration\\(s\\) to PGlite in .* \\(schema cli_extra\\), now at version ${latest}:\n {2}1 {2}events`,
      ),
    );
    const again = await runAdal(['migrate', '--store', `pglite:${store}`, '--schema', 'cli_extra']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is up to date: version ${latest}, nothing to apply`);
  });
});
