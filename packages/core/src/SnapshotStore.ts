import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Option } from 'fp-ts/lib/Option.js';
import type { StreamRevision } from './ExpectedRevision.js';
import type { JsonValue } from './Json.js';
import type { StoreUnavailable } from './StoreError.js';

/**
 * A stored state of one stream as of `streamRevision`, written by the snapshot policy of `version`.
 *
 * @category port
 * @since 0.1.0
 */
export interface Snapshot {
  readonly streamName: string;
  readonly streamRevision: StreamRevision;
  readonly version: string;
  readonly state: JsonValue;
}

/**
 * The snapshot-store port. A snapshot is only an optimisation: losing one costs a longer read, never a
 * wrong state, so writes replace older snapshots and a failed write is not an error of the command.
 *
 * @category port
 * @since 0.1.0
 */
export interface SnapshotStore {
  readonly readSnapshot: (streamName: string) => TE.TaskEither<StoreUnavailable, Option<Snapshot>>;
  readonly writeSnapshot: (snapshot: Snapshot) => TE.TaskEither<StoreUnavailable, void>;
}
