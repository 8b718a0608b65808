/**
 * `@adal/adapters/memory`: the in-memory stores: events, snapshots, read models (and in-process leases).
 *
 * @packageDocumentation
 */
export { createMemoryEventStore } from './MemoryEventStore.js';
export { createMemoryReadModelStore } from './MemoryReadModelStore.js';
export type { MemoryEventStore, MemoryEventStoreOptions } from './MemoryEventStore.js';
export { createMemoryKeyStore } from './MemoryKeyStore.js';
export type { MemoryKeyStore } from './MemoryKeyStore.js';
