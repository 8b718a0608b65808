import { randomFillSync } from 'node:crypto';

/**
 * A source of new ids: called once per event and per command.
 *
 * @category environment
 * @since 0.1.0
 */
export type IdGenerator = () => string;

/**
 * Creates a UUIDv7 generator (RFC 9562): 48 bits of Unix milliseconds, then 12 bits that count up within
 * one millisecond, then 62 random bits. Ids made by one generator are strictly increasing as strings, also
 * when the clock stands still or steps back, so events sort by id in the order they were made.
 *
 * @example
 * import { createUuidV7 } from '@adal/client';
 * const newId = createUuidV7();
 * newId(); // '019ac4d2-6f1e-7a3b-9c4d-5e6f7a8b9c0d'
 *
 * @category environment
 * @since 0.1.0
 */
export const createUuidV7 = (
  now: () => number = Date.now,
  random: (bytes: Uint8Array) => void = (bytes) => {
    randomFillSync(bytes);
  },
): IdGenerator => {
  let lastMs = -1;
  let counter = 0;
  // One call into the system's random source per POOL_IDS ids, not one per id: the source's fixed cost was a
  // third of a command's time. Each id still takes fresh bytes of its own, used once.
  const pool = new Uint8Array(POOL_IDS * RANDOM_BYTES);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      random(pool);
      offset = 0;
    }
    const r = offset;
    offset += RANDOM_BYTES;
    let ms = Math.max(0, Math.floor(now()));
    if (ms > lastMs) {
      lastMs = ms;
      // Start the counter in its lower half so a burst within one millisecond has room to count up.
      counter = (((pool[r] ?? 0) << 4) | ((pool[r + 1] ?? 0) >> 4)) & 0x7ff;
    } else {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        lastMs += 1;
        ms = lastMs;
        counter = 0;
      }
    }
    const high = Math.floor(ms / 2 ** 16);
    const low = ms % 2 ** 16;
    return (
      hex((high >>> 24) & 0xff) +
      hex((high >>> 16) & 0xff) +
      hex((high >>> 8) & 0xff) +
      hex(high & 0xff) +
      '-' +
      hex((low >>> 8) & 0xff) +
      hex(low & 0xff) +
      '-' +
      hex(0x70 | ((counter >>> 8) & 0x0f)) +
      hex(counter & 0xff) +
      '-' +
      hex(0x80 | ((pool[r + 2] ?? 0) & 0x3f)) +
      hex(pool[r + 3] ?? 0) +
      '-' +
      hex(pool[r + 4] ?? 0) +
      hex(pool[r + 5] ?? 0) +
      hex(pool[r + 6] ?? 0) +
      hex(pool[r + 7] ?? 0) +
      hex(pool[r + 8] ?? 0) +
      hex(pool[r + 9] ?? 0)
    );
  };
};

/** Random bytes one id takes: two seed the counter, eight fill the variant and the random tail. */
const RANDOM_BYTES = 10;
/** Ids made per refill of the random pool. */
const POOL_IDS = 256;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex = (byte: number): string => HEX[byte] ?? '00';

/**
 * The milliseconds since the Unix epoch written into a UUIDv7.
 *
 * @category environment
 * @since 0.1.0
 */
export const uuidV7Time = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
