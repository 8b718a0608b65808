import { createMemoryEventStore } from '@adal/adapters/memory';
import { describe, expect, it } from 'vitest';
import { describeRunnerSuite } from './runnerSuite.js';

describeRunnerSuite({ describe, it, expect }, 'the memory store', () => {
  const store = createMemoryEventStore();
  return Promise.resolve({ store, readModels: store, leases: store, teardown: () => store.close() });
});
