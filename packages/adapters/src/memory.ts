/**
 * `@adal/adapters/memory`: the in-memory event store and snapshot store.
 *
 * @packageDocumentation
 */
export { createMemoryEventStore } from './MemoryEventStore.js';
export type { MemoryEventStore, MemoryEventStoreOptions } from './MemoryEventStore.js';
