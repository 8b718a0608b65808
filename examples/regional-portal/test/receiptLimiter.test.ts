import { describe, expect, it } from 'vitest';
import { receiptLimiter } from '../src/receiptLimiter.js';

describe('receiptLimiter', () => {
  it('allows a burst of five seconds’ worth, then one per refill, and says when to retry', () => {
    let now = 0;
    const limiter = receiptLimiter(2, () => now);
    const burst = Array.from({ length: 12 }, () => limiter.take());
    expect(burst.filter(Boolean)).toHaveLength(10);
    expect(limiter.retryAfterSeconds()).toBe(1);
    now += 500;
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now += 60_000;
    expect(Array.from({ length: 12 }, () => limiter.take()).filter(Boolean)).toHaveLength(10);
  });
});
