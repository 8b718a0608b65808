/**
 * Shared pieces of the receipt tests: an office key and peppers, a receipt service over a client, the
 * anonymous scenario the scans run (submissions and follow-ups by callers whose requests carry an address
 * and a user agent), a dump of everything a memory store holds, and the scan itself.
 */
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { EventStore, GlobalPosition, JsonValue, ReadModelStore, SnapshotStore } from '@adal/core';
import { allEvents } from '@adal/core';
import * as O from 'fp-ts/lib/Option.js';
import { expect } from 'vitest';
import type { AdalClient } from '../../src/index.js';
import type {
  AnonymousReportInput,
  AnonymousSubmission,
  ReceiptService,
  ReceiptServiceOptions,
} from '../../src/receipts/index.js';
import { createReceiptService, receiptIndexProjection } from '../../src/receipts/index.js';
import { ALMATY_POINT, ASTANA_POINT, en, ok, refused, tagOf } from '../fixtures/modules.js';

/** A cheap scrypt cost for tests (the default is N = 2^15). */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export interface OfficeSecrets {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly peppers: { readonly lookup: Buffer; readonly verifier: Buffer };
}

export const officeSecrets = (): OfficeSecrets => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    peppers: { lookup: randomBytes(32), verifier: randomBytes(32) },
  };
};

/** A receipt service over a client whose store also holds the read models. */
export const receiptService = (
  client: AdalClient,
  readModels: ReadModelStore,
  secrets: OfficeSecrets,
  overrides: Partial<ReceiptServiceOptions> = {},
): ReceiptService =>
  ok(
    createReceiptService({
      client,
      readModels,
      signingKey: secrets.privateKeyPem,
      peppers: secrets.peppers,
      scrypt: TEST_SCRYPT,
      ...overrides,
    }),
  );

/** The six read models and the receipt index, run by the client's runner. */
export const receiptRunner = (client: AdalClient) =>
  client.readModels.runner({
    projections: [...client.readModels.projections, receiptIndexProjection],
    flushAfterMs: 5,
  });

export const caughtUp = async (runner: ReturnType<typeof receiptRunner>): Promise<void> => {
  ok(await runner.waitUntilCaughtUp({ timeoutMs: 60_000 }));
};

export const ASTANA_REPORT: AnonymousReportInput = {
  channel: 'portal',
  region: 'KZ-71',
  point: ASTANA_POINT,
  category: 'constructionQuality',
  description: en('The school roof was paid for twice and repaired once'),
  evidence: [],
  budgetObject: { name: 'School No. 17 roof', amount: 84_000_000_000n },
};

export const ALMATY_REPORT: AnonymousReportInput = {
  channel: 'mobileApp',
  region: 'KZ-75',
  point: ALMATY_POINT,
  category: 'procurement',
  description: en('The road repair lot went to the only bidder, a relative of the deputy akim'),
  evidence: [],
};

/**
 * What a portal knows of each caller's HTTP request. The values are distinctive, so a scan that finds
 * one cannot have found it by chance.
 */
export const CALLERS = [
  {
    ip: '203.0.113.77',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AdalScanProbe/7.3 Firefox/140.0',
  },
  {
    ip: '2001:db8:4a1::5e:feed',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4) AdalScanProbe/9.1 Mobile/15E148',
  },
  { ip: '198.51.100.213', userAgent: 'AdalScanProbe-curl/8.12.1' },
] as const;

type Caller = (typeof CALLERS)[number];

/**
 * Everything a portal might hand the SDK with a request, the way a careless portal would: the request
 * context, and the address and user agent in the command options a plain module takes. The service's
 * options type has `requestContext` only; the rest is passed as a JavaScript caller could.
 */
export const requestOptions = (caller: Caller) =>
  ({
    requestContext: {
      ip: caller.ip,
      userAgent: caller.userAgent,
      headers: { 'x-forwarded-for': caller.ip, 'user-agent': caller.userAgent },
    },
    correlationId: caller.ip,
    causationId: caller.userAgent,
    commandId: `${caller.ip} ${caller.userAgent}`,
    actor: { role: 'citizen', id: caller.ip, region: caller.userAgent },
  }) as { readonly requestContext: unknown };

