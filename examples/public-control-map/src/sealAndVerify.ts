/**
 * Tamper evidence: every event is hash-chained in its stream as it is appended; the sealing job signs the
 * Merkle root of the whole log with the office's key; verifying recomputes every hash, chain and seal; and
 * one event can be proved to anyone who has only the office's public key.
 */
import type { AdalClient } from '@adal/client';
import { verifyProof } from '@adal/client';
import { SEAL_STREAM, streamEvents } from '@adal/core';
import { count, fail, note } from './narration.js';

/** The latest seal in the store, if any: what this run's seal extends. */
export const latestSeal = async (
  client: AdalClient,
): Promise<
  { readonly sequence: number; readonly treeSize: number; readonly sealedAt: string } | undefined
> => {
  const page = await client.store.readStream(SEAL_STREAM, { direction: 'backwards', max: 1 })();
  if (page._tag === 'Left') return undefined; // no stream yet: nothing was sealed
  const data = page.right.events[0]?.data as
    { readonly sequence?: unknown; readonly treeSize?: unknown; readonly sealedAt?: unknown } | undefined;
  return typeof data?.sequence === 'number' &&
    typeof data.treeSize === 'number' &&
    typeof data.sealedAt === 'string'
    ? { sequence: data.sequence, treeSize: data.treeSize, sealedAt: data.sealedAt }
    : undefined;
};

/**
 * Waits for a step that gives no progress of its own, showing the seconds on a terminal, so a long
 * verification does not look like a hang.
 */
const ticking = async <A>(label: string, work: Promise<A>): Promise<A> => {
  if (!process.stdout.isTTY) return work;
  const started = Date.now();
  const timer = setInterval(() => {
    process.stdout.write(`\r  ${label} … ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 100);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    process.stdout.write('\r\x1b[2K');
  }
};

/** Seals the log, verifies all of it, and proves one event with the public key alone. */
export const sealAndVerify = async (client: AdalClient, proveReport: string): Promise<void> => {
  const before = await latestSeal(client);
  const sealed = await ticking('sealing', client.audit.seal()());
  if (sealed._tag === 'Left') return fail('the seal', sealed.left);
  const seal = sealed.right;
  note(
    `✓ seal #${seal.sequence} over ${count(seal.treeSize)} events, root ${seal.rootHash.slice(0, 16)}…, signed with key ${seal.keyId}`,
  );
  note(
    before === undefined
      ? '  the first seal of this log'
      : `  it extends seal #${before.sequence} (${count(before.treeSize)} events): the earlier tree is a prefix of this one`,
  );

  const started = Date.now();
  const verified = await ticking('verifying', client.audit.verify()());
  if (verified._tag === 'Left') return fail('verify', verified.left);
  const report = verified.right;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  note(
    report.ok
      ? `✓ verified in ${seconds} s: ${count(report.events)} events in ${count(report.streams)} streams, ${report.seals} seals — every hash, chain and signature holds`
      : `✗ verify found a problem: ${report.problem?.message ?? '?'}`,
  );

  // Prove the anonymous report's submission: the proof carries the event, its Merkle path and the seal,
  // and checks with the public key alone — no database needed.
  let eventId: string | undefined;
  for await (const event of streamEvents(client.store, proveReport, { max: 1 })) {
    eventId = event.id;
    break;
  }
  const publicKey = client.audit.publicKey;
  if (eventId === undefined || publicKey === undefined) return;
  const proof = await client.audit.prove(eventId)();
  if (proof._tag === 'Left') return fail('the proof', proof.left);
  const checked = verifyProof(proof.right, publicKey);
  note(
    checked._tag === 'Right'
      ? `✓ the anonymous report's submission is proved by ${proof.right.path.length} hashes and seal #${proof.right.seal.sequence}, checked with the public key alone`
      : `✗ the proof does not check: ${checked.left.message}`,
  );
};
