import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { EventStore, GlobalPosition, InclusionProof, RecordedEvent, StoreError } from '@adal/core';
import {
  allEvents,
  GENESIS_HASH,
  leafInput,
  SEAL_STREAM,
  SealData,
  sealSigningInput,
  StoreReadFailed,
  streamEvents,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createUuidV7 } from '../uuidv7.js';
import { eventHash } from './hashChain.js';
import type { Frontier } from './merkle.js';
import { appendLeaf, auditPath, frontierSize, leafHash, rootOf, verifyInclusion } from './merkle.js';

/** The type of a seal's event. @category audit @since 0.1.0 */
export const LOG_SEALED = 'LogSealed';

/**
 * A key as node:crypto takes it: a `KeyObject`, or PEM text.
 *
 * @category audit
 * @since 0.1.0
 */
export type KeyInput = KeyObject | string;

const privateKeyOf = (key: KeyInput): KeyObject => (typeof key === 'string' ? createPrivateKey(key) : key);
const publicKeyOf = (key: KeyInput): KeyObject =>
  typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;

/**
 * A key id derived from the public key: the first 16 hex digits of SHA-256 over its DER (SPKI) form.
 *
 * @category audit
 * @since 0.1.0
 */
export const keyIdOf = (key: KeyInput): string =>
  createHash('sha256')
    .update(publicKeyOf(key).export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/**
 * What went wrong with a seal, a proof or the log, and where: the first bad event in `$all` order.
 *
 * @category audit
 * @since 0.1.0
 */
export interface AuditProblem {
  readonly _tag: 'AuditProblem';
  readonly kind:
    | 'MissingHash'
    | 'HashMismatch'
    | 'BrokenChain'
    | 'RevisionGap'
    | 'SealMismatch'
    | 'SealMissingEvents'
    | 'BadSeal'
    | 'SealRemoved'
    | 'BadSignature'
    | 'UnknownKey';
  readonly eventId?: string;
  readonly streamName?: string;
  readonly position?: string;
  readonly message: string;
}

const problem = (
  kind: AuditProblem['kind'],
  message: string,
  event?: Pick<RecordedEvent, 'id' | 'streamName' | 'globalPosition'>,
): AuditProblem => ({
  _tag: 'AuditProblem',
  kind,
  message,
  ...(event === undefined
    ? {}
    : { eventId: event.id, streamName: event.streamName, position: event.globalPosition }),
});

/** Reads the seals in order, decoded. */
const readSeals = async (
  store: Pick<EventStore, 'readStream'>,
): Promise<E.Either<StoreError | AuditProblem, { seal: SealData; event: RecordedEvent }[]>> => {
  const seals: { seal: SealData; event: RecordedEvent }[] = [];
  try {
    for await (const event of streamEvents(store, SEAL_STREAM)) {
      const decoded = SealData.decode(event.data);
      if (event.type !== LOG_SEALED || E.isLeft(decoded)) {
        return E.left(problem('BadSeal', `the seal stream holds an event that is not a seal`, event));
      }
      seals.push({ seal: decoded.right, event });
    }
  } catch (error) {
    if (error instanceof StoreReadFailed) return E.left(error.error);
    throw error;
  }
  return E.right(seals);
};

/**
 * Seals the log: extends the Merkle tree of the previous seal with every event of `$all` stored since, signs
 * the new root with the office's Ed25519 key and appends the seal as an event of `seal-KZ-00-log` (through
 * `store`, which should chain it). Nothing new since the last seal (but that seal's own event): returns that
 * seal, appending nothing. Run it on a schedule: events after the last seal are protected by their streams'
 * chains only.
 *
 * @category audit
 * @since 0.1.0
 */
export const sealLog =
  (
    store: Pick<EventStore, 'readStream' | 'readAll' | 'appendToStream'>,
    options: { readonly signingKey: KeyInput; readonly keyId?: string; readonly clock?: () => Date },
  ): TE.TaskEither<StoreError | AuditProblem, SealData> =>
  async () => {
    const seals = await readSeals(store);
    if (E.isLeft(seals)) return seals;
    const previous = seals.right[seals.right.length - 1];
    let frontier: Frontier = previous?.seal.frontier ?? [];
    let upTo = previous?.seal.upTo;
    let treeSize = previous?.seal.treeSize ?? 0;
    // Events other than seals since the last seal: a seal only for its predecessor would never end.
    let news = 0;
    try {
      for await (const event of allEvents(
        store,
        upTo === undefined ? {} : { after: upTo as GlobalPosition },
      )) {
        frontier = appendLeaf(frontier, leafHash(leafInput(event)));
        treeSize += 1;
        upTo = event.globalPosition;
        if (event.streamName !== SEAL_STREAM) news += 1;
      }
    } catch (error) {
      if (error instanceof StoreReadFailed) return E.left(error.error);
      throw error;
    }
    if (previous !== undefined && news === 0) return E.right(previous.seal);
    const key = privateKeyOf(options.signingKey);
    const unsigned: Omit<SealData, 'signature'> = {
      sequence: (previous?.seal.sequence ?? 0) + 1,
      treeSize,
      upTo: upTo ?? '',
      rootHash: rootOf(frontier),
      frontier: frontier.map(([size, hash]) => [size, hash] as [number, string]),
      sealedAt: (options.clock ?? (() => new Date()))().toISOString(),
      keyId: options.keyId ?? keyIdOf(key),
      algorithm: 'Ed25519',
    };
    const seal: SealData = {
      ...unsigned,
      signature: sign(null, Buffer.from(sealSigningInput(unsigned)), key).toString('base64'),
    };
    const appended = await store.appendToStream(
      SEAL_STREAM,
      [
        {
          id: createUuidV7(() => Date.now())(),
          type: LOG_SEALED,
          schemaVersion: 1,
          data: SealData.encode(seal) as never,
          metadata: { occurredAt: seal.sealedAt },
        },
      ],
      { expectedRevision: previous === undefined ? 'no_stream' : previous.event.streamRevision },
    )();
    return E.isLeft(appended) ? appended : E.right(seal);
  };

/** Whether a seal's signature is valid under the key named by its `keyId`. */
const checkSignature = (
  seal: SealData,
  publicKeys: Readonly<Record<string, KeyInput>>,
  event?: RecordedEvent,
): AuditProblem | undefined => {
  const key = Object.hasOwn(publicKeys, seal.keyId) ? publicKeys[seal.keyId] : undefined;
  if (key === undefined) {
    return problem(
      'UnknownKey',
      `seal ${seal.sequence} is signed by key ${seal.keyId}, which is not among the keys given`,
      event,
    );
  }
  const valid = verify(
    null,
    Buffer.from(sealSigningInput(seal)),
    publicKeyOf(key),
    Buffer.from(seal.signature, 'base64'),
  );
  return valid
    ? undefined
    : problem('BadSignature', `seal ${seal.sequence} does not verify under key ${seal.keyId}`, event);
};

/**
 * A seal as the office published it outside the database (its number, size and root).
 *
 * @category audit
 * @since 0.1.0
 */
export interface TrustedSeal {
  readonly sequence: number;
  readonly treeSize: number;
  readonly rootHash: string;
}

/**
 * What {@link verifyLog} found.
 *
 * @category audit
 * @since 0.1.0
 */
export interface VerifyReport {
  readonly ok: boolean;
  /** The first problem in `$all` order, when not ok. */
  readonly problem?: AuditProblem;
  readonly events: number;
  readonly streams: number;
  readonly seals: number;
  /** Events covered by the last seal; the ones after it are protected by their streams' chains only. */
  readonly sealedEvents: number;
}

/**
 * Verifies the whole log: every event's hash against its content, every stream's chain (revisions without
 * gaps, each `prevHash` the hash before it), every seal's signature, and the Merkle root of every sealed
 * prefix of `$all` — so a changed, removed, inserted or moved event is found. Streams the log once (memory
 * holds one hash per stream and O(log n) for the tree).
 *
 * @category audit
 * @since 0.1.0
 */
export const verifyLog =
  (
    store: Pick<EventStore, 'readStream' | 'readAll'>,
    options: {
      readonly publicKeys: Readonly<Record<string, KeyInput>>;
      /**
       * Seals known from outside the database — the roots the office published. Each must be in the log as
       * it was published; without them, someone who can write to the database can drop the newest seals and
       * rewrite what they covered.
       */
      readonly trusted?: readonly TrustedSeal[];
    },
  ): TE.TaskEither<StoreError, VerifyReport> =>
  async () => {
    let events = 0;
    const heads = new Map<string, { revision: bigint; hash: string }>();
    const report = (found: AuditProblem | undefined, seals: number, sealedEvents: number): VerifyReport => ({
      ok: found === undefined,
      ...(found === undefined ? {} : { problem: found }),
      events,
      streams: heads.size,
      seals,
      sealedEvents,
    });
    const listed = await readSeals(store);
    if (E.isLeft(listed)) {
      return listed.left._tag === 'AuditProblem' ? E.right(report(listed.left, 0, 0)) : E.left(listed.left);
    }
    const seals = listed.right;
    for (const [n, { seal, event }] of seals.entries()) {
      const bad = checkSignature(seal, options.publicKeys, event);
      if (bad !== undefined) return E.right(report(bad, seals.length, 0));
      if (seal.sequence !== n + 1) {
        return E.right(
          report(
            problem(
              'SealRemoved',
              `seal ${seal.sequence} is number ${n + 1} in the log: seals before it were removed`,
              event,
            ),
            seals.length,
            0,
          ),
        );
      }
    }
    for (const known of options.trusted ?? []) {
      const found = seals[known.sequence - 1]?.seal;
      if (found === undefined) {
        return E.right(
          report(
            problem(
              'SealRemoved',
              `the published seal ${known.sequence} is not in the log: seals were removed (and what they covered may have been rewritten)`,
            ),
            seals.length,
            0,
          ),
        );
      }
      if (found.rootHash !== known.rootHash || found.treeSize !== known.treeSize) {
        return E.right(
          report(
            problem(
              'SealMismatch',
              `seal ${known.sequence} in the log is not the one published (root ${known.rootHash.slice(0, 12)}…, ${known.treeSize} events): the seals were rewritten`,
            ),
            seals.length,
            0,
          ),
        );
      }
    }
    const bySize = new Map(seals.map(({ seal }) => [seal.treeSize, seal]));
    let frontier: Frontier = [];
    let sealedEvents = 0;
    try {
      for await (const event of allEvents(store)) {
        events += 1;
        const found = checkEvent(event, heads);
        if (found !== undefined) return E.right(report(found, seals.length, sealedEvents));
        frontier = appendLeaf(frontier, leafHash(leafInput(event)));
        const seal = bySize.get(events);
        if (seal !== undefined) {
          if (seal.rootHash !== rootOf(frontier) || seal.upTo !== event.globalPosition) {
            return E.right(
              report(
                problem(
                  'SealMismatch',
                  `the first ${seal.treeSize} events of $all do not give the root signed by seal ${seal.sequence}: an event up to here was changed, removed, inserted or moved (the first event after seal ${seal.sequence - 1} that differs cannot be told from the root alone)`,
                  event,
                ),
                seals.length,
                sealedEvents,
              ),
            );
          }
          sealedEvents = seal.treeSize;
        }
      }
    } catch (error) {
      if (error instanceof StoreReadFailed) return E.left(error.error);
      throw error;
    }
    const last = seals[seals.length - 1]?.seal;
    if (last !== undefined && last.treeSize > events) {
      return E.right(
        report(
          problem(
            'SealMissingEvents',
            `seal ${last.sequence} covers ${last.treeSize} events but the log holds ${events}: sealed events were removed`,
          ),
          seals.length,
          sealedEvents,
        ),
      );
    }
    return E.right(report(undefined, seals.length, sealedEvents));
  };

/** Checks one event's hash and its place in its stream's chain, updating the chain heads. */
const checkEvent = (
  event: RecordedEvent,
  heads: Map<string, { revision: bigint; hash: string }>,
): AuditProblem | undefined => {
  const { hash, prevHash } = event.metadata;
  if (hash === undefined || prevHash === undefined) {
    return problem(
      'MissingHash',
      `event ${event.id} carries no hash: it was not appended through the chain`,
      event,
    );
  }
  if (eventHash(event) !== hash) {
    return problem(
      'HashMismatch',
      `event ${event.id} does not hash to its stored hash: its content was changed`,
      event,
    );
  }
  const head = heads.get(event.streamName) ?? { revision: -1n, hash: GENESIS_HASH };
  if (event.streamRevision !== head.revision + 1n) {
    return problem(
      'RevisionGap',
      `event ${event.id} is revision ${event.streamRevision} of ${event.streamName}, after revision ${head.revision}: events were removed, inserted or moved`,
      event,
    );
  }
  if (prevHash !== head.hash) {
    return problem(
      'BrokenChain',
      `event ${event.id} does not follow the hash of the event before it in ${event.streamName}`,
      event,
    );
  }
  heads.set(event.streamName, { revision: event.streamRevision, hash });
  return undefined;
};

/**
 * Builds the inclusion proof of one event under the latest seal: the event as stored, its leaf's index and
 * its audit path (O(log n) hashes). Fails with `NotSealed` when the event is not covered by a seal yet.
 *
 * @category audit
 * @since 0.1.0
 */
export const proveEvent =
  (
    store: Pick<EventStore, 'readStream' | 'readAll'>,
    eventId: string,
  ): TE.TaskEither<
    StoreError | AuditProblem | { readonly _tag: 'NotSealed'; readonly message: string },
    InclusionProof
  > =>
  async () => {
    const listed = await readSeals(store);
    if (E.isLeft(listed)) return listed;
    const last = listed.right[listed.right.length - 1]?.seal;
    if (last === undefined)
      return E.left({ _tag: 'NotSealed', message: 'the log has no seal yet: run the sealing job' });
    const leaves: string[] = [];
    let found: { index: number; event: RecordedEvent } | undefined;
    try {
      for await (const event of allEvents(store)) {
        if (leaves.length >= last.treeSize) break;
        if (event.id === eventId) found = { index: leaves.length, event };
        leaves.push(leafHash(leafInput(event)));
      }
    } catch (error) {
      if (error instanceof StoreReadFailed) return E.left(error.error);
      throw error;
    }
    if (found === undefined) {
      return E.left({
        _tag: 'NotSealed',
        message: `event ${eventId} is not among the ${last.treeSize} events of the latest seal`,
      });
    }
    const { event } = found;
    return E.right({
      event: {
        id: event.id,
        streamName: event.streamName,
        streamRevision: event.streamRevision.toString(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        globalPosition: event.globalPosition,
        recordedAt: event.recordedAt.toISOString(),
      },
      leafIndex: found.index,
      path: auditPath(leaves, found.index),
      seal: last,
    });
  };

/**
 * Checks an inclusion proof with the office's public key alone: the event's content gives its hash, its leaf
 * and the path give the seal's root, and the seal's signature is valid. `Left` names what failed.
 *
 * @example
 * import { verifyProof } from '@adal/client';
 * // verifyProof(proof, officePublicKeyPem) // Right(true) for a genuine proof
 *
 * @category audit
 * @since 0.1.0
 */
export const verifyProof = (proof: InclusionProof, publicKey: KeyInput): E.Either<AuditProblem, true> => {
  const decoded = SealData.decode(proof.seal);
  if (E.isLeft(decoded)) return E.left(problem('BadSeal', 'the proof carries a malformed seal'));
  const seal = decoded.right;
  const { event } = proof;
  const recorded = {
    id: event.id,
    streamName: event.streamName,
    globalPosition: event.globalPosition,
  } as Pick<RecordedEvent, 'id' | 'streamName' | 'globalPosition'>;
  // One spelling only for each value, so what a proof shows is exactly what was stored.
  if (!proof.path.every((hash) => /^[0-9a-f]{64}$/.test(hash))) {
    return E.left(
      problem('SealMismatch', 'the proof’s path holds something other than SHA-256 hashes', recorded),
    );
  }
  if (!/^(0|[1-9]\d*)$/.test(event.streamRevision))
    return E.left(problem('HashMismatch', 'the proof has a malformed revision', recorded));
  const hash = eventHash({ ...event, streamRevision: BigInt(event.streamRevision) });
  if (event.metadata.hash !== hash) {
    return E.left(
      problem('HashMismatch', `the event in the proof does not hash to its hash: it was changed`, recorded),
    );
  }
  const recordedAt = new Date(event.recordedAt);
  if (Number.isNaN(recordedAt.getTime()) || recordedAt.toISOString() !== event.recordedAt)
    return E.left(problem('HashMismatch', 'the proof has a malformed time', recorded));
  const leaf = leafHash(
    leafInput({
      id: event.id,
      metadata: event.metadata,
      globalPosition: event.globalPosition as GlobalPosition,
      recordedAt,
    }),
  );
  if (!verifyInclusion(leaf, proof.leafIndex, seal.treeSize, proof.path, seal.rootHash)) {
    return E.left(
      problem('SealMismatch', 'the path does not lead from the event to the sealed root', recorded),
    );
  }
  if (frontierSize(seal.frontier) !== seal.treeSize || rootOf(seal.frontier) !== seal.rootHash) {
    return E.left(problem('BadSeal', 'the seal is inconsistent: its frontier does not give its root'));
  }
  const bad = checkSignature(seal, { [seal.keyId]: publicKey });
  return bad === undefined ? E.right(true) : E.left(bad);
};
