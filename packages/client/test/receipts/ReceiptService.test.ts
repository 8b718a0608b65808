import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ReadModelStore } from '@adal/core';
import { canonicalJson } from '@adal/core';
import type * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ProjectionRunner } from '../../src/index.js';
import type { AnonymousReportInput, AnonymousSubmission } from '../../src/receipts/index.js';
import {
  createReceiptService,
  formatReceipt,
  generateReceipt,
  RECEIPT_INDEX,
  refusingReceiptService,
  submissionHash,
  verifyAcknowledgement,
} from '../../src/receipts/index.js';
import { en, everyEvent, ok, on, refused, setup, streamOf, tagOf } from '../fixtures/modules.js';
import {
  ALMATY_REPORT,
  ASTANA_REPORT,
  caughtUp,
  officeSecrets,
  receiptRunner,
  receiptService,
  TEST_SCRYPT,
} from './support.js';

const runners: ProjectionRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

const world = async (options: { readonly startRunner?: boolean } = {}) => {
  const { client, store, time } = setup({ start: on('2026-03-04') });
  const secrets = officeSecrets();
  const receipts = receiptService(client, store, secrets, { clock: time.clock });
  const runner = receiptRunner(client);
  runners.push(runner);
  if (options.startRunner !== false) await runner.start();
  return { client, store, time, secrets, receipts, runner };
};

