/**
 * The hash chain and the seals on the memory store: every event appended through the chained store carries
 * `prevHash` and `hash`; `verifyLog` passes on the untouched log and finds every alteration of the sealed
 * part (fast-check over random alterations of each kind); proofs verify with the public key alone, and
 * forged ones do not.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createMemoryEventStore } from '@adal/adapters/memory';
import type { RecordedEvent } from '@adal/core';
import { GENESIS_HASH, SEAL_STREAM, SealData } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chainEventStore,
  eventHash,
  keyIdOf,
  proveEvent,
  sealLog,
  verifyLog,
  verifyProof,
} from '../../src/index.js';
import { ok } from '../fixtures/modules.js';
import { ALTERATIONS, alter, buildSealedLog, KEYS, readLog, storeOver } from './tamper.js';

const publicKeys = { [keyIdOf(KEYS.publicKey)]: KEYS.publicKey };
let log: RecordedEvent[];

beforeAll(async () => {
  const store = createMemoryEventStore();
  await buildSealedLog(store);
  log = await readLog(store);
});

describe('the hash chain', () => {
  it('gives every event its hash, chained to the one before it in its stream', () => {
    const heads = new Map<string, string>();
    for (const event of log) {
      expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.metadata.prevHash).toBe(heads.get(event.streamName) ?? GENESIS_HASH);
      heads.set(event.streamName, event.metadata.hash ?? '');
    }
    expect(log.filter((event) => event.streamName === SEAL_STREAM)).toHaveLength(2);
  });

  it('keeps appends idempotent and chains appends made with any expectation', async () => {
    const store = chainEventStore(createMemoryEventStore());
    const event = { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: { n: 1 }, metadata: {} };
    const first = ok(
      await store.appendToStream('report-KZ-71-a', [event], { expectedRevision: 'no_stream' })(),
    );
    const again = ok(
      await store.appendToStream('report-KZ-71-a', [event], { expectedRevision: 'no_stream' })(),
    );
    expect(again.alreadyStored).toBe(true);
    expect(again.events[0]?.metadata.hash).toBe(first.events[0]?.metadata.hash);
    // Two writers with 'any', at once: both land, both chained.
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        store.appendToStream('report-KZ-71-a', [{ ...event, id: crypto.randomUUID(), data: { n } }])(),
      ),
    );
    expect(racing.every(E.isRight)).toBe(true);
    const repeat = { ...event, id: crypto.randomUUID() };
    ok(await store.appendToStream('report-KZ-71-a', [repeat])());
    expect(ok(await store.appendToStream('report-KZ-71-a', [repeat])()).alreadyStored).toBe(true);
    const report = ok(await verifyLog(store, { publicKeys })());
    expect(report).toMatchObject({ ok: true, events: 10, streams: 1 });
  });
});

describe('verifyLog', () => {
  it('passes on the untouched log, counting what it checked', async () => {
    const report = ok(await verifyLog(storeOver(log), { publicKeys })());
    expect(report).toMatchObject({ ok: true, events: log.length, seals: 2, sealedEvents: log.length - 1 });
  });

  it.each(ALTERATIONS)('finds an alteration of kind %s anywhere in the sealed log', async (kind) => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (index, seed) => {
        const report = ok(await verifyLog(storeOver(alter(log, kind, index, seed)), { publicKeys })());
        expect(report.ok).toBe(false);
        expect(report.problem?.message).toBeTruthy();
      }),
      { numRuns: 40 },
    );
  });

  it('names the first bad event: a changed event is reported as itself', async () => {
    const index = 5;
    const report = ok(await verifyLog(storeOver(alter(log, 'dataByte', index, 3)), { publicKeys })());
    expect(report.problem).toMatchObject({ kind: 'HashMismatch', eventId: log[index]?.id });
  });

  it('refuses a seal signed by another key, and a seal whose key it was not given', async () => {
    const other = generateKeyPairSync('ed25519');
    expect(ok(await verifyLog(storeOver(log), { publicKeys: {} })()).problem?.kind).toBe('UnknownKey');
    const wrongKey = { [keyIdOf(KEYS.publicKey)]: other.publicKey };
    expect(ok(await verifyLog(storeOver(log), { publicKeys: wrongKey })()).problem?.kind).toBe(
      'BadSignature',
    );
  });
});

describe('seals removed from the database', () => {
  /** The log with its newest seal dropped and the last event it covered rewritten, chain recomputed. */
  const rolledBack = (): RecordedEvent[] => {
    const withoutSeal = log.slice(0, -1);
    const index = withoutSeal.findIndex((event) => event.type === 'SuspectIdentified');
    const target = withoutSeal[index] as RecordedEvent;
    const rewritten = { ...target, data: { ...(target.data as object), position: 'nobody' } };
    withoutSeal[index] = { ...rewritten, metadata: { ...rewritten.metadata, hash: eventHash(rewritten) } };
    return withoutSeal;
  };
  const published = () => {
    const seals = log
      .filter((event) => event.streamName === SEAL_STREAM)
      .map((event) => SealData.encode(event.data as never));
    return seals.map(({ sequence, treeSize, rootHash }) => ({ sequence, treeSize, rootHash }));
  };

  it('are only found against the roots the office published', async () => {
    // Without outside knowledge the shortened, rewritten log is consistent: this is why roots are published.
    expect(ok(await verifyLog(storeOver(rolledBack()), { publicKeys })()).ok).toBe(true);
    const report = ok(await verifyLog(storeOver(rolledBack()), { publicKeys, trusted: published() })());
    expect(report.problem?.kind).toBe('SealRemoved');
    // The untouched log passes with the same published roots.
    expect(ok(await verifyLog(storeOver(log), { publicKeys, trusted: published() })()).ok).toBe(true);
  });

  it('finds a gap in the seals’ numbers, and a published root that differs from the log’s', async () => {
    const firstSeal = log.findIndex((event) => event.streamName === SEAL_STREAM);
    const withoutFirst = log.filter((_, n) => n !== firstSeal);
    expect(ok(await verifyLog(storeOver(withoutFirst), { publicKeys })()).problem?.kind).toBe('SealRemoved');
    const [first] = published();
    const other = {
      ...(first as { sequence: number; treeSize: number; rootHash: string }),
      rootHash: '0'.repeat(64),
    };
    expect(ok(await verifyLog(storeOver(log), { publicKeys, trusted: [other] })()).problem?.kind).toBe(
      'SealMismatch',
    );
  });
});

