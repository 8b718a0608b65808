import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  EventToAppend,
  JsonValue,
  RecordedEvent,
  SnapshotStore,
  StoreError,
  StoreLimits,
} from '@adal/core';
import { allEvents } from '@adal/core';
import type * as E from 'fp-ts/lib/Either.js';

/**
 * A store made for one contract case. `teardown` releases it (drops its schema, closes its pool).
 *
 * @category contract
 * @since 0.1.0
 */
export interface ContractStore {
  readonly store: EventStore;
  readonly snapshots?: SnapshotStore;
  readonly teardown?: () => Promise<void>;
}

/**
 * Makes a store for one case, with the limits the case asks for. Cases use their own stream categories, so
 * a factory may hand out one shared store; a fresh one per case isolates failures better.
 *
 * @category contract
 * @since 0.1.0
 */
export type ContractStoreFactory = (options: { readonly limits: StoreLimits }) => Promise<ContractStore>;

/** Limits small enough that the oversize cases stay fast on every store. */
export const CONTRACT_LIMITS: StoreLimits = { maxBatchEvents: 100, maxBatchBytes: 64 * 1024 };

/** A fresh category for a case, so cases never read each other's streams. */
export const category = (): string => `c${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export const stream = (cat: string, id: string | number = randomUUID(), region = 'KZ-71'): string =>
  `${cat}-${region}-${id}`;

export const event = (n: number, data: JsonValue = { n }, type = 'Happened'): EventToAppend => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: `corr-${n}` },
});

export const events = (count: number, offset = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => event(offset + i));

export const right = <A>(result: E.Either<StoreError, A>, what: string): A => {
  if (result._tag === 'Left')
    assert.fail(`${what}: expected success, got ${result.left._tag}: ${result.left.message}`);
  return result.right;
};

export const leftTag = <A>(
  result: E.Either<StoreError, A>,
  tag: StoreError['_tag'],
  what: string,
): StoreError => {
  if (result._tag === 'Right') assert.fail(`${what}: expected ${tag}, but it succeeded`);
  assert.equal(
    result.left._tag,
    tag,
    `${what}: expected ${tag}, got ${result.left._tag}: ${result.left.message}`,
  );
  return result.left;
};

/** Every event of `$all` in the given categories, by paged reads. */
export const readAllOf = async (store: EventStore, ...categories: string[]): Promise<RecordedEvent[]> => {
  const found: RecordedEvent[] = [];
  for await (const e of allEvents(store, {
    filter: { streamPrefixes: categories.map((c) => `${c}-`) },
    max: 1000,
  })) {
    found.push(e);
  }
  return found;
};

/** Every event of one stream, forwards; empty when it does not exist. */
export const readStreamAll = async (store: EventStore, name: string): Promise<RecordedEvent[]> => {
  const found: RecordedEvent[] = [];
  let from: bigint | undefined = 0n;
  while (from !== undefined) {
    const page = await store.readStream(name, { from, max: 1000 })();
    if (page._tag === 'Left') {
      if (page.left._tag === 'StreamNotFound') return found;
      assert.fail(`reading ${name}: ${page.left.message}`);
    }
    found.push(...page.right.events);
    from = page.right.next;
  }
  return found;
};

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export const eventually = async (check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

export const defined = <A>(value: A | undefined, what: string): A => {
  if (value === undefined) assert.fail(`expected ${what}, found nothing`);
  return value;
};

export { assert };
