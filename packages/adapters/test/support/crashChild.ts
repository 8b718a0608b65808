/**
 * The child of the crash test (PostgresCrash.int.test.ts): opens the store, then appends batches of 1-5
 * events to each of its streams concurrently (one writer per stream, expected revision exact) until it is
 * killed. It reports on stdout, one JSON line per step, written synchronously:
 *
 * - `ready` once the store is open, with the revision it found on each stream;
 * - `begin` before an append is sent (so the parent knows every batch that may be in the database);
 * - `ack` only after the database acknowledged the append, with the revisions it was stored at (and whether
 *   the store answered it as a repeat of a batch already stored);
 * - `error` when an append failed (the same batch, same ids, is then retried: a repeat is idempotent).
 *
 * Run with `node --conditions=@adal/source --import tsx crashChild.ts '<json config>'`.
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { EventStore, EventToAppend } from '@adal/core';
import { connectPostgresEventStore, openEmbeddedEventStore } from '../../src/postgres.js';

export interface CrashChildConfig {
  readonly mode: 'pg' | 'pglite';
  /** The connection string (pg) or the folder (pglite). */
  readonly target: string;
  readonly schema: string;
  readonly streams: readonly string[];
}

export type CrashChildLine =
  | { readonly t: 'ready'; readonly revisions: Record<string, number> }
  | {
      readonly t: 'begin';
      readonly stream: string;
      readonly expected: number;
      readonly ids: readonly string[];
    }
  | {
      readonly t: 'ack';
      readonly stream: string;
      readonly ids: readonly string[];
      readonly revisions: readonly number[];
      readonly alreadyStored: boolean;
      readonly attempts: number;
    }
  | {
      readonly t: 'error';
      readonly stream: string;
      readonly ids: readonly string[];
      readonly tag: string;
      readonly message: string;
    }
  | { readonly t: 'fatal'; readonly message: string };

const say = (line: CrashChildLine): void => {
  // Synchronous: once written, the line is in the pipe even if the process is killed the next instant.
  writeSync(1, `${JSON.stringify(line)}\n`);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const currentRevision = async (store: EventStore, stream: string): Promise<number> => {
  for (;;) {
    const page = await store.readStream(stream, { direction: 'backwards', max: 1 })();
    if (page._tag === 'Right') return Number(page.right.streamRevision);
    if (page.left._tag === 'StreamNotFound') return -1;
    await sleep(50);
  }
};

const writer = async (store: EventStore, stream: string, start: number): Promise<never> => {
  let revision = start;
  for (let batch = 0; ; batch++) {
    const size = 1 + Math.floor(Math.random() * 5);
    const ids = Array.from({ length: size }, () => randomUUID());
    const events: EventToAppend[] = ids.map((id, index) => ({
      id,
      type: 'CrashTested',
      schemaVersion: 1,
      data: {
        stream,
        batch: ids[0] ?? id,
        index,
        of: size,
        pad: 'x'.repeat(Math.floor(Math.random() * 256)),
      },
      metadata: { commandId: ids[0] ?? id },
    }));
    const expected = revision;
    say({ t: 'begin', stream, expected, ids });
    for (let attempts = 1; ; attempts++) {
      const result = await store.appendToStream(stream, events, {
        expectedRevision: expected < 0 ? 'no_stream' : BigInt(expected),
      })();
      if (result._tag === 'Right') {
        const revisions = result.right.events.map((e) => Number(e.streamRevision));
        say({
          t: 'ack',
          stream,
          ids: result.right.events.map((e) => e.id),
          revisions,
          alreadyStored: result.right.alreadyStored,
          attempts,
        });
        revision = Number(result.right.nextExpectedRevision);
        break;
      }
      say({ t: 'error', stream, ids, tag: result.left._tag, message: result.left.message });
      // A refusal other than an outage is a bug the parent reports; an outage is retried with the same ids.
      if (result.left._tag !== 'StoreUnavailable') {
        say({ t: 'fatal', message: `${stream}: ${result.left._tag}: ${result.left.message}` });
        process.exit(3);
      }
      await sleep(20 + Math.random() * 50);
    }
  }
};

const main = async () => {
  const config = JSON.parse(process.argv[2] ?? '{}') as CrashChildConfig;
  const opened =
    config.mode === 'pg'
      ? await connectPostgresEventStore({
          connectionString: config.target,
          schema: config.schema,
          maxConnections: config.streams.length + 1,
        })()
      : await openEmbeddedEventStore({ dir: config.target, schema: config.schema })();
  if (opened._tag === 'Left') {
    say({ t: 'fatal', message: `open: ${opened.left.message}` });
    process.exit(2);
  }
  const store = opened.right;
  const revisions: Record<string, number> = {};
  for (const stream of config.streams) revisions[stream] = await currentRevision(store, stream);
  say({ t: 'ready', revisions });
  await Promise.all(config.streams.map((stream) => writer(store, stream, revisions[stream] ?? -1)));
};

main().catch((error: unknown) => {
  say({ t: 'fatal', message: String(error instanceof Error ? (error.stack ?? error.message) : error) });
  process.exit(4);
});
