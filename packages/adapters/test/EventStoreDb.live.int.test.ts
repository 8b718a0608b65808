import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@adal/core';
import { describe, expect, it } from 'vitest';
import { connectEventStoreDb } from '../src/eventstoredb.js';
import { describeEventStoreContract } from '../src/testing.js';

// No EventStoreDB server can be installed on our machines, so this suite runs only where one is reachable:
// ADAL_ESDB_URL=esdb://localhost:2113?tls=false npx vitest run --project @adal/adapters test/EventStoreDb.live
const url = process.env['ADAL_ESDB_URL'];
// ADAL_ESDB_LIBRARY=kurrentdb runs the same suite through @kurrent/kurrentdb-client.
const library = process.env['ADAL_ESDB_LIBRARY'] === 'kurrentdb' ? 'kurrentdb' : 'eventstoredb';
const SKIP_REASON =
  'skipped: set ADAL_ESDB_URL to an EventStoreDB/KurrentDB server to run the contract suite';

if (url === undefined || url === '') {
  console.log(`EventStoreDB live contract suite ${SKIP_REASON}`);
  describe.skip(`EventStoreDB live contract suite (${SKIP_REASON})`, () => {
    it.skip(SKIP_REASON, () => undefined);
  });
} else {
  // Every case uses its own stream category, so one server serves them all; each gets its own client.
  describeEventStoreContract(
    { describe, it },
    `EventStoreDB (${library}) at ${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    async ({ limits }) => {
      const opened = await connectEventStoreDb({ connectionString: url, limits, library })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const store = opened.right;
      return { store, teardown: () => store.close() };
    },
    { timeoutMs: 60_000 },
  );

  describe('EventStoreDB live: persistent subscription groups', () => {
    it('two consumers of one group share a category: every event handled, none lost', async () => {
      const opened = await connectEventStoreDb({ connectionString: url, library })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const store = opened.right;
      const category = `livegroup${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const total = 20;
      for (let i = 0; i < total; i++) {
        const appended = await store.appendToStream(`${category}-${i % 4}`, [
          { id: randomUUID(), type: 'Happened', schemaVersion: 1, data: { i }, metadata: {} },
        ])();
        if (appended._tag === 'Left') throw new Error(appended.left.message);
      }
      const seen: RecordedEvent[][] = [[], []];
      const consumers = seen.map((mine) =>
        store.subscribeToGroup(
          { group: `${category}-group`, filter: { streamPrefixes: [`${category}-`] } },
          (e) => {
            mine.push(e);
          },
        ),
      );
      const deadline = Date.now() + 30_000;
      while (new Set(seen.flat().map((e) => e.id)).size < total && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(new Set(seen.flat().map((e) => e.id)).size).toBe(total);
      await Promise.all(consumers.map((c) => c.stop()));
      await store.close();
    }, 60_000);
  });
}
