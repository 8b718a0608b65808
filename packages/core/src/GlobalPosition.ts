import * as t from 'io-ts/lib/index.js';

/**
 * An event's place in the store's global order (`$all`). Opaque to its users: compare positions with
 * {@link compareGlobalPositions} (or as plain strings, which sorts the same), store them as checkpoints and
 * hand them back to `readAll` or `subscribeToAll`; never compute with them.
 *
 * Each adapter builds positions from two unsigned 64-bit numbers (on PostgreSQL the transaction id and the
 * row's position; in EventStoreDB the commit and prepare positions), written as fixed-width hexadecimal so
 * that string order is the store's order.
 *
 * @category model
 * @since 0.1.0
 */
export interface GlobalPositionBrand {
  readonly GlobalPosition: unique symbol;
}

/**
 * @category model
 * @since 0.1.0
 */
export type GlobalPosition = t.Branded<string, GlobalPositionBrand>;

const PATTERN = /^[0-9a-f]{16}\.[0-9a-f]{16}$/;
const MAX = (1n << 64n) - 1n;

/**
 * Builds a position from its two parts. Meant for adapters.
 *
 * @example
 * import { globalPosition } from '@adal/core';
 * globalPosition(7n, 42n); // '0000000000000007.000000000000002a'
 *
 * @category constructors
 * @since 0.1.0
 */
export const globalPosition = (major: bigint, minor: bigint): GlobalPosition => {
  if (major < 0n || minor < 0n || major > MAX || minor > MAX) {
    throw new RangeError(
      `a global position's parts must be unsigned 64-bit integers, got ${major}, ${minor}`,
    );
  }
  return `${major.toString(16).padStart(16, '0')}.${minor.toString(16).padStart(16, '0')}` as GlobalPosition;
};

/**
 * The two parts a position was built from. Meant for adapters.
 *
 * @category destructors
 * @since 0.1.0
 */
export const globalPositionParts = (
  position: GlobalPosition,
): { readonly major: bigint; readonly minor: bigint } => {
  const [major = '0', minor = '0'] = position.split('.');
  return { major: BigInt(`0x${major}`), minor: BigInt(`0x${minor}`) };
};

/**
 * Orders two positions: negative when `a` comes first, 0 when equal, positive when `b` comes first.
 *
 * @category ordering
 * @since 0.1.0
 */
export const compareGlobalPositions = (a: GlobalPosition, b: GlobalPosition): number =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Codec of a stored position (a checkpoint).
 *
 * @category codecs
 * @since 0.1.0
 */
export const GlobalPositionCodec = t.brand(
  t.string,
  (s): s is GlobalPosition => PATTERN.test(s),
  'GlobalPosition',
);
