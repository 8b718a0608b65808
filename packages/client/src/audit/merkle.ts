import { createHash } from 'node:crypto';

/**
 * RFC 6962 Merkle tree hashing (Certificate Transparency), over SHA-256: a leaf is `SHA-256(0x00 ‖ data)`,
 * a node `SHA-256(0x01 ‖ left ‖ right)`, and the tree over n leaves splits at the largest power of two
 * below n. Hashes travel as lower-case hex.
 */

const sha256 = (...parts: (Buffer | string)[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The leaf hash of `data` (UTF-8). */
export const leafHash = (data: string): string => sha256(Buffer.from([0]), data).toString('hex');

/** The hash of an inner node. */
export const nodeHash = (left: string, right: string): string =>
  sha256(Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex')).toString('hex');

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = sha256().toString('hex');

/**
 * The perfect subtrees of a tree built so far, left to right, each as `[size, hash]` with sizes strictly
 * decreasing powers of two (the binary digits of the number of leaves). O(log n) hashes summarise the tree.
 */
export type Frontier = readonly (readonly [number, string])[];

/** The frontier after one more leaf. */
export const appendLeaf = (frontier: Frontier, leaf: string): Frontier => {
  const next: [number, string][] = frontier.map(([size, hash]) => [size, hash]);
  next.push([1, leaf]);
  for (;;) {
    const right = next[next.length - 1];
    const left = next[next.length - 2];
    if (right === undefined || left === undefined || left[0] !== right[0]) break;
    next.splice(next.length - 2, 2, [left[0] * 2, nodeHash(left[1], right[1])]);
  }
  return next;
};

/** The number of leaves a frontier summarises. */
export const frontierSize = (frontier: Frontier): number => frontier.reduce((sum, [size]) => sum + size, 0);

/** The tree's root (RFC 6962 MTH): the perfect subtrees folded from the right. */
export const rootOf = (frontier: Frontier): string => {
  const last = frontier[frontier.length - 1];
  if (last === undefined) return EMPTY_ROOT;
  let root = last[1];
  for (let i = frontier.length - 2; i >= 0; i--)
    root = nodeHash((frontier[i] as readonly [number, string])[1], root);
  return root;
};

/** The largest power of two strictly below n (n ≥ 2). */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH over `leaves[from, to)`. */
const rootOfRange = (leaves: readonly string[], from: number, to: number): string => {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[from] as string;
  const k = splitPoint(n);
  return nodeHash(rootOfRange(leaves, from, from + k), rootOfRange(leaves, from + k, to));
};

/**
 * The audit path of leaf `index` in the tree over `leaves` (RFC 6962 §2.1.1 PATH): the sibling subtrees'
 * roots from the leaf up. Costs O(n) hashing once, gives O(log n) hashes.
 */
export const auditPath = (leaves: readonly string[], index: number): string[] => {
  const path: string[] = [];
  const walk = (from: number, to: number, m: number) => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(from, from + k, m);
      path.push(rootOfRange(leaves, from + k, to));
    } else {
      walk(from + k, to, m - k);
      path.push(rootOfRange(leaves, from, from + k));
    }
  };
  walk(0, leaves.length, index);
  return path;
};

/**
 * Whether `path` proves that `leaf` is leaf `index` of a tree of `treeSize` leaves with root `root`
 * (RFC 9162 §2.1.3.2).
 */
export const verifyInclusion = (
  leaf: string,
  index: number,
  treeSize: number,
  path: readonly string[],
  root: string,
): boolean => {
  if (!Number.isInteger(index) || !Number.isInteger(treeSize) || index < 0 || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
};
