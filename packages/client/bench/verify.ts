/**
 * How fast the log is sealed, verified and proved: `pnpm bench:verify [--events 200000] [--store memory|pglite]`.
 * Events are appended through the hash chain in batches of 10 per stream, then sealed once.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemoryEventStore } from '@adal/adapters/memory';
import { openPostgresEventStore, pgliteDriver } from '@adal/adapters/postgres';
import type { EventStore } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { chainEventStore, keyIdOf, proveEvent, sealLog, verifyLog, verifyProof } from '../src/index.js';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '200000' }, store: { type: 'string', default: 'memory' } },
});
const total = Number(values.events);
const line = (text: string) => process.stdout.write(`${text}\n`);
let raw: EventStore;
let cleanup: () => Promise<void> = () => Promise.resolve();
if (values.store === 'pglite') {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = mkdtempSync(join(tmpdir(), 'adal-verify-'));
  const opened = await openPostgresEventStore({ driver: pgliteDriver(await PGlite.create(dir), true) })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  raw = opened.right;
  cleanup = async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  };
} else {
  raw = createMemoryEventStore();
}
const store = chainEventStore(raw);
const keys = generateKeyPairSync('ed25519');

const timed = async <A>(label: string, count: number, body: () => Promise<A>): Promise<A> => {
  const start = performance.now();
  const result = await body();
  const seconds = (performance.now() - start) / 1000;
  line(`${label}: ${seconds.toFixed(2)} s (${Math.round(count / seconds).toLocaleString('en')} events/s)`);
  return result;
};

let firstId = '';
await timed(`append ${total.toLocaleString('en')} chained events`, total, async () => {
  for (let s = 0; s < total / 10; s++) {
    const events = Array.from({ length: 10 }, (_, n) => ({
      id: crypto.randomUUID(),
      type: 'Noted',
      schemaVersion: 1,
      data: { note: `note ${n} of stream ${s}`, amount: String(n * 1000) },
      metadata: { occurredAt: new Date().toISOString() },
    }));
    firstId ||= events[0]?.id ?? '';
    const appended = await store.appendToStream(`report-KZ-71-s${s}`, events, {
      expectedRevision: 'no_stream',
    })();
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  }
});
await timed('seal', total, async () => {
  const sealed = await sealLog(store, { signingKey: keys.privateKey })();
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
});
const report = await timed('verify', total, async () => {
  const verified = await verifyLog(store, { publicKeys: { [keyIdOf(keys.publicKey)]: keys.publicKey } })();
  if (E.isLeft(verified)) throw new Error(verified.left.message);
  return verified.right;
});
line(
  `  verified: ${report.ok ? 'ok' : `NOT ok: ${report.problem?.message ?? ''}`}, ${report.events} events, ${report.streams} streams`,
);
const proof = await timed('prove one event', total, async () => {
  const proved = await proveEvent(store, firstId)();
  if (E.isLeft(proved)) throw new Error(proved.left.message);
  return proved.right;
});
line(
  `  proof: ${proof.path.length} hashes, ${JSON.stringify(proof).length} bytes; checks: ${E.isRight(verifyProof(proof, keys.publicKey))}`,
);
await cleanup();
