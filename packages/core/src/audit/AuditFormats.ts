import * as t from 'io-ts/lib/index.js';
import type { EventMetadata, RecordedEvent } from '../RecordedEvent.js';
import type { JsonValue } from '../Json.js';
import { strict } from '../strict.js';
import { canonicalJson } from './canonicalJson.js';

/**
 * The `prevHash` of a stream's first event: 32 zero bytes, in hex.
 *
 * @category audit
 * @since 0.1.0
 */
export const GENESIS_HASH = '0'.repeat(64);

const withoutHash = (metadata: EventMetadata): Omit<EventMetadata, 'hash'> => {
  const { hash: _hash, ...rest } = metadata;
  return rest;
};

/**
 * What an event's `hash` covers: everything the writer decided — id, stream, revision, type, schema version,
 * data and metadata (with `prevHash`, without `hash` itself) — as canonical JSON (RFC 8785). The store's own
 * additions (position, time of recording) are covered by the seals instead.
 * `hash = SHA-256(prevHash ‖ eventHashInput(event))`, both as UTF-8.
 *
 * @category audit
 * @since 0.1.0
 */
export const eventHashInput = (event: {
  readonly id: string;
  readonly streamName: string;
  readonly streamRevision: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}): string => {
  // The event's own hash is not part of what it covers (a copy without it only when it is there).
  const metadata = event.metadata.hash === undefined ? event.metadata : withoutHash(event.metadata);
  const fields = {
    id: event.id,
    streamName: event.streamName,
    streamRevision: event.streamRevision.toString(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: metadata as JsonValue,
  };
  // A malformed event (the store refuses it after this) is hashed as before: absent members are left out.
  if (
    fields.data === undefined ||
    fields.id === undefined ||
    fields.type === undefined ||
    fields.streamName === undefined ||
    fields.schemaVersion === undefined
  )
    return canonicalJson(fields as { [key: string]: JsonValue });
  // The same bytes as `canonicalJson(fields)`, with the members written in their sorted order directly: this
  // runs for every event appended.
  return (
    `{"data":${canonicalJson(fields.data)},"id":${canonicalJson(fields.id)},` +
    `"metadata":${canonicalJson(fields.metadata)},"schemaVersion":${canonicalJson(fields.schemaVersion)},` +
    `"streamName":${canonicalJson(fields.streamName)},"streamRevision":${canonicalJson(fields.streamRevision)},` +
    `"type":${canonicalJson(fields.type)}}`
  );
};

/**
 * What a leaf of the sealed Merkle tree covers: the event's hash and what the store added when it recorded
 * it (global position, time), so a changed position or time in a sealed range breaks the seal too.
 * `leaf = SHA-256(0x00 ‖ UTF-8(leafInput(event)))` (RFC 6962 leaf hashing).
 *
 * @category audit
 * @since 0.1.0
 */
export const leafInput = (
  event: Pick<RecordedEvent, 'id' | 'globalPosition' | 'recordedAt' | 'metadata'>,
): string =>
  canonicalJson({
    id: event.id,
    hash: event.metadata.hash ?? '',
    position: event.globalPosition,
    recordedAt: event.recordedAt.toISOString(),
  });

const Hex32 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex');

/**
 * The category of the seals' stream; every seal is an event of the stream `seal-KZ-00-log`.
 *
 * @category audit
 * @since 0.1.0
 */
export const SEAL_STREAM = 'seal-KZ-00-log';

/**
 * A seal: the root of the RFC 6962 Merkle tree over the first `treeSize` events of `$all` (those up to the
 * position `upTo`), signed with the office's Ed25519 key. `frontier` holds the roots of the tree's perfect
 * subtrees, left to right, so the next seal continues from here without re-reading the log. The signature
 * covers the canonical JSON of every other field.
 *
 * @category audit
 * @since 0.1.0
 */
export const SealData = strict(
  {
    sequence: t.number,
    treeSize: t.number,
    upTo: t.string,
    rootHash: Hex32,
    frontier: t.array(t.tuple([t.number, Hex32])),
    sealedAt: t.string,
    keyId: t.string,
    algorithm: t.literal('Ed25519'),
    signature: t.string,
  },
  {},
  'SealData',
);

/**
 * @category audit
 * @since 0.1.0
 */
export type SealData = t.TypeOf<typeof SealData>;

/**
 * The bytes a seal's signature is over: canonical JSON of the seal without its signature.
 *
 * @category audit
 * @since 0.1.0
 */
export const sealSigningInput = (
  seal: Omit<SealData, 'signature'> & { readonly signature?: string },
): string => {
  const { signature: _signature, ...signed } = seal;
  return canonicalJson(signed as unknown as JsonValue);
};

/**
 * An inclusion proof: that the event `event` is leaf `leafIndex` of the tree the seal signed. Anyone holding
 * the office's public key checks it: the event's fields hash to its `hash`, its leaf and the `path`
 * (RFC 6962 audit path, O(log n) hashes) give the seal's root, and the signature over the seal is valid.
 *
 * @category audit
 * @since 0.1.0
 */
export interface InclusionProof {
  readonly event: {
    readonly id: string;
    readonly streamName: string;
    readonly streamRevision: string;
    readonly type: string;
    readonly schemaVersion: number;
    readonly data: JsonValue;
    readonly metadata: EventMetadata;
    readonly globalPosition: string;
    readonly recordedAt: string;
  };
  readonly leafIndex: number;
  readonly path: readonly string[];
  readonly seal: SealData;
}
