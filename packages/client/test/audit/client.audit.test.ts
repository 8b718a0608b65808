/**
 * The trust features as a portal wires them: one `createAdalClient` with the office's key and peppers.
 * Every command's events are chained; `client.audit` seals, verifies and proves; `client.receipts` takes an
 * anonymous report and answers its reporter; without the key or the peppers both refuse with
 * `MissingConfiguration`.
 */
import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createAdalClient, verifyProof } from '../../src/index.js';
import { ok, on, REPORT_INPUTS, tagOf } from '../fixtures/modules.js';
import { ASTANA_REPORT, officeSecrets, TEST_SCRYPT } from '../receipts/support.js';

describe('createAdalClient with the office’s keys', () => {
  it('chains, seals, verifies and proves, and takes anonymous reports with receipts', async () => {
    const secrets = officeSecrets();
    const store = createMemoryEventStore();
    const client = createAdalClient({
      store,
      clock: () => on('2026-03-04'),
      audit: { signingKey: secrets.privateKeyPem },
      receipts: { peppers: secrets.peppers, scrypt: TEST_SCRYPT },
    });
    const report = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    ok(await client.reports.registerReport(report.id, REPORT_INPUTS.registerReport)());

    const anonymous = ok(await client.receipts.submitAnonymousReport(ASTANA_REPORT)());
    const runner = client.readModels.runner();
    await runner.start();
    ok(await runner.waitUntilCaughtUp());
    await runner.stop();
    const status = ok(await client.receipts.withReceipt(anonymous.receipt).status()());
    expect(status).toMatchObject({ reportId: anonymous.reportId });

    const seal = ok(await client.audit.seal()());
    expect(seal.treeSize).toBe(3);
    expect(ok(await client.audit.verify()())).toMatchObject({ ok: true, events: 4, seals: 1 });
    const proof = ok(await client.audit.prove(report.events.length > 0 ? await first(store) : '')());
    expect(verifyProof(proof, client.audit.publicKey ?? '')).toEqual(E.right(true));
    expect(verifyProof(proof, secrets.publicKeyPem)).toEqual(E.right(true));
  });

  it('refuses sealing and receipts without the key and peppers, and still chains', async () => {
    const store = createMemoryEventStore();
    const client = createAdalClient({ store });
    ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)());
    const refusedSeal = await client.audit.seal()();
    expect(E.isLeft(refusedSeal) && tagOf(refusedSeal.left)).toBe('MissingConfiguration');
    const refusedReceipt = await client.receipts.submitAnonymousReport(ASTANA_REPORT)();
    expect(E.isLeft(refusedReceipt) && refusedReceipt.left._tag).toBe('MissingConfiguration');
    expect(ok(await client.audit.verify()())).toMatchObject({ ok: true, events: 1, seals: 0 });
  });
});

const first = async (store: ReturnType<typeof createMemoryEventStore>): Promise<string> => {
  const page = ok(await store.readAll({ max: 1 })());
  return page.events[0]?.id ?? '';
};

describe('createAdalClient with a key store', () => {
  it('encrypts personal data before it is chained, forgets a subject, and the log still verifies', async () => {
    const secrets = officeSecrets();
    const store = createMemoryEventStore();
    const client = createAdalClient({
      store,
      clock: () => on('2026-03-04'),
      audit: { signingKey: secrets.privateKey },
      personalData: { keys: createMemoryKeyStore() },
    });
    const name = 'Aigerim Nurlanovna Sadykova';
    const input = {
      ...REPORT_INPUTS.submitReport,
      reporter: { kind: 'identified' as const, subjectId: 'citizen-77', name },
    };
    const submitted = ok(await client.reports.submitReport(input, { commandId: 'submit-77' })());
    const raw = async () =>
      JSON.stringify(
        ok(await everything(store)).events.map(({ id, type, data, metadata }) => ({
          id,
          type,
          data,
          metadata,
        })),
      );
    expect(await raw()).not.toContain(name);
    const read = ok(await client.store.readStream(submitted.id)());
    expect(JSON.stringify(read.events[0]?.data)).toContain(name);
    ok(await client.audit.seal()());
    const before = await raw();

    ok(await client.forgetSubject('citizen-77')());
    const after = ok(await client.store.readStream(submitted.id)());
    expect(JSON.stringify(after.events[0]?.data)).not.toContain(name);
    expect(JSON.stringify(after.events[0]?.data)).toContain('$erased');
    // A repeated command is answered from the stream again, not from the outcomes remembered before.
    const repeated = ok(await client.reports.submitReport(input, { commandId: 'submit-77' })());
    expect(repeated.alreadyHandled).toBe(true);
    expect(
      JSON.stringify(repeated.events, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    ).not.toContain(name);
    // The stored events did not change, and they still verify.
    expect(await raw()).toBe(before);
    expect(ok(await client.audit.verify()())).toMatchObject({ ok: true, seals: 1 });
  });
});

/** Everything the raw store holds, as stored. */
const everything = (store: ReturnType<typeof createMemoryEventStore>) => store.readAll({ max: 10_000 })();
