import type { JsonValue, Snapshot, SnapshotStore } from '@adal/core';
import { isJsonValue, storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { ProtectionOptions } from './fieldProtection.js';
import { revealRecords, sealRecords } from './fieldProtection.js';

/**
 * Wraps a snapshot store so that snapshot states hold personal data only encrypted, as events do. The
 * fields are declared by snapshot version in `snapshotPersonalData` (an aggregate whose state keeps no
 * personal data — all of Adal's own — declares nothing). Each is encrypted with its subject's key, bound
 * to the stream, the snapshot's version and revision, and the path. On read, a forgotten subject's field
 * reads as `{ $erased: true }` (a state codec that does not accept it makes the command handler skip the
 * snapshot and replay the stream, whose events read as erased too); a field that does not open fails the
 * read with `StoreUnavailable`, which the command handler also answers by replaying the stream.
 *
 * A snapshot whose personal data cannot be sealed (its subject was forgotten) is not written: a snapshot
 * is only an optimisation.
 *
 * @category personal data
 * @since 0.1.0
 */
export const protectSnapshotStore = <S extends SnapshotStore>(store: S, options: ProtectionOptions): S => {
  const spec = options.snapshotPersonalData ?? {};
  const record = (snapshot: Pick<Snapshot, 'version' | 'streamRevision'>) =>
    `${snapshot.version}@${String(snapshot.streamRevision)}`;

  const writeSnapshot: SnapshotStore['writeSnapshot'] = (snapshot) => async () => {
    if (!isJsonValue(snapshot.state)) return store.writeSnapshot(snapshot)();
    const sealed = await sealRecords(options, spec, [
      {
        kind: 'snapshot',
        streamName: snapshot.streamName,
        record: record(snapshot),
        type: snapshot.version,
        data: snapshot.state,
        at: 'state',
      },
    ]);
    if (E.isLeft(sealed)) {
      return E.left(
        sealed.left._tag === 'StoreUnavailable'
          ? sealed.left
          : storeUnavailable(`the snapshot was not written: ${sealed.left.message}`, sealed.left),
      );
    }
    return store.writeSnapshot({ ...snapshot, state: sealed.right.data[0] ?? snapshot.state })();
  };

  const readSnapshot: SnapshotStore['readSnapshot'] = (streamName) => async () => {
    const read = await store.readSnapshot(streamName)();
    if (E.isLeft(read) || O.isNone(read.right)) return read;
    const snapshot = read.right.value;
    const revealed = await revealRecords(options, [
      { kind: 'snapshot', streamName: snapshot.streamName, record: record(snapshot), data: snapshot.state },
    ]);
    return E.map((states: JsonValue[]) => O.some({ ...snapshot, state: states[0] ?? snapshot.state }))(
      revealed,
    );
  };

  return { ...store, readSnapshot, writeSnapshot };
};
