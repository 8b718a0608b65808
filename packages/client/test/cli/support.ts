/**
 * What the CLI tests share: a PGlite store seeded through the SDK (reports with personal data, corruption
 * cases of 2018, every read model built), the office's keys as files, and two ways to run `adal`: in this
 * process through `runCli` with captured output (most tests: one module load, no process start), and as a
 * child process exactly as an operator would (`node --import tsx src/cli/main.ts …`), which a few tests keep
 * to prove the bin itself — its arguments, streams and exit code.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostgresEventStore, PostgresKeyStore } from '@adal/adapters/postgres';
import { openEmbeddedEventStore, openPostgresKeyStore } from '@adal/adapters/postgres';
import type { JsonValue } from '@adal/core';
import { CASE_STATISTICS } from '@adal/core';
import type { AdalClient, CaseStatisticsYear } from '../../src/index.js';
import type { CliIo } from '../../src/cli/CliIo.js';
import { runCli } from '../../src/cli/runCli.js';
import { createAdalClient } from '../../src/index.js';
import { en, ok, on, REPORT_INPUTS } from '../fixtures/modules.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(PACKAGE_DIR, 'src', 'cli', 'main.ts');

/** What a finished `adal` run gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `adal` in this process, as the bin would with these arguments and only these variables in its
 * environment: stdout and stderr are captured apart, nothing is a terminal, and no one answers a question.
 */
export const runAdal = async (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    errIsTty: false,
    interactive: false,
    env: { ...env },
    cwd: PACKAGE_DIR,
    ask: () => Promise.resolve(undefined),
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
};

/**
 * Runs the `adal` bin as a child process with arguments, a clean environment (no ADAL_* from the caller)
 * and its own variables. Each run starts node and tsx (about a second) before the command does anything.
 */
export const spawnAdal = (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('ADAL_')),
    );
    const child = spawn(process.execPath, ['--conditions=@adal/source', '--import', 'tsx', MAIN, ...args], {
      cwd: PACKAGE_DIR,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** The person whose personal data the seeded log holds. */
export const CITIZEN = { subjectId: 'citizen-cli-0001', name: 'Aigerim Nurlanovna Sadykova' };

/** A seeded store in a temporary folder, the office's key files, and what the SDK computed from it. */
export interface SeededStore {
  readonly root: string;
  readonly dir: string;
  readonly files: {
    readonly signingKey: string;
    readonly publicKey: string;
    readonly masterKey: string;
  };
  readonly masterKey: Uint8Array;
  readonly reportId: string;
  readonly caseEventId: string;
  readonly expected: { readonly national: CaseStatisticsYear; readonly astana: CaseStatisticsYear };
  readonly documents: readonly { readonly id: string; readonly document: JsonValue }[];
  /** A copy of the store in a folder of its own, for tests that run beside each other. */
  readonly copy: (name: string) => string;
  readonly remove: () => void;
}

/** Opens a seeded store in the test process (the CLI must not be running on it: PGlite is one process). */
export const openSeeded = async (
  dir: string,
  masterKey: Uint8Array,
): Promise<{ store: PostgresEventStore; keys: PostgresKeyStore; client: AdalClient }> => {
  const store = ok(await openEmbeddedEventStore({ dir })());
  const keys = ok(await openPostgresKeyStore({ driver: store.driver, schema: store.schema, masterKey })());
  const client = createAdalClient({ store, snapshots: store, personalData: { keys } });
  return { store, keys, client };
};

/** Every document of the live case statistics, in id order. */
export const caseStatisticsDocuments = async (
  store: PostgresEventStore,
): Promise<{ id: string; document: JsonValue }[]> => {
  const page = ok(await store.findDocuments(CASE_STATISTICS.name, { limit: 10_000 })());
  return page.documents.map(({ id, document }) => ({ id, document }));
};

/**
 * Creates the store through the SDK: an identified citizen's report (personal data encrypted under a key
 * store with a master key) and a few corruption cases of 2018 in two regions; builds every read model.
 */
export const seedStore = async (): Promise<SeededStore> => {
  const root = mkdtempSync(join(tmpdir(), 'adal-cli-'));
  const dir = join(root, 'store');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const masterKey = new Uint8Array(randomBytes(32));
  const files = {
    signingKey: join(root, 'seal.pem'),
    publicKey: join(root, 'seal.pub.pem'),
    masterKey: join(root, 'master.key'),
  };
  writeFileSync(files.signingKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(files.publicKey, publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(files.masterKey, `${Buffer.from(masterKey).toString('hex')}\n`);

  const { store, client } = await openSeeded(dir, masterKey);
  const submitted = ok(
    await client.reports.submitReport({
      ...REPORT_INPUTS.submitReport,
      reporter: { kind: 'identified', ...CITIZEN },
    })(),
  );
  let caseEventId = '';
  const cases = [
    { region: 'KZ-71', level: 'regional', damage: 500_000_00n },
    { region: 'KZ-71', level: 'republican', damage: 0n },
    { region: 'KZ-75', level: 'cityDistrict', damage: 120_000_00n },
  ] as const;
  for (const [n, c] of cases.entries()) {
    const at = (day: number) => on(`2018-03-${String(10 + n * 3 + day).padStart(2, '0')}`);
    const registered = ok(
      await client.cases.registerCase({
        offence: { article: '366', part: 2 },
        region: c.region,
        source: 'ownDetection',
        registrationNumber: `CLI-2018-${n}`,
        at: at(0),
      })(),
    );
    const id = registered.id;
    caseEventId ||= ok(await store.readStream(id)()).events[0]?.id ?? '';
    ok(await client.cases.startInvestigation(id, { at: at(1) })());
    const personId = `person-cli-${n}`;
    ok(
      await client.cases.identifySuspect(id, {
        personId,
        position: 'head of department',
        head: true,
        level: c.level,
        at: at(1),
      })(),
    );
    ok(await client.cases.detainSuspect(id, { personId, at: at(2) })());
    if (c.damage > 0n) {
      ok(await client.cases.recordDamage(id, { amount: c.damage, basis: en('the audit'), at: at(2) })());
    }
  }
  const runner = client.readModels.runner({ flushAfterMs: 5 });
  await runner.start();
  ok(await runner.waitUntilCaughtUp({ timeoutMs: 30_000 }));
  await runner.stop();
  const expected = {
    national: ok(await client.readModels.caseStatistics.year(2018)()),
    astana: ok(await client.readModels.caseStatistics.year(2018, { region: 'KZ-71' })()),
  };
  const documents = await caseStatisticsDocuments(store);
  await client.close();
  return {
    root,
    dir,
    files,
    masterKey,
    reportId: submitted.id,
    caseEventId,
    expected,
    documents,
    copy: (name) => {
      const target = join(root, name);
      cpSync(dir, target, { recursive: true });
      return target;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
};
