import * as t from 'io-ts/lib/index.js';
import type { GlobalPosition } from './GlobalPosition.js';
import type { JsonValue } from './Json.js';
import type { StreamRevision } from './ExpectedRevision.js';
import type { StreamName } from './StreamName.js';
import { strict } from './strict.js';

/**
 * Who issued the command that produced an event: a role, the region the actor works for (absent for
 * national roles and citizens), and a pseudonymous id (never a name or an IIN).
 *
 * @category model
 * @since 0.1.0
 */
export const Actor = strict({ role: t.string }, { region: t.string, id: t.string }, 'Actor');

/**
 * @category model
 * @since 0.1.0
 */
export type Actor = t.TypeOf<typeof Actor>;

/**
 * What travels with an event besides its data. Every field is optional for the store; the command handler
 * fills `commandId`, `correlationId`, `causationId`, `actor` and `occurredAt`, and the audit chain fills
 * `prevHash` and `hash`.
 *
 * @category model
 * @since 0.1.0
 */
export const EventMetadata = strict(
  {},
  {
    commandId: t.string,
    correlationId: t.string,
    causationId: t.string,
    actor: Actor,
    occurredAt: t.string,
    prevHash: t.string,
    hash: t.string,
  },
  'EventMetadata',
);

/**
 * @category model
 * @since 0.1.0
 */
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/**
 * An event handed to a store to append: its id (a UUID, UUIDv7 for Adal's own; appending the same id twice
 * is idempotent), type, schema version, data already encoded to JSON by its codec, and metadata.
 *
 * @category model
 * @since 0.1.0
 */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}

/**
 * An event as the store recorded it: {@link EventToAppend} plus where and when it was stored.
 *
 * @category model
 * @since 0.1.0
 */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamName: StreamName;
  readonly streamRevision: StreamRevision;
  readonly globalPosition: GlobalPosition;
  readonly recordedAt: Date;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}