describe('inclusion proofs', () => {
  it('prove every sealed event with O(log n) hashes, checked with the public key alone', async () => {
    const store = storeOver(log);
    const pem = KEYS.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const event of log.slice(0, -1)) {
      const proof = ok(await proveEvent(store, event.id)());
      expect(proof.path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(log.length - 1)));
      // Through JSON, as it would travel to a citizen or a court.
      expect(verifyProof(JSON.parse(JSON.stringify(proof)), pem)).toEqual(E.right(true));
    }
  });

  it('reject a forged proof: changed event, path, index, root or signature, or another key', async () => {
    const target = log[7] as RecordedEvent;
    const proof = ok(await proveEvent(storeOver(log), target.id)());
    const other = generateKeyPairSync('ed25519');
    const forgeries = [
      { ...proof, event: { ...proof.event, data: { ...(proof.event.data as object), forged: true } } },
      {
        ...proof,
        path: proof.path.map((hash, i) =>
          i === 0 ? hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) : hash,
        ),
      },
      { ...proof, leafIndex: proof.leafIndex + 1 },
      {
        ...proof,
        seal: { ...proof.seal, rootHash: proof.seal.rootHash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) },
      },
      { ...proof, seal: { ...proof.seal, treeSize: proof.seal.treeSize + 1 } },
      { ...proof, event: { ...proof.event, recordedAt: new Date(0).toISOString() } },
      // The same values spelled otherwise: refused, so a proof shows exactly what was stored.
      { ...proof, event: { ...proof.event, streamRevision: `0${proof.event.streamRevision}` } },
      { ...proof, event: { ...proof.event, recordedAt: proof.event.recordedAt.replace('Z', '+00:00') } },
      { ...proof, path: proof.path.map((hash, i) => (i === 0 ? `${hash}zz` : hash)) },
    ];
    for (const forged of forgeries) expect(E.isLeft(verifyProof(forged, KEYS.publicKey))).toBe(true);
    expect(E.isLeft(verifyProof(proof, other.publicKey))).toBe(true);
  });

  it('say when an event is not sealed yet', async () => {
    const store = chainEventStore(createMemoryEventStore());
    const event = { id: crypto.randomUUID(), type: 'Noted', schemaVersion: 1, data: {}, metadata: {} };
    ok(await store.appendToStream('report-KZ-71-b', [event])());
    const before = await proveEvent(store, event.id)();
    expect(E.isLeft(before) && before.left._tag).toBe('NotSealed');
    ok(await sealLog(store, { signingKey: KEYS.privateKey })());
    expect(E.isRight(await proveEvent(store, event.id)())).toBe(true);
    // Sealing again with nothing new appends nothing.
    const seals = (await readLog(store)).filter((e) => e.streamName === SEAL_STREAM);
    ok(await sealLog(store, { signingKey: KEYS.privateKey })());
    expect((await readLog(store)).filter((e) => e.streamName === SEAL_STREAM)).toHaveLength(seals.length);
  });
});
