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
export type { EventStoreDbOptions, ResubscribePolicy } from './eventstoredb/EventStoreDbEventStore.js';
export type {
  EsdbDriver,
  EsdbEventData,
  EsdbExpectedRevision,
  EsdbPosition,
  EsdbRecordedEvent,
  EsdbServerFilter,
  EsdbSubscription,
  EsdbSubscriptionItem,
} from './eventstoredb/driver.js';
export { eventStoreDbClientDriver } from './eventstoredb/driver.js';
export type { EsdbUnavailable, EsdbUnavailableReason } from './eventstoredb/mapping.js';
export { fromEsdbError } from './eventstoredb/mapping.js';
