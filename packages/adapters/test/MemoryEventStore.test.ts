import { describe, it } from 'vitest';
import { createMemoryEventStore } from '../src/memory.js';
import { describeEventStoreContract } from '../src/testing.js';

describeEventStoreContract({ describe, it }, 'memory', async ({ limits }) => {
  const store = createMemoryEventStore({ limits });
  return { store, snapshots: store, teardown: () => store.close() };
});
