import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectEventStoreDb } from '../src/eventstoredb.js';

// The real driver over the real `@eventstore/db-client`, against a port where nothing listens: no server is
// needed to see that every operation goes through the client library and comes back as the store error the
// port promises (not an exception), and that subscriptions give up after their allowed tries.

const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

const unavailable = { _tag: 'StoreUnavailable', reason: 'unavailable' };

describe.each(['eventstoredb', 'kurrentdb'] as const)(
  'EventStoreDB: the real %s client library, no server listening',
  (library) => {
    it('maps every operation to StoreUnavailable (unavailable), and subscriptions end after their tries', async () => {
      const port = await closedPort();
      const opened = await connectEventStoreDb({
        connectionString: `${library === 'kurrentdb' ? 'kurrentdb' : 'esdb'}://127.0.0.1:${port}?tls=false`,
        library,
        resubscribe: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 1 },
      })();
      if (opened._tag === 'Left') throw new Error(opened.left.message);
      const store = opened.right;
      const event = { id: crypto.randomUUID(), type: 'A', schemaVersion: 1, data: {}, metadata: {} };
      expect(await store.appendToStream('report-KZ-71-x', [event])()).toMatchObject({ left: unavailable });
      expect(await store.readStream('report-KZ-71-x')()).toMatchObject({ left: unavailable });
      expect(await store.readAll()()).toMatchObject({ left: unavailable });
      const all = store.subscribeToAll({}, () => undefined);
      expect(await all.ended).toMatchObject({ _tag: 'StoreFailed', error: unavailable });
      const group = store.subscribeToGroup({ group: 'nobody-home' }, () => undefined);
      expect(await group.ended).toMatchObject({ _tag: 'StoreFailed', error: unavailable });
      await store.close();
    }, 30_000);

    it('refuses a malformed connection string as StoreUnavailable, without throwing', async () => {
      const opened = await connectEventStoreDb({ connectionString: 'http://not-an-esdb-url', library })();
      expect(opened).toMatchObject({ _tag: 'Left', left: { _tag: 'StoreUnavailable' } });
    });
  },
);