/** What the scenario left: the submissions (with their receipts) and the secrets a scan must not find. */
export interface ScenarioResult {
  readonly submissions: readonly AnonymousSubmission[];
  readonly needles: Readonly<Record<string, string>>;
}

/**
 * Three anonymous reports from three callers; the office registers, answers and writes to two of them; the
 * reporters read their status and answers and post follow-ups; a submission with the address in its input
 * is refused. Every request carries its caller's address and user agent.
 */
export const anonymousScenario = async (
  client: AdalClient,
  receipts: ReceiptService,
  runner: ReturnType<typeof receiptRunner>,
  secrets: OfficeSecrets,
): Promise<ScenarioResult> => {
  const [first, second, third] = CALLERS;
  const submissions: AnonymousSubmission[] = [];
  for (const [caller, input] of [
    [first, ASTANA_REPORT],
    [second, ALMATY_REPORT],
    [third, { ...ASTANA_REPORT, category: 'misuseOfFunds' as const }],
  ] as const) {
    submissions.push(ok(await receipts.submitAnonymousReport(input, requestOptions(caller))()));
  }
  // A portal that copies the request into the report itself is refused by the codec: nothing is appended.
  const smuggled = refused(
    await receipts.submitAnonymousReport(
      { ...ASTANA_REPORT, ip: first.ip, userAgent: first.userAgent } as AnonymousReportInput,
      requestOptions(first),
    )(),
  );
  expect(tagOf(smuggled)).toBe('ValidationError');
  await caughtUp(runner);

  const [astana, almaty, misuse] = submissions as [
    AnonymousSubmission,
    AnonymousSubmission,
    AnonymousSubmission,
  ];
  ok(await client.reports.registerReport(astana.reportId, { registrationNumber: 'AST-2026-0417' })());
  ok(
    await client.reports.recordAnswer(astana.reportId, {
      answer: en('The second payment was recovered from the contractor'),
      answeredBy: 'officer-71-004',
    })(),
  );
  ok(
    await client.reports.postFollowUp(almaty.reportId, {
      author: 'office',
      text: en('Please attach the lot number if you have it'),
    })(),
  );

  const astanaSession = receipts.withReceipt(astana.receipt, requestOptions(first));
  expect(ok(await astanaSession.status()())).toMatchObject({ status: 'answered' });
  expect(ok(await astanaSession.answers()())).toHaveLength(1);
  ok(await astanaSession.postFollowUp(en('Thank you; the roof still leaks in the gym'))());

  const almatySession = receipts.withReceipt(almaty.receipt.toLowerCase(), requestOptions(second));
  expect(ok(await almatySession.answers()())).toMatchObject([{ kind: 'followUp' }]);
  ok(await almatySession.postFollowUp(en('The lot number is 2026-KZ75-0911'))());

  const misuseSession = receipts.withReceipt(misuse.receipt, requestOptions(third));
  expect(ok(await misuseSession.status()())).toMatchObject({ status: 'submitted' });
  ok(await misuseSession.postFollowUp(en('One more detail: the invoices are dated on a Sunday'))());
  await caughtUp(runner);

  const needles: Record<string, string> = {};
  submissions.forEach((submission, i) => {
    const compact = submission.receipt.replace(/-/g, '');
    needles[`receipt ${i + 1}`] = submission.receipt;
    needles[`receipt ${i + 1} (compact)`] = compact;
    needles[`receipt ${i + 1} (lower case)`] = compact.toLowerCase();
  });
  CALLERS.forEach((caller, i) => {
    needles[`IP ${i + 1}`] = caller.ip;
    needles[`user agent ${i + 1}`] = caller.userAgent;
  });
  for (const [name, pepper] of Object.entries(secrets.peppers)) {
    needles[`${name} pepper (hex)`] = pepper.toString('hex');
    needles[`${name} pepper (base64)`] = pepper.toString('base64');
    needles[`${name} pepper (base64url)`] = pepper.toString('base64url');
  }
  const keyBody = secrets.privateKeyPem.split('\n').find((line) => line.length > 0 && !line.startsWith('-'));
  if (keyBody !== undefined) needles['signing key'] = keyBody;
  return { submissions, needles };
};

