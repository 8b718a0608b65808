/**
 * RFC 6962 hashing: the frontier's root equals the tree hash as the RFC defines it (written here again,
 * directly from §2.1), every audit path verifies, and a changed path, leaf, index or size does not.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frontier } from '../../src/audit/merkle.js';
import {
  appendLeaf,
  auditPath,
  EMPTY_ROOT,
  leafHash,
  rootOf,
  verifyInclusion,
} from '../../src/audit/merkle.js';

/** MTH from RFC 6962 §2.1, over raw leaf data, as independent of the implementation as can be. */
const mth = (data: readonly string[]): string => {
  const h = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const tree = (d: readonly string[]): Buffer => {
    if (d.length === 0) return h();
    if (d.length === 1) return h(Buffer.from([0]), Buffer.from(d[0] ?? '', 'utf8'));
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return h(Buffer.from([1]), tree(d.slice(0, k)), tree(d.slice(k)));
  };
  return tree(data).toString('hex');
};

const frontierOf = (data: readonly string[]): Frontier =>
  data.reduce<Frontier>((frontier, item) => appendLeaf(frontier, leafHash(item)), []);

describe('RFC 6962 Merkle trees', () => {
  it('gives the empty tree the hash of nothing', () => {
    expect(rootOf([])).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe(mth([]));
  });

  it('computes the RFC tree hash for every size, from the frontier kept as leaves arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 70 }), (data) => {
        expect(rootOf(frontierOf(data))).toBe(mth(data));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps O(log n) hashes: one per binary digit of the size', () => {
    const data = Array.from({ length: 1000 }, (_, i) => `leaf ${i}`);
    const frontier = frontierOf(data);
    expect(frontier.map(([size]) => size)).toEqual([512, 256, 128, 64, 32, 8]);
  });

  it('proves every leaf of every tree up to 40 leaves, with at most ⌈log2 n⌉ hashes', () => {
    for (let n = 1; n <= 40; n++) {
      const data = Array.from({ length: n }, (_, i) => `event ${i} of ${n}`);
      const leaves = data.map(leafHash);
      const root = mth(data);
      for (let i = 0; i < n; i++) {
        const path = auditPath(leaves, i);
        expect(path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(leaves[i] ?? '', i, n, path, root)).toBe(true);
      }
    }
  });

  it('rejects a proof with any hash, the leaf, the index or the size changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), fc.nat(), (n, rawIndex, rawSpot) => {
        const data = Array.from({ length: n }, (_, i) => `e${i}`);
        const leaves = data.map(leafHash);
        const root = mth(data);
        const index = rawIndex % n;
        const path = auditPath(leaves, index);
        const leaf = leaves[index] ?? '';
        const spot = rawSpot % path.length;
        const forged = path.map((hash, i) => (i === spot ? leafHash(`forged ${hash}`) : hash));
        expect(verifyInclusion(leaf, index, n, forged, root)).toBe(false);
        expect(verifyInclusion(leafHash('another event'), index, n, path, root)).toBe(false);
        expect(verifyInclusion(leaf, (index + 1) % n, n, path, root)).toBe(false);
        // A bigger tree (its own root) needs another path.
        expect(verifyInclusion(leaf, index, n + 1, path, mth([...data, 'one more']))).toBe(false);
        expect(verifyInclusion(leaf, index, n, path.slice(1), root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
