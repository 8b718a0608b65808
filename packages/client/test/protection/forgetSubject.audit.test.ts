/**
 * Forgetting and the tamper-evident log together (DESIGN §6): with encryption applied before the hash chain
 * — `protectEventStore(chainEventStore(raw))` — the chain and the seals cover the stored, encrypted form, so
 * `verify` passes before and after a subject is forgotten, and no stored hash depends on a plaintext name.
 * Composed the other way round, forgetting would break the log: the test shows why the order matters.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
import { defaultDomainEnvironment, ERASED } from '@adal/core';
import { describe, expect, it } from 'vitest';
import { chainEventStore, keyIdOf, sealLog, verifyLog } from '../../src/audit/index.js';
import { createCommandHandler, createUuidV7, reportsModule } from '../../src/index.js';
import { forgetSubject, protectEventStore } from '../../src/protection/index.js';
import { movableClock, ok, on } from '../fixtures/modules.js';
import { AIGERIM, personalScenario, portal } from './support.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicKeys = { [keyIdOf(publicKey)]: publicKey };

describe('forgetSubject and verify', () => {
  it('leaves the hash chain and the seals valid: verify reads the stored form', async () => {
    const raw = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const client = portal(raw, { keys });
    const { aigerims } = await personalScenario(client, client.time);
    ok(await sealLog(client.chained, { signingKey: privateKey })());

    const before = ok(await verifyLog(client.chained, { publicKeys })());
    expect(before).toMatchObject({ ok: true, seals: 1 });
    // Every event but the seal's own is under the seal.
    expect(before.sealedEvents).toBe(before.events - 1);

    ok(await forgetSubject(keys, AIGERIM.subjectId)());
    const after = ok(await verifyLog(client.chained, { publicKeys })());
    expect(after).toEqual(before);
    expect(ok(await client.store.readStream(aigerims)()).events[0]?.data).toMatchObject({
      reporter: { name: ERASED },
    });

    // Hashes are of what is stored: read through the protection (decrypted), the log does not verify.
    const decrypted = ok(await verifyLog(client.store, { publicKeys })());
    expect(decrypted.ok).toBe(false);
  });

  it('would break if the chain hashed the plaintext (the wrong order)', async () => {
    const raw = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const wrong = chainEventStore(protectEventStore(raw, { keys }));
    const time = movableClock(on('2026-03-04'));
    const newId = createUuidV7(() => time.clock().getTime());
    const handleCommand = createCommandHandler({ store: wrong, clock: time.clock, newId });
    const reports = reportsModule(defaultDomainEnvironment, { handleCommand, clock: time.clock, newId });
    await personalScenario({ reports }, time);
    expect(ok(await verifyLog(wrong, { publicKeys })()).ok).toBe(true);
    ok(await forgetSubject(keys, AIGERIM.subjectId)());
    const after = ok(await verifyLog(wrong, { publicKeys })());
    expect(after).toMatchObject({ ok: false, problem: { kind: 'HashMismatch' } });
  });
});
