/**
 * `@adal/adapters/eventstoredb`: the EventStoreDB (KurrentDB) store, on `@eventstore/db-client` (an optional
 * peer dependency, loaded only when {@link connectEventStoreDb} is called: importing this module connects to
 * nothing).
 *
 * @packageDocumentation
 */
export {
  connectEventStoreDb,
  createEventStoreDbEventStore,
  EVENTSTOREDB_DEFAULT_LIMITS,
  resubscribingSubscription,
} from './eventstoredb/EventStoreDbEventStore.js';
export type { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb/EventStoreDbEventStore.js';
export type { ResubscribePolicy } from './eventstoredb/backoff.js';
export { groupSubscription } from './eventstoredb/groupSubscription.js';
export type { ConsumerStrategy, GroupSubscriptionOptions } from './eventstoredb/groupSubscription.js';
export type {
  EsdbConsumerStrategy,
  EsdbDriver,
  EsdbEventData,
  EsdbExpectedRevision,
  EsdbPersistentItem,
  EsdbPersistentSettings,
  EsdbPersistentSubscription,
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbServerFilter,
  EsdbSubscription,
  EsdbSubscriptionItem,
} from './eventstoredb/driver.js';
export { eventStoreDbClientDriver } from './eventstoredb/clientDriver.js';
export type { EsdbClientLibrary } from './eventstoredb/clientDriver.js';
export type { EsdbUnavailable, EsdbUnavailableReason } from './eventstoredb/mapping.js';
export { fromEsdbError } from './eventstoredb/mapping.js';
