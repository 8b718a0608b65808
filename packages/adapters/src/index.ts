/**
 * `@adal/adapters`: the stores behind Adal's ports. Each store has its own entry point, so a portal loads
 * only the driver it uses: `@adal/adapters/memory`, and the contract suite under `@adal/adapters/testing`.
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export { createMemoryEventStore } from './MemoryEventStore.js';
export type { MemoryEventStore, MemoryEventStoreOptions } from './MemoryEventStore.js';
