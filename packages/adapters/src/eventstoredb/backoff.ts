import type { StoreError, SubscriptionEnd } from '@adal/core';
import { storeUnavailable } from '@adal/core';
import { isTransient } from './mapping.js';

/**
 * How a dropped subscription comes back: after `initialDelayMs`, doubling up to `maxDelayMs`, at most
 * `maxAttempts` times in a row (without limit by default).
 *
 * @category eventstoredb
 * @since 0.1.0
 */
export interface ResubscribePolicy {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxAttempts?: number;
}

/** The pauses between tries of a {@link ResubscribePolicy}, each one cut short by `cancel` (on stop). */
export interface Backoff {
  /** Whether another try is allowed after `attempt` failures in a row. */
  readonly allows: (attempt: number) => boolean;
  /** Waits before try number `attempt + 1` (1 ≤ attempt). */
  readonly pause: (attempt: number) => Promise<void>;
  /** Ends the current pause at once. */
  readonly cancel: () => void;
}

export const createBackoff = (policy: ResubscribePolicy = {}): Backoff => {
  const initialDelayMs = policy.initialDelayMs ?? 100;
  const maxDelayMs = policy.maxDelayMs ?? 10_000;
  const maxAttempts = policy.maxAttempts ?? Number.POSITIVE_INFINITY;
  let wake: (() => void) | undefined;
  return {
    allows: (attempt) => attempt <= maxAttempts,
    pause: (attempt) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)));
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      }),
    cancel: () => wake?.(),
  };
};

/**
 * What a subscription does after its connection ended (`failure` undefined: the server ended it without an
 * error): gives up with `StoreFailed` on a fault of ours or after the policy's last try, else pauses and
 * returns nothing, to try again.
 */
export const afterDrop = async (
  backoff: Backoff,
  failure: StoreError | undefined,
  drops: number,
  endedWithoutError: string,
): Promise<SubscriptionEnd | undefined> => {
  const error =
    failure === undefined
      ? storeUnavailable(endedWithoutError)
      : failure._tag === 'StoreUnavailable'
        ? failure
        : storeUnavailable(failure.message, failure);
  if ((failure !== undefined && !isTransient(failure)) || !backoff.allows(drops)) {
    return { _tag: 'StoreFailed', error };
  }
  await backoff.pause(drops);
  return undefined;
};
