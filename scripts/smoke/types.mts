// The type-level consumer of the pack smoke test. The smoke test copies it to `types.mts` and `types.cts`
// and checks both with `tsc` under `module: node16`, so the `.d.ts` files (ESM) and the `.d.cts` files
// (CJS) are each read with the peer dependencies' own types. The `@ts-expect-error` lines fail the check if a
// type silently became `any` (an unresolved import does that).
import { parseStreamName } from '@adal/core';
import type { EventStore, InvalidStreamName, StreamName } from '@adal/core';
import { DeciderSpecification } from '@adal/core/testing';
import * as client from '@adal/client';
import { createMemoryEventStore as createFromRoot } from '@adal/adapters';
import { createMemoryEventStore } from '@adal/adapters/memory';
import type { MemoryEventStore } from '@adal/adapters/memory';
import { describeEventStoreContract } from '@adal/adapters/testing';
import type { TestRunner } from '@adal/adapters/testing';
import type { Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';

export const parsed: Either<InvalidStreamName, StreamName> = parseStreamName('report-KZ-71-smoke');
// @ts-expect-error a number is not a stream name
parseStreamName(42);

export const store: EventStore = createMemoryEventStore();
export const fromRoot: MemoryEventStore = createFromRoot();
export const appended: Promise<unknown> = store.appendToStream('report-KZ-71-smoke', [
  {
    id: '019ac4d2-6f1e-7a3b-9c4d-5e6f7a8b9c0d',
    type: 'Smoke',
    schemaVersion: 1,
    data: { n: 1 },
    metadata: {},
  },
])();
// @ts-expect-error an expected revision is a bigint or one of the named states
store.appendToStream('report-KZ-71-smoke', [], { expectedRevision: 'whatever' });

export const runner: TestRunner = { describe: () => undefined, it: () => undefined };
describeEventStoreContract(runner, 'memory', async ({ limits }) => ({
  store: createMemoryEventStore({ limits }),
}));

type Door = 'open' | 'closed';
export const spec = DeciderSpecification.for<'open', { type: 'Opened' }, Door, never>({
  initialState: 'closed',
  evolve: () => 'open',
  decide: () => ({ _tag: 'Right', right: [{ type: 'Opened' }] }),
});

export const codec: t.Type<string> = t.string;
export const clientExports: object = client;