describe('receipts: an anonymous report from submission to the answer', () => {
  it('submits, lets the reporter read the status and answers, and takes follow-ups', async () => {
    const { client, store, time, receipts, runner } = await world();
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    expect(submitted.receipt).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    expect(submitted.reportId).toMatch(/^report-KZ-71-/);

    // The stored reporter holds two derived values and the cost, nothing else.
    const [stored] = await streamOf(store, submitted.reportId);
    expect(stored?.data).toMatchObject({
      reporter: {
        kind: 'anonymous',
        receiptHash: expect.stringMatching(
          /^adal-receipt-v1\$N=1024,r=8,p=1\$[A-Za-z0-9_-]{43}\$[A-Za-z0-9_-]{43}$/,
        ) as unknown,
      },
    });
    expect(stored?.metadata.actor).toEqual({ role: 'citizen' });
    await caughtUp(runner);

    const session = receipts.withReceipt(submitted.receipt);
    expect(ok(await session.status()())).toEqual({
      reportId: submitted.reportId,
      status: 'submitted',
      receivedAt: on('2026-03-04'),
      extended: false,
      overdue: false,
      followUps: { fromReporter: 0, fromOffice: 0 },
    });
    expect(ok(await session.answers()())).toEqual([]);

    time.set('2026-03-05');
    ok(await client.reports.registerReport(submitted.reportId, { registrationNumber: 'AST-2026-0417' })());
    ok(
      await client.reports.assignReport(submitted.reportId, {
        officerId: 'officer-71-004',
        unit: 'Prevention',
      })(),
    );
    time.set('2026-03-06');
    ok(
      await client.reports.postFollowUp(submitted.reportId, {
        author: 'office',
        text: en('We have asked the akimat for the payment orders'),
      })(),
    );
    time.set('2026-03-10', '15:00');
    const posted = ok(await session.postFollowUp(en('The second payment order is dated 14 February'))());
    expect(posted).toEqual({ reportId: submitted.reportId, postedAt: on('2026-03-10', '15:00') });
    time.set('2026-03-20');
    ok(
      await client.reports.recordAnswer(submitted.reportId, {
        answer: en('The second payment was recovered from the contractor'),
        answeredBy: 'officer-71-004',
      })(),
    );

    expect(ok(await session.status()())).toEqual({
      reportId: submitted.reportId,
      status: 'answered',
      receivedAt: on('2026-03-04'),
      registrationNumber: 'AST-2026-0417',
      registeredOn: '2026-03-05',
      // 15 working days from 5 March, skipping 9 March and 23–25 March (Nauryz).
      dueOn: '2026-04-01',
      extended: false,
      overdue: false,
      followUps: { fromReporter: 1, fromOffice: 1 },
    });
    expect(ok(await session.answers()())).toEqual([
      { kind: 'followUp', at: on('2026-03-06'), text: en('We have asked the akimat for the payment orders') },
      {
        kind: 'answer',
        at: on('2026-03-20'),
        answeredOn: '2026-03-20',
        text: en('The second payment was recovered from the contractor'),
        late: false,
      },
    ]);

    // The follow-up is stored as the reporter's, without any receipt-derived value or request detail.
    const followUp = (await streamOf(store, submitted.reportId)).find(
      (event) => event.type === 'FollowUpPosted' && (event.data as { author?: string }).author === 'reporter',
    );
    expect(followUp?.data).toEqual({
      at: on('2026-03-10', '15:00').toISOString(),
      author: 'reporter',
      text: en('The second payment order is dated 14 February'),
    });
    expect(Object.keys(followUp?.metadata ?? {}).sort()).toEqual(
      expect.arrayContaining(['actor', 'commandId', 'correlationId', 'occurredAt']),
    );
    expect(followUp?.metadata.actor).toEqual({ role: 'citizen' });
  });

  it('finds the report through the private receipt index, one document per anonymous report', async () => {
    const { client, store, receipts, runner } = await world();
    const a = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    const b = ok(await receipts.submitAnonymousReport(ALMATY_REPORT)());
    // An identified report and one whose receiptHash this service did not write are not indexed.
    ok(
      await client.reports.submitReport({
        ...ASTANA_REPORT,
        reporter: { kind: 'identified', subjectId: 'citizen-1', name: 'Aigerim' },
      })(),
    );
    ok(
      await client.reports.submitReport({
        ...ASTANA_REPORT,
        reporter: { kind: 'anonymous', receiptHash: 'some-older-scheme' },
      })(),
    );
    await caughtUp(runner);
    const page = ok(await store.findDocuments(RECEIPT_INDEX, { limit: 100 })());
    expect(
      page.documents.map((d) => d.document).sort((x, y) => canonicalJson(x).localeCompare(canonicalJson(y))),
    ).toEqual(
      [{ reportId: a.reportId }, { reportId: b.reportId }].sort((x, y) =>
        canonicalJson(x).localeCompare(canonicalJson(y)),
      ),
    );
    for (const { id } of page.documents) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok(await receipts.withReceipt(b.receipt).status()()).reportId).toBe(b.reportId);
  });

  it('does not know a receipt before the index has caught up, and knows it after', async () => {
    const { receipts, runner } = await world({ startRunner: false });
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    expect(tagOf(refused(await receipts.withReceipt(submitted.receipt).status()()))).toBe(
      'ReceiptNotRecognised',
    );
    await runner.start();
    await caughtUp(runner);
    expect(ok(await receipts.withReceipt(submitted.receipt).status()()).status).toBe('submitted');
  });

  it('keeps the aggregate’s rules: no follow-ups on a duplicate, nothing on a closed report', async () => {
    const { client, receipts, runner } = await world();
    const duplicate = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    const closed = ok(await receipts.submitAnonymousReport(ALMATY_REPORT)());
    await caughtUp(runner);
    ok(await client.reports.markDuplicate(duplicate.reportId, { duplicateOf: closed.reportId })());
    expect(tagOf(refused(await receipts.withReceipt(duplicate.receipt).postFollowUp(en('hello'))()))).toBe(
      'DuplicateTakesNoFollowUps',
    );
    ok(await client.reports.registerReport(closed.reportId, { registrationNumber: 'ALM-1' })());
    ok(await client.reports.recordAnswer(closed.reportId, { answer: en('Done'), answeredBy: 'o-1' })());
    ok(await client.reports.closeReport(closed.reportId, { outcome: 'notConfirmed' })());
    const session = receipts.withReceipt(closed.receipt);
    expect(tagOf(refused(await session.postFollowUp(en('hello'))()))).toBe('ReportIsFinal');
    expect(ok(await session.status()())).toMatchObject({ status: 'closed', outcome: 'notConfirmed' });
  });

  it('refuses a follow-up text the codec refuses, naming the field', async () => {
    const { receipts, runner } = await world();
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    await caughtUp(runner);
    const bad = refused(
      await receipts.withReceipt(submitted.receipt).postFollowUp({ text: '', language: 'en' })(),
    );
    expect(tagOf(bad)).toBe('ValidationError');
    expect(JSON.stringify(bad)).toContain('text');
  });

  it('refuses a bad report before drawing a receipt, and appends nothing', async () => {
    const { store, receipts } = await world();
    const bad = refused(
      await receipts.submitAnonymousReport({ ...ASTANA_REPORT, region: 'KZ-99' as never })(),
    );
    expect(tagOf(bad)).toBe('ValidationError');
    expect(await everyEvent(store)).toEqual([]);
  });

  it('ignores a reporter the caller slips in: the service always writes its own', async () => {
    const { store, receipts } = await world();
    const slipped = {
      ...ASTANA_REPORT,
      reporter: { kind: 'identified', subjectId: 'citizen-1', name: 'Aigerim' },
    } as AnonymousReportInput;
    const submitted = ok(await receipts.submitAnonymousReport(slipped)());
    const [stored] = await streamOf(store, submitted.reportId);
    expect((stored?.data as { reporter: { kind: string } }).reporter.kind).toBe('anonymous');
    expect(
      JSON.stringify(stored, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}` : value)),
    ).not.toContain('Aigerim');
  });
});

describe('receipts: a wrong receipt', () => {
  it('opens nothing and appends nothing: a well-formed unknown receipt is ReceiptNotRecognised', async () => {
    const { store, receipts, runner } = await world();
    ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    await caughtUp(runner);
    const before = (await everyEvent(store)).length;
    const stranger = receipts.withReceipt(formatReceipt(generateReceipt()));
    const results: E.Either<unknown, unknown>[] = [
      await stranger.status()(),
      await stranger.answers()(),
      await stranger.postFollowUp(en('let me in'))(),
    ];
    for (const result of results) {
      expect(refused(result)).toEqual({
        _tag: 'ReceiptNotRecognised',
        message: 'receipt: no report answers to this receipt',
      });
    }
    expect((await everyEvent(store)).length).toBe(before);
  });

  it('says a mistyped receipt does not add up, before looking at any report', async () => {
    const { receipts, runner } = await world();
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    await caughtUp(runner);
    const typo =
      submitted.receipt.charAt(0) === 'A'
        ? `B${submitted.receipt.slice(1)}`
        : `A${submitted.receipt.slice(1)}`;
    const refusal = refused(await receipts.withReceipt(typo).status()());
    expect(refusal).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'receipt' }] });
    expect(JSON.stringify(refusal)).not.toContain(submitted.receipt.slice(5, 20));
  });

  it('gives the same error when the index points the lookup at a report whose verifier differs', async () => {
    const { client, store, secrets, receipts, runner } = await world();
    const victim = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    await caughtUp(runner);
    // An index altered to send every lookup value to the victim's report: the verifier in the report's own
    // stream still decides, and the stranger gets exactly the refusal of an unknown receipt.
    const tampered: Pick<ReadModelStore, 'getDocument'> = {
      getDocument: () => () =>
        Promise.resolve({ _tag: 'Right', right: O.some({ reportId: victim.reportId }) }),
    };
    const overTampered = receiptService(client, store, secrets, { readModels: tampered });
    const stranger = overTampered.withReceipt(formatReceipt(generateReceipt()));
    expect(refused(await stranger.status()())).toEqual(
      refused(await receipts.withReceipt(formatReceipt(generateReceipt())).status()()),
    );
    expect(tagOf(refused(await stranger.postFollowUp(en('hijack'))()))).toBe('ReceiptNotRecognised');
    // The rightful receipt still works through the altered index.
    expect(ok(await overTampered.withReceipt(victim.receipt).status()()).reportId).toBe(victim.reportId);
  });

  it('cannot be used by an office with other peppers (the database alone links nothing)', async () => {
    const { client, store, receipts, runner } = await world();
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    await caughtUp(runner);
    const otherPeppers = receiptService(client, store, officeSecrets());
    expect(tagOf(refused(await otherPeppers.withReceipt(submitted.receipt).status()()))).toBe(
      'ReceiptNotRecognised',
    );
  });

  it('one reporter’s receipt does not open another’s report, nor does the plain module without it', async () => {
    const { client, receipts, runner } = await world();
    const a = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    const b = ok(await receipts.submitAnonymousReport(ALMATY_REPORT)());
    await caughtUp(runner);
    expect(ok(await receipts.withReceipt(a.receipt).status()()).reportId).toBe(a.reportId);
    expect(ok(await receipts.withReceipt(b.receipt).status()()).reportId).toBe(b.reportId);
    const forged = refused(
      await client.reports.postFollowUp(a.reportId, { author: 'reporter', text: en('I am the reporter') })(),
    );
    expect(tagOf(forged)).toBe('FollowUpNeedsReceipt');
  });
});

describe('receipts: the signed acknowledgement', () => {
  const submit = async (): Promise<{
    submitted: AnonymousSubmission;
    publicKeyPem: string;
    data: unknown;
  }> => {
    const { store, secrets, receipts } = await world({ startRunner: false });
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    const [stored] = await streamOf(store, submitted.reportId);
    return { submitted, publicKeyPem: secrets.publicKeyPem, data: stored?.data };
  };

  it('states the report, the time received, the due rule and the hash of the stored submission', async () => {
    const { submitted, data } = await submit();
    const { statement } = submitted.acknowledgement;
    expect(statement).toEqual({
      type: 'adal.report-acknowledgement',
      version: 1,
      reportId: submitted.reportId,
      receivedAt: on('2026-03-04').toISOString(),
      dueRule: 'due 15 working days after registration',
      submissionHash: submissionHash(data as never),
      keyId: expect.stringMatching(/^ed25519:[0-9a-f]{32}$/) as unknown,
    });
    // The hash does not depend on how the store ordered the keys (PostgreSQL's jsonb reorders them).
    const reverse = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverse)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, v]) => [key, reverse(v)]),
            )
          : value;
    const reordered = reverse(data) as never;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(data));
    expect(submissionHash(reordered)).toBe(statement.submissionHash);
    expect(JSON.stringify(submitted.acknowledgement)).not.toContain(submitted.receipt);
  });

  it('verifies with the public key alone, after a trip through JSON', async () => {
    const { submitted, publicKeyPem } = await submit();
    const file = JSON.stringify(submitted.acknowledgement);
    const checked = ok(verifyAcknowledgement(JSON.parse(file), publicKeyPem));
    expect(checked).toEqual(submitted.acknowledgement.statement);
    ok(verifyAcknowledgement(JSON.parse(file), publicKeyPem, { keyId: checked.keyId }));
  });

  it('rejects any change to the statement or the signature, another key, and a malformed one', async () => {
    const { submitted, publicKeyPem } = await submit();
    const ack = submitted.acknowledgement;
    const { statement } = ack;
    const changed = [
      { ...statement, reportId: statement.reportId.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
      { ...statement, receivedAt: '2026-03-03T05:00:00.000Z' },
      { ...statement, dueRule: 'due 30 working days after registration' },
      { ...statement, submissionHash: 'f'.repeat(64) },
      { ...statement, keyId: 'ed25519:someone-else' },
      {
        type: statement.type,
        version: statement.version,
        reportId: statement.reportId,
        receivedAt: statement.receivedAt,
        dueDate: '2026-03-25',
        submissionHash: statement.submissionHash,
        keyId: statement.keyId,
      },
    ];
    for (const modified of changed) {
      expect(refused(verifyAcknowledgement({ ...ack, statement: modified }, publicKeyPem)).reason).toBe(
        'badSignature',
      );
    }
    const flipped = `${ack.signature.charAt(0) === 'A' ? 'B' : 'A'}${ack.signature.slice(1)}`;
    expect(refused(verifyAcknowledgement({ ...ack, signature: flipped }, publicKeyPem)).reason).toBe(
      'badSignature',
    );
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(refused(verifyAcknowledgement(ack, other)).reason).toBe('badSignature');
    expect(refused(verifyAcknowledgement(ack, publicKeyPem, { keyId: 'ed25519:other' })).reason).toBe(
      'wrongKey',
    );
    expect(refused(verifyAcknowledgement({ ...ack, extra: 1 }, publicKeyPem)).reason).toBe('malformed');
    expect(refused(verifyAcknowledgement({ ...ack, algorithm: 'RS256' }, publicKeyPem)).reason).toBe(
      'malformed',
    );
    expect(refused(verifyAcknowledgement('not json', publicKeyPem)).reason).toBe('malformed');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(refused(verifyAcknowledgement(ack, rsa)).reason).toBe('badKey');
    expect(refused(verifyAcknowledgement(ack, 'not a key')).reason).toBe('badKey');
  });

  it('names the configured key id, and publishes the public key', async () => {
    const { client, store } = setup();
    const secrets = officeSecrets();
    const receipts = receiptService(client, store, secrets, { keyId: 'KZ-71/2026-1' });
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    expect(submitted.acknowledgement.statement.keyId).toBe('KZ-71/2026-1');
    expect(receipts.officeKey).toEqual({ publicKeyPem: secrets.publicKeyPem, keyId: 'KZ-71/2026-1' });
    ok(verifyAcknowledgement(submitted.acknowledgement, receipts.officeKey?.publicKeyPem ?? ''));
  });
});

describe('receipts: configuration', () => {
  it('names every bad setting', () => {
    const { client, store } = setup();
    const secrets = officeSecrets();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const same = randomBytes(32);
    const refusal = refused(
      createReceiptService({
        client,
        readModels: store,
        signingKey: rsa,
        peppers: { lookup: same, verifier: same },
        scrypt: { N: 1000, r: 0, p: 1 },
        keyId: ' padded ',
      }),
    );
    expect(refusal.issues.map((issue) => issue.path)).toEqual([
      'signingKey',
      'peppers.verifier',
      'scrypt.N',
      'scrypt.r',
      'keyId',
    ]);
    const weak = refused(
      createReceiptService({
        client,
        readModels: store,
        signingKey: secrets.publicKey,
        peppers: { lookup: randomBytes(16), verifier: Buffer.alloc(32, 7) },
        scrypt: TEST_SCRYPT,
      }),
    );
    expect(weak.issues).toEqual([
      { path: 'signingKey', message: 'expected an Ed25519 private key (a KeyObject or PKCS #8 PEM)' },
      { path: 'peppers.lookup', message: 'expected at least 32 bytes, got 16' },
      { path: 'peppers.verifier', message: 'expected random bytes, got one byte repeated' },
    ]);
    const strings = refused(
      createReceiptService({
        client,
        readModels: store,
        signingKey: 'not a key',
        peppers: { lookup: 'a'.repeat(64), verifier: 'b'.repeat(64) } as never,
      }),
    );
    expect(strings.issues.map((issue) => issue.path)).toEqual([
      'signingKey',
      'peppers.lookup',
      'peppers.verifier',
    ]);
  });

  it('takes the default scrypt cost and a KeyObject', async () => {
    const { client, store } = setup();
    const secrets = officeSecrets();
    const receipts = ok(
      createReceiptService({
        client,
        readModels: store,
        signingKey: secrets.privateKey,
        peppers: secrets.peppers,
      }),
    );
    const submitted = ok(await receipts.submitAnonymousReport(ASTANA_REPORT)());
    const [stored] = await streamOf(store, submitted.reportId);
    expect(JSON.stringify(stored?.data)).toContain('adal-receipt-v1$N=32768,r=8,p=1$');
  });

  it('a refusing service answers every call with its configuration error', async () => {
    const missing = {
      _tag: 'MissingConfiguration' as const,
      setting: 'receipts',
      message: 'receipts: no signing key and peppers were given',
    };
    const receipts = refusingReceiptService(missing);
    expect(refused(await receipts.submitAnonymousReport(ASTANA_REPORT)())).toBe(missing);
    expect(refused(await receipts.withReceipt('x').status()())).toBe(missing);
    expect(refused(await receipts.withReceipt('x').postFollowUp(en('x'))())).toBe(missing);
    expect(receipts.officeKey).toBeUndefined();
  });

  it('takes a report without a reporter, and no other options than the request context', () => {
    expectTypeOf<AnonymousReportInput>().not.toHaveProperty('reporter');
    expectTypeOf<AnonymousReportInput>().toHaveProperty('region');
  });
});
