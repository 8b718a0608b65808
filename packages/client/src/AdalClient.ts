import type { EventStore, SnapshotStore } from '@adal/core';
import type { HandleCommand } from './handleCommand.js';
import { createCommandHandler } from './handleCommand.js';
import type { IdGenerator } from './uuidv7.js';
import { createUuidV7 } from './uuidv7.js';

/**
 * What a portal gives the client: a store (any adapter of `@adal/adapters`), optionally a snapshot store,
 * and — for tests — a clock and an id generator.
 *
 * @category client
 * @since 0.1.0
 */
export interface AdalClientOptions {
  readonly store: EventStore;
  readonly snapshots?: SnapshotStore;
  readonly clock?: () => Date;
  readonly newId?: IdGenerator;
  /** Tries after a concurrency conflict; 5 by default. */
  readonly maxRetries?: number;
}

/**
 * The client a portal calls.
 *
 * @category client
 * @since 0.1.0
 */
export interface AdalClient {
  /** Validates, decides and appends one command; see {@link createCommandHandler}. */
  readonly handleCommand: HandleCommand;
  /** The store the client writes to. */
  readonly store: EventStore;
  /** Closes the store. */
  readonly close: () => Promise<void>;
}

/**
 * Creates a client over a store.
 *
 * @example
 * import { createAdalClient } from '@adal/client';
 * import { createMemoryEventStore } from '@adal/adapters/memory';
 * const store = createMemoryEventStore();
 * const client = createAdalClient({ store, snapshots: store });
 * // const result = await client.handleCommand(CitizenReport, 'report-KZ-71-…', { type: 'SubmitReport', … })();
 *
 * @category client
 * @since 0.1.0
 */
export const createAdalClient = (options: AdalClientOptions): AdalClient => {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? createUuidV7(() => clock().getTime());
  const handleCommand = createCommandHandler({
    store: options.store,
    clock,
    newId,
    ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  return { handleCommand, store: options.store, close: () => options.store.close() };
};
