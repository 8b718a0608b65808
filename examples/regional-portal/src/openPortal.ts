import { join } from 'node:path';
import { openEmbeddedEventStore, openPostgresKeyStore } from '@adal/adapters/postgres';
import type { AdalClient, ProjectionRunner } from '@adal/client';
import { createAdalClient } from '@adal/client';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './buildServer.js';
import { loadPortalSecrets } from './portalSecrets.js';
import { seedDemoData } from './seedDemoData.js';

/** Where the portal keeps its data, and whether a new store gets the demo data. */
export interface PortalOptions {
  /** The portal's folder: the database in `db/`, the demo secrets beside it. */
  readonly dir: string;
  /** Seed demo reports, cases and ratings into a store without events; on by default. */
  readonly seed?: boolean;
  /** Receipt look-ups allowed per second, with bursts of five times as many; 5 by default. */
  readonly receiptChecksPerSecond?: number;
}

/** A running portal: the HTTP app (not yet listening), the client and its runner, and how to stop them. */
export interface Portal {
  readonly app: FastifyInstance;
  readonly client: AdalClient;
  readonly runner: ProjectionRunner;
  /** How many commands the demo data took on this start; 0 when the store already had events. */
  readonly seeded: number;
  readonly close: () => Promise<void>;
}

/**
 * Opens the portal on the embedded store: secrets, the store (PGlite in `<dir>/db`), a key store for
 * identified reporters' personal data in the same database, the client, the projection runner (the six
 * read models and the receipt index), the demo data on a first start, and the HTTP app.
 */
export const openPortal = async (options: PortalOptions): Promise<E.Either<string, Portal>> => {
  const secrets = loadPortalSecrets(options.dir);
  if (E.isLeft(secrets)) return secrets;
  const { signingKeyPem, lookupPepper, verifierPepper, pseudonymKey, masterKey } = secrets.right;
  const dbDir = join(options.dir, 'db');
  const opened = await openEmbeddedEventStore({ dir: dbDir })();
  if (E.isLeft(opened)) return E.left(`could not open the store in ${dbDir}: ${opened.left.message}`);
  const store = opened.right;
  // The key store shares the database and its connection; the event store owns (and closes) the connection.
  const keys = await openPostgresKeyStore({ driver: store.driver, masterKey })();
  if (E.isLeft(keys)) {
    await store.close();
    return E.left(`could not open the key store: ${keys.left.message}`);
  }
  const client = createAdalClient({
    store,
    snapshots: store,
    audit: { signingKey: signingKeyPem },
    receipts: { peppers: { lookup: lookupPepper, verifier: verifierPepper } },
    pseudonymKey,
    personalData: { keys: keys.right },
  });

  const first = await store.readAll({ max: 1 })();
  if (E.isLeft(first)) {
    await client.close();
    return E.left(`could not read the store: ${first.left.message}`);
  }
  let seeded = 0;
  if (first.right.events.length === 0 && options.seed !== false) {
    const seed = await seedDemoData(client);
    if (E.isLeft(seed)) {
      await client.close();
      return E.left(`could not seed the demo data: ${seed.left}`);
    }
    seeded = seed.right.commands;
  }

  const runner = client.readModels.runner();
  await runner.start();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
  if (E.isLeft(caughtUp)) {
    await runner.stop();
    await client.close();
    return E.left(`the read models did not catch up: ${caughtUp.left.message}`);
  }

  const app = await buildServer({
    client,
    runner,
    ...(options.receiptChecksPerSecond === undefined
      ? {}
      : { receiptChecksPerSecond: options.receiptChecksPerSecond }),
  });
  const close = async () => {
    await app.close();
    await runner.stop();
    await client.close();
  };
  return E.right({ app, client, runner, seeded, close });
};
