import type {
  EventStore,
  EventToAppend,
  JsonValue,
  RecordedEvent,
  SnapshotStore,
  StoreError,
} from '@adal/core';
import { isJsonValue, parseStreamName } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { KnownKeys, ProtectionOptions } from './fieldProtection.js';
import { eventSpec, revealRecords, sealRecords } from './fieldProtection.js';
import { PersonalDataReadFailed } from './PersonalDataUnreadable.js';
import { protectSnapshotStore } from './protectSnapshotStore.js';

/**
 * Marks a store whose reads reveal personal data: a state built from them may hold a subject that another
 * process forgets, so the command handler keeps no states of such a store unless told to. (A symbol, so it
 * survives `{ ...store }`.)
 */
const HOLDS_PERSONAL_DATA: unique symbol = Symbol.for('adal.holdsPersonalData');

/** Whether the store's reads reveal personal data (it was wrapped by {@link protectEventStore}). */
export const holdsPersonalData = (store: object): boolean =>
  (store as { [HOLDS_PERSONAL_DATA]?: unknown })[HOLDS_PERSONAL_DATA] === true;

/**
 * Wraps a store so that personal data is encrypted before it reaches the store and decrypted on every read
 * (DESIGN §6):
 *
 * - on append, each personal field (by `personalData`, Adal's `PERSONAL_DATA` by default) is
 *   encrypted with its subject's key — made on first use — using AES-256-GCM, a fresh 12-byte nonce, and
 *   the stream name, event id, field path and subject as associated data;
 * - on `readStream`, `readAll`, `subscribeToAll` and in what an append returns, each encrypted field is
 *   decrypted; a forgotten subject's field reads as `{ $erased: true }`; a field that does not open
 *   (altered, or copied elsewhere) fails the read with `StoreUnavailable` whose `cause` is a
 *   `PersonalDataTampered` — never silently erased. In a subscription, the handler is not called and the
 *   subscription ends `HandlerFailed` with a {@link PersonalDataReadFailed}.
 *
 * The wrapped store is called with the encrypted events, so whatever it does with them — a hash chain over
 * the stored form, replication — sees only ciphertext: wrap the hash-chained store with this, not the
 * other way round. A store that is also a snapshot store gets {@link protectSnapshotStore} too; every other
 * method passes through.
 *
 * @example
 * import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
 * import { protectEventStore } from '@adal/client';
 * const keys = createMemoryKeyStore();
 * const store = protectEventStore(createMemoryEventStore(), { keys });
 *
 * @category personal data
 * @since 0.1.0
 */
export const protectEventStore = <S extends EventStore>(store: S, options: ProtectionOptions): S => {
  const spec = eventSpec(options);

  const reveal = async (
    events: readonly RecordedEvent[],
    known?: KnownKeys,
  ): Promise<E.Either<StoreError, readonly RecordedEvent[]>> => {
    const revealed = await revealRecords(
      options,
      events.map((event) => ({
        kind: 'event' as const,
        streamName: event.streamName,
        record: event.id,
        data: event.data,
      })),
      known,
    );
    return E.map((data: JsonValue[]) =>
      events.map((event, index): RecordedEvent => ({ ...event, data: data[index] ?? event.data })),
    )(revealed);
  };

  const appendToStream: EventStore['appendToStream'] = (streamName, events, appendOptions) => async () => {
    // Input the store will refuse anyway is passed on untouched, so it is refused exactly as the store
    // refuses it, and no key is made for it.
    const name = parseStreamName(streamName);
    if (E.isLeft(name) || !Array.isArray(events)) {
      return store.appendToStream(streamName, events, appendOptions)();
    }
    const sealable = (events as readonly unknown[]).map(isSealable);
    const sealed = await sealRecords(
      options,
      spec,
      events.flatMap((event, index) =>
        sealable[index] === true
          ? [
              {
                kind: 'event' as const,
                streamName,
                record: event.id,
                type: event.type,
                data: event.data,
                at: `events.${index}.data`,
              },
            ]
          : [],
      ),
    );
    if (E.isLeft(sealed)) return sealed;
    let next = 0;
    const toAppend = events.map((event, index): EventToAppend => {
      if (sealable[index] !== true) return event;
      const data = sealed.right.data[next++] ?? event.data;
      return { ...event, data };
    });
    const appended = await store.appendToStream(streamName, toAppend, appendOptions)();
    if (E.isLeft(appended)) return appended;
    const revealed = await reveal(appended.right.events, sealed.right.keys);
    return E.map((recorded: readonly RecordedEvent[]) => ({ ...appended.right, events: recorded }))(revealed);
  };

  const readStream: EventStore['readStream'] = (streamName, readOptions) => async () => {
    const page = await store.readStream(streamName, readOptions)();
    if (E.isLeft(page)) return page;
    const events = await reveal(page.right.events);
    return E.map((revealed: readonly RecordedEvent[]) => ({ ...page.right, events: revealed }))(events);
  };

  const readAll: EventStore['readAll'] = (readOptions) => async () => {
    const page = await store.readAll(readOptions)();
    if (E.isLeft(page)) return page;
    const events = await reveal(page.right.events);
    return E.map((revealed: readonly RecordedEvent[]) => ({ ...page.right, events: revealed }))(events);
  };

  const subscribeToAll: EventStore['subscribeToAll'] = (subscribeOptions, handler) =>
    store.subscribeToAll(subscribeOptions, async (event) => {
      const revealed = await reveal([event]);
      if (E.isLeft(revealed)) {
        // Thrown, not swallowed: the subscription ends, and resuming from the checkpoint meets it again.
        throw new PersonalDataReadFailed(
          revealed.left._tag === 'StoreUnavailable'
            ? revealed.left
            : { _tag: 'StoreUnavailable', message: revealed.left.message, cause: revealed.left },
        );
      }
      await handler(revealed.right[0] ?? event);
    });

  const protectedEvents: S = {
    ...store,
    appendToStream,
    readStream,
    readAll,
    subscribeToAll,
    [HOLDS_PERSONAL_DATA]: true,
  };
  return isSnapshotStore(protectedEvents) ? protectSnapshotStore(protectedEvents, options) : protectedEvents;
};

/** An event the protection can read: a type and JSON data (anything else is the store's to refuse). */
const isSealable = (event: unknown): event is EventToAppend =>
  typeof event === 'object' &&
  event !== null &&
  typeof (event as { type?: unknown }).type === 'string' &&
  typeof (event as { id?: unknown }).id === 'string' &&
  isJsonValue((event as { data?: unknown }).data);

const isSnapshotStore = <S extends object>(store: S): store is S & SnapshotStore =>
  typeof (store as Partial<SnapshotStore>).readSnapshot === 'function' &&
  typeof (store as Partial<SnapshotStore>).writeSnapshot === 'function';