/** One stored thing, as text, and where it was found. */
export interface Dumped {
  readonly where: string;
  readonly text: string;
}

const json = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Everything a store holding events, snapshots and read models keeps, through its ports: every event with
 * its metadata, the snapshot of every stream, every generation of every read model and every document of
 * the live ones (the runner has caught up, so no generation is still building).
 */
export const dumpStore = async (
  store: EventStore & SnapshotStore & ReadModelStore,
  extraSnapshotStreams: readonly string[] = [],
): Promise<Dumped[]> => {
  const dumped: Dumped[] = [];
  const streams = new Set<string>(extraSnapshotStreams);
  for await (const event of allEvents(store, { max: 1000 })) {
    streams.add(event.streamName);
    dumped.push({ where: `event ${event.id} (${event.type})`, text: json(event) });
  }
  for (const stream of streams) {
    const snapshot = ok(await store.readSnapshot(stream)());
    if (O.isSome(snapshot)) dumped.push({ where: `snapshot of ${stream}`, text: json(snapshot.value) });
  }
  const generations = ok(await store.listGenerations()());
  for (const generation of generations) {
    expect(generation.status).toBe('live');
    dumped.push({ where: `generation ${generation.name}`, text: json(generation) });
    let after: string | undefined;
    for (;;) {
      const page = ok(
        await store.findDocuments(generation.name, {
          limit: 10_000,
          ...(after === undefined ? {} : { after }),
        })(),
      );
      for (const { id, document } of page.documents)
        dumped.push({ where: `read model ${generation.name} / ${id}`, text: `${id} ${json(document)}` });
      if (page.next === undefined) break;
      after = page.next;
    }
  }
  return dumped;
};

/** Which needles occur in which dumped things. */
export const scan = (
  dumped: readonly Dumped[],
  needles: Readonly<Record<string, string>>,
): { readonly needle: string; readonly where: string }[] => {
  const found: { needle: string; where: string }[] = [];
  for (const [needle, value] of Object.entries(needles)) {
    for (const item of dumped) if (item.text.includes(value)) found.push({ needle, where: item.where });
  }
  return found;
};

/**
 * The control: plants the first caller's address in an event's metadata (through the plain reports
 * module, as a portal that forwarded its request would), the first user agent in a read-model document, and
 * the first receipt in a snapshot. A scan that misses any of them could not fail.
 */
export const plantSecrets = async (
  client: AdalClient,
  store: SnapshotStore & ReadModelStore,
  result: ScenarioResult,
): Promise<{ readonly reportId: string; readonly planted: Readonly<Record<string, string>> }> => {
  const [first] = CALLERS;
  const receipt = result.submissions[0]?.receipt ?? '';
  const planted = ok(
    await client.reports.submitReport(
      { ...ASTANA_REPORT, reporter: { kind: 'anonymous', receiptHash: 'planted-by-the-control' } },
      { correlationId: first.ip },
    )(),
  );
  ok(
    await store.writeSnapshot({
      streamName: planted.id,
      streamRevision: 0n,
      version: 'scan-control',
      state: { note: receipt } as JsonValue,
    })(),
  );
  const generation = ok(await store.startGeneration('scan-control', 1)());
  const position: GlobalPosition | undefined = planted.recorded[0]?.globalPosition;
  if (position === undefined) throw new Error('the planted report recorded no event');
  ok(
    await store.commit({
      name: 'scan-control',
      generation: generation.generation,
      expected: undefined,
      position,
      eventsHandled: 1,
      changes: [{ op: 'put', id: 'planted', document: { userAgent: first.userAgent } }],
    })(),
  );
  return {
    reportId: planted.id,
    planted: { 'IP 1': first.ip, 'user agent 1': first.userAgent, 'receipt 1': receipt },
  };
};
