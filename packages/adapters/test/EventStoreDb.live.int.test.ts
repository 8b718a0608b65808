import { describe, it } from 'vitest';
import { connectEventStoreDb } from '../src/eventstoredb.js';
import { describeEventStoreContract } from '../src/testing.js';

// No EventStoreDB server can be installed on our machines, so this suite runs only where one is reachable:
// ADAL_ESDB_URL=esdb://localhost:2113?tls=false npx vitest run --project @adal/adapters test/EventStoreDb.live
const url = process.env['ADAL_ESDB_URL'];
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
    `EventStoreDB at ${url.replace(/\/\/[^@/]*@/, '//***@')}`,
    async ({ limits }) => {
      const opened = await connectEventStoreDb({ connectionString: url, limits })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const store = opened.right;
      return { store, teardown: () => store.close() };
    },
    { timeoutMs: 60_000 },
  );
}
