/**
 * A token bucket for receipt look-ups. Each look-up costs two scrypt derivations (tens of milliseconds and
 * 32 MiB each), so the limit protects the portal's CPU and memory; guessing a receipt is hopeless anyway.
 *
 * It is one bucket for the whole portal, not one per caller: a per-caller limit would have to remember
 * callers' addresses, which the anonymous routes must not do.
 */
export interface ReceiptLimiter {
  /** Takes a token; `false` when the bucket is empty (answer 429 and say when to retry). */
  readonly take: () => boolean;
  /** Seconds until a token is available again. */
  readonly retryAfterSeconds: () => number;
}

/** A bucket refilled at `perSecond` tokens a second, holding at most five seconds' worth. */
export const receiptLimiter = (perSecond: number, clock: () => number = Date.now): ReceiptLimiter => {
  const capacity = Math.max(1, perSecond * 5);
  let tokens = capacity;
  let last = clock();
  const refill = () => {
    const now = clock();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
    last = now;
  };
  return {
    take: () => {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    retryAfterSeconds: () => {
      refill();
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perSecond);
    },
  };
};
