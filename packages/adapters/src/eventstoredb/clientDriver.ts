import type {
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbServerFilter,
  EsdbDriver,
  EsdbPersistentItem,
} from './driver.js';
import type { SubscriptionSource } from './subscriptionQueue.js';
import { queued, queuedItems } from './subscriptionQueue.js';

/**
 * Which client library talks to the server: `@eventstore/db-client` (`'eventstoredb'`, the default) or its
 * successor `@kurrent/kurrentdb-client` (`'kurrentdb'`). Both are optional peer dependencies; install the one
 * you choose.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export type EsdbClientLibrary = 'eventstoredb' | 'kurrentdb';

/**
 * The driver over `@eventstore/db-client` (or `@kurrent/kurrentdb-client`), loaded with a dynamic `import()`
 * so the package stays an optional peer: nothing connects, and nothing is loaded, until this is called.
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export const eventStoreDbClientDriver = async (
  connectionString: string,
  library: EsdbClientLibrary = 'eventstoredb',
): Promise<EsdbDriver> => {
  if (library === 'kurrentdb') {
    // The same API under new names; appends take `streamState` where the older client takes `expectedRevision`.
    const lib = (await import('@kurrent/kurrentdb-client')) as unknown as EsdbLibrary & {
      readonly KurrentDBClient: EsdbLibrary['EventStoreDBClient'];
    };
    return clientDriver(lib, lib.KurrentDBClient.connectionString(connectionString), 'streamState');
  }
  const lib = await import('@eventstore/db-client');
  return clientDriver(lib, lib.EventStoreDBClient.connectionString(connectionString), 'expectedRevision');
};

type EsdbLibrary = typeof import('@eventstore/db-client');
type EsdbClient = InstanceType<EsdbLibrary['EventStoreDBClient']>;

const clientDriver = (
  lib: EsdbLibrary,
  client: EsdbClient,
  revisionOption: 'expectedRevision' | 'streamState',
): EsdbDriver => {
  // The server filters on one thing: stream names or event types, by prefixes or by a regex.
  const libFilter = (filter: EsdbServerFilter) => {
    const base =
      filter.regex === undefined && filter.prefixes !== undefined
        ? { prefixes: [...filter.prefixes] }
        : { regex: filter.regex ?? '' };
    return filter.filterOn === 'streamName'
      ? lib.streamNameFilter(base as never)
      : lib.eventTypeFilter(base as never);
  };
  const toRecorded = (resolved: {
    readonly event?: {
      readonly streamId: string;
      readonly id: string;
      readonly type: string;
      readonly revision: bigint;
      readonly data: unknown;
      readonly metadata?: unknown;
      readonly created: Date;
      readonly position?: EsdbPosition;
    };
  }): EsdbRecordedEvent | undefined =>
    resolved.event === undefined
      ? undefined
      : {
          streamId: resolved.event.streamId,
          id: resolved.event.id,
          type: resolved.event.type,
          revision: resolved.event.revision,
          data: resolved.event.data,
          metadata: resolved.event.metadata,
          created: resolved.event.created,
          ...(resolved.event.position === undefined ? {} : { position: resolved.event.position }),
        };
  return {
    append: async (streamName, events, expectedRevision) => {
      const result = await client.appendToStream(
        streamName,
        events.map((e) =>
          lib.jsonEvent({
            id: e.id,
            type: e.type,
            data: e.data as never,
            metadata: e.metadata as never,
          }),
        ),
        { [revisionOption]: expectedRevision },
      );
      return result.position === undefined
        ? { nextExpectedRevision: result.nextExpectedRevision }
        : { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    },
    readStream: async function* (streamName, options) {
      for await (const resolved of client.readStream(streamName, {
        fromRevision: options.fromRevision,
        direction: options.direction,
        maxCount: options.maxCount,
      })) {
        const event = toRecorded(resolved);
        if (event !== undefined) yield event;
      }
    },
    readAll: async function* (options) {
      for await (const resolved of client.readAll({
        fromPosition: options.fromPosition,
        direction: 'forwards',
        maxCount: options.maxCount,
      })) {
        const event = toRecorded(resolved);
        if (event !== undefined) yield event;
      }
    },
    subscribeToAll: (options) => {
      const subscription = client.subscribeToAll({
        fromPosition: options.fromPosition,
        filter: libFilter(options.filter),
      });
      return {
        unsubscribe: () => subscription.unsubscribe(),
        [Symbol.asyncIterator]: () =>
          queuedItems(subscription as unknown as SubscriptionSource, toRecorded)[Symbol.asyncIterator](),
      };
    },
    createPersistentSubscriptionToAll: (group, settings) =>
      client.createPersistentSubscriptionToAll(
        group,
        lib.persistentSubscriptionToAllSettingsFromDefaults({
          startFrom: settings.startFrom,
          consumerStrategyName: settings.consumerStrategy,
          maxRetryCount: settings.maxRetryCount,
          messageTimeout: settings.messageTimeoutMs,
        }),
        { filter: libFilter(settings.filter) },
      ),
    subscribeToPersistentSubscriptionToAll: (group, options) => {
      const subscription = client.subscribeToPersistentSubscriptionToAll(group, {
        bufferSize: options.bufferSize,
      });
      type Resolved = Parameters<typeof subscription.ack>[0] & { readonly retryCount?: number };
      const toItem = (resolved: Resolved): EsdbPersistentItem => ({
        event: toRecorded(resolved as Parameters<typeof toRecorded>[0]),
        retryCount: resolved.retryCount ?? 0,
        ack: () => subscription.ack(resolved),
        nack: (action, reason) => subscription.nack(action, reason, resolved),
      });
      return {
        unsubscribe: () => subscription.unsubscribe(),
        [Symbol.asyncIterator]: () =>
          queued<EsdbPersistentItem, Resolved>(subscription as unknown as SubscriptionSource, toItem)[
            Symbol.asyncIterator
          ](),
      };
    },
    close: () => client.dispose(),
  };
};
