/**
 * Adal as a portal uses it: `createAdalClient` over a store, commands through `client.handleCommand` with
 * the real `CitizenReport` aggregate (codec-checked commands, decoded events, hash chain on every append).
 */
import { randomUUID } from 'node:crypto';
import { createMemoryEventStore } from '@adal/adapters/memory';
import { rm } from 'node:fs/promises';
import { connectPostgresEventStore, openEmbeddedEventStore } from '@adal/adapters/postgres';
import type { CommandOptions } from '@adal/client';
import { createAdalClient } from '@adal/client';
import type { CitizenReportState, EventStore, EventToAppend, SnapshotStore } from '@adal/core';
import { CitizenReport } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { markOverdueCommand, postFollowUpCommand, submitReportCommand } from '../reportCommands.js';
import type { Contender, ContenderOptions, StoreTarget } from './Contender.js';
import { POOL_SIZE, SEED_BATCH } from './Contender.js';

/**
 * The report's state as a snapshot holds it. Every field is JSON already (dates are `YYYY-MM-DD` text), so
 * the codec only checks the shape it reads back.
 */
const isReportState = (u: unknown): u is CitizenReportState =>
  typeof u === 'object' && u !== null && typeof (u as { status?: unknown }).status === 'string';
const ReportStateCodec = new t.Type<CitizenReportState, unknown, unknown>(
  'CitizenReportState',
  isReportState,
  (u, c) => (isReportState(u) ? t.success(u) : t.failure(u, c, 'expected a report state')),
  t.identity,
);

/** The report with a snapshot every 1,000 events: what the stores guide recommends for long streams. */
export const SnapshottedReport = {
  ...CitizenReport,
  snapshot: { version: 'bench-1', codec: ReportStateCodec, every: 1000 },
};

export const openAdal = async (target: StoreTarget, options: ContenderOptions = {}): Promise<Contender> => {
  const base = await openStore(target);
  let conflicts = 0;
  // Counted below the client, so every refused append is seen, whoever retries it.
  const counted: EventStore = {
    ...base.store,
    appendToStream: (stream, events, appendOptions) => async () => {
      const result = await base.store.appendToStream(stream, events, appendOptions)();
      if (E.isLeft(result) && result.left._tag === 'WrongExpectedRevision') conflicts += 1;
      return result;
    },
  };
  const newClient = () =>
    createAdalClient({
      store: counted,
      ...(options.snapshots === true ? { snapshots: base.snapshots } : {}),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      ...(options.coldLoads === true ? { cachedStates: 0 } : {}),
    });
  const client = newClient();
  const report = options.snapshots === true ? SnapshottedReport : CitizenReport;
  const handlerOf =
    (of: ReturnType<typeof newClient>) =>
    async (stream: string, command: object, commandOptions?: CommandOptions) => {
      const result = await of.handleCommand(report, stream, command, commandOptions)();
      if (E.isLeft(result)) throw new Error(`adal: ${result.left._tag}: ${result.left.message}`);
      return result.right;
    };
  const handle = handlerOf(client);

  return {
    library: 'adal',
    // A new report's stream cannot exist yet: the reports module's `submitReport` says so, and so does this.
    submit: async (stream) => {
      await handle(stream, submitReportCommand(), { expectedRevision: 'no_stream' });
    },
    followUp: async (stream) => {
      await handle(stream, postFollowUpCommand());
    },
    rehydrate: async (stream) => {
      const result = await client.handleCommand(report, stream, markOverdueCommand())();
      // The refusal proves the state was loaded: a report nobody submitted would be refused as 'none'.
      if (
        E.isRight(result) ||
        result.left._tag !== 'NotAllowedInStatus' ||
        !result.left.message.includes('submitted')
      ) {
        throw new Error(`adal: rehydration did not end in the expected refusal: ${JSON.stringify(result)}`);
      }
    },
    seedLongStream: async (stream, events) => {
      await handle(stream, submitReportCommand());
      const template = (await handle(stream, postFollowUpCommand())).recorded[0];
      if (template === undefined) throw new Error('adal: the follow-up recorded nothing');
      const { prevHash: _prev, hash: _hash, ...metadata } = template.metadata;
      // Through `client.store`, which chains hashes, so the seeded stream is what commands would have made.
      const lastSeeded = events - 1;
      for (let revision = 2; revision < lastSeeded; revision += SEED_BATCH) {
        const size = Math.min(SEED_BATCH, lastSeeded - revision);
        const batch: EventToAppend[] = Array.from({ length: size }, () => ({
          id: randomUUID(),
          type: template.type,
          schemaVersion: template.schemaVersion,
          data: template.data,
          metadata,
        }));
        const appended = await client.store.appendToStream(stream, batch, {
          expectedRevision: BigInt(revision - 1),
        })();
        if (E.isLeft(appended)) throw new Error(`adal: seeding: ${appended.left.message}`);
      }
      // One command more writes the snapshot (the policy's 1,000 events have passed); without snapshots it
      // is just the last event.
      if (events > 2) await handle(stream, postFollowUpCommand());
    },
    storedEvents: async (streams) => {
      let total = 0;
      for (const stream of streams) {
        const page = await base.store.readStream(stream, { direction: 'backwards', max: 1 })();
        if (E.isRight(page)) total += Number((page.right.events[0]?.streamRevision ?? -1n) + 1n);
      }
      return total;
    },
    otherProcess: () => {
      const other = handlerOf(newClient());
      return {
        followUp: async (stream) => {
          await other(stream, postFollowUpCommand());
        },
      };
    },
    conflicts: () => conflicts,
    close: () => client.close(),
  };
};

const openStore = async (
  target: StoreTarget,
): Promise<{ readonly store: EventStore; readonly snapshots: SnapshotStore }> => {
  if (target.kind === 'memory') {
    const store = createMemoryEventStore();
    return { store, snapshots: store };
  }
  if (target.kind === 'pglite') {
    const embedded = await openEmbeddedEventStore({ dir: target.dir })();
    if (E.isLeft(embedded)) throw new Error(`adal: ${embedded.left.message}`);
    const store = embedded.right;
    // The folder goes with the store: each run gets a fresh one.
    const close = async () => {
      await store.close();
      await rm(target.dir, { recursive: true, force: true });
    };
    return { store: { ...store, close }, snapshots: store };
  }
  const opened = await connectPostgresEventStore({
    connectionString: target.url,
    maxConnections: POOL_SIZE,
  })();
  if (E.isLeft(opened)) throw new Error(`adal: ${opened.left.message}`);
  return { store: opened.right, snapshots: opened.right };
};
