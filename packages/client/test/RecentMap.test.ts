import { describe, expect, it } from 'vitest';
import { RecentMap } from '../src/RecentMap.js';

const present = (map: RecentMap<number>, keys: readonly string[]) =>
  keys.filter((k) => map.get(k) !== undefined);

describe('RecentMap', () => {
  it('keeps at least the capacity most recently written keys, and never more than twice as many', () => {
    const map = new RecentMap<number>(100);
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    keys.forEach((key, i) => map.set(key, i));
    const kept = present(map, keys);
    expect(kept.length).toBeGreaterThanOrEqual(100);
    expect(kept.length).toBeLessThanOrEqual(200);
    // The kept ones are the latest ones, with their values.
    expect(kept).toEqual(keys.slice(1000 - kept.length));
    expect(map.get('k999')).toBe(999);
  });

  it('a key read again outlives the keys written after it', () => {
    const map = new RecentMap<number>(10);
    map.set('first', 1);
    for (let i = 0; i < 100; i++) {
      map.set(`k${i}`, i);
      expect(map.get('first')).toBe(1);
    }
  });

  it('a rewritten key holds its new value; delete and clear forget', () => {
    const map = new RecentMap<number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.set('a', 4);
    expect(map.get('a')).toBe(4);
    map.delete('a');
    expect(map.get('a')).toBeUndefined();
    map.clear();
    expect(present(map, ['a', 'b', 'c'])).toEqual([]);
  });

  it('with capacity 0 keeps nothing', () => {
    const map = new RecentMap<number>(0);
    map.set('a', 1);
    expect(map.get('a')).toBeUndefined();
  });
});
