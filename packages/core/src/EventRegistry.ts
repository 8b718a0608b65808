import * as E from 'fp-ts/lib/Either.js';
import type { EventOf, EventType } from './EventType.js';
import type { JsonValue } from './Json.js';
import type { ValidationError } from './ValidationError.js';
import { validationError } from './ValidationError.js';

/**
 * An event in its stored form, before or after the store: type, schema version and JSON data.
 *
 * @category events
 * @since 0.1.0
 */
export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
}

/**
 * The events one aggregate (or projection) knows, by type name: encodes its events for the store, and decodes
 * and upcasts what the store gives back.
 *
 * @category events
 * @since 0.1.0
 */
export interface EventRegistry<Ev extends { readonly type: string; readonly data: unknown }> {
  readonly types: ReadonlyMap<string, EventType<string, unknown>>;
  /** Whether the registry knows the type name. */
  has(type: string): boolean;
  /** Encodes an event at its type's current schema version. */
  encode(event: Ev): EncodedEvent;
  /** Decodes a stored event of a known type and any known version, refusing unknown types and bad data. */
  decode(event: {
    readonly type: string;
    readonly schemaVersion: number;
    readonly data: unknown;
  }): E.Either<ValidationError, Ev>;
}

/**
 * Builds a registry from event types. Two types with one name are a programming error and throw at start-up.
 *
 * @example
 * import * as t from 'io-ts';
 * import { eventRegistry, eventType, strict } from '@adal/core';
 * const Opened = eventType('Opened', strict({ at: t.string }));
 * const Closed = eventType('Closed', strict({ at: t.string }));
 * const events = eventRegistry(Opened, Closed);
 * events.encode(Opened.make({ at: '2026-11-28' })); // { type: 'Opened', schemaVersion: 1, data: { at: ... } }
 *
 * @category events
 * @since 0.1.0
 */
export const eventRegistry = <const Types extends readonly EventType<string, unknown>[]>(
  ...types: Types
): EventRegistry<EventOf<Types[number]>> => {
  type Ev = EventOf<Types[number]>;
  const byType = new Map<string, EventType<string, unknown>>();
  for (const type of types) {
    if (byType.has(type.type)) throw new Error(`event type ${type.type} is registered twice`);
    byType.set(type.type, type);
  }
  return {
    types: byType,
    has: (type) => byType.has(type),
    encode: (event) => {
      const type = byType.get(event.type);
      // The event's type is one of the registry's by its static type; a foreign one is a programming error.
      if (type === undefined) throw new Error(`event type ${event.type} is not registered`);
      return { type: event.type, schemaVersion: type.schemaVersion, data: type.encodeData(event.data) };
    },
    decode: (event) => {
      const type = byType.get(event.type);
      if (type === undefined) {
        return E.left(
          validationError([{ path: 'type', message: `unknown event type ${JSON.stringify(event.type)}` }]),
        );
      }
      const data = type.decodeData(event.schemaVersion, event.data);
      return data._tag === 'Right' ? E.right({ type: event.type, data: data.right } as Ev) : data;
    },
  };
};
