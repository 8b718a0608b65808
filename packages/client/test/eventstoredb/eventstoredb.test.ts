/**
 * The client's work on the EventStoreDB store, over the adapter's fake server (no server can be installed
 * here; `packages/adapters/test/EventStoreDbFakeDriver.ts` follows the server's documented rules): the hash
 * chain and the seals are computed by the client, so they must come out the same as on every other store;
 * the projection runner keeps its read models in another store (memory here, PostgreSQL in production).
 */
import { createMemoryEventStore } from '@adal/adapters/memory';
import { createEventStoreDbEventStore } from '@adal/adapters/eventstoredb';
import { GENESIS_HASH, SEAL_STREAM } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
// The fake server lives with the adapter's tests; it is a test helper, not part of any package's API.
import { createFakeEsdb } from '../../../adapters/test/EventStoreDbFakeDriver.js';
import { keyIdOf, proveEvent, verifyLog, verifyProof } from '../../src/index.js';
import { buildSealedLog, KEYS, readLog } from '../audit/tamper.js';
import { describeRunnerSuite } from '../projections/runnerSuite.js';

const publicKeys = { [keyIdOf(KEYS.publicKey)]: KEYS.publicKey };
const esdb = () =>
  createEventStoreDbEventStore(createFakeEsdb(), { resubscribe: { initialDelayMs: 1, maxDelayMs: 5 } });

describe('the hash chain and seals on the EventStoreDB store', () => {
  it('chains every event, seals, verifies, and proves an event with the public key alone', async () => {
    const store = esdb();
    await buildSealedLog(store);
    const log = await readLog(store);
    const heads = new Map<string, string>();
    for (const event of log) {
      expect(event.metadata.prevHash).toBe(heads.get(event.streamName) ?? GENESIS_HASH);
      heads.set(event.streamName, event.metadata.hash ?? '');
    }
    expect(log.filter((event) => event.streamName === SEAL_STREAM)).toHaveLength(2);
    const verified = await verifyLog(store, { publicKeys })();
    expect(verified).toMatchObject({ _tag: 'Right', right: { ok: true, events: log.length } });
    const target = log[Math.floor(log.length / 3)];
    if (target === undefined) throw new Error('empty log');
    const proof = await proveEvent(store, target.id)();
    if (E.isLeft(proof)) throw new Error(proof.left.message);
    expect(verifyProof(JSON.parse(JSON.stringify(proof.right)), KEYS.publicKey)).toEqual(E.right(true));
  });
});

describeRunnerSuite(
  { describe, it, expect },
  'the EventStoreDB store (fake server), read models in memory',
  () => {
    const store = esdb();
    const readModels = createMemoryEventStore();
    return Promise.resolve({
      store,
      readModels,
      leases: readModels,
      teardown: async () => {
        await store.close();
        await readModels.close();
      },
    });
  },
);
