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
  const bytes = new Uint8Array(16);
  return () => {
    random(bytes);
    let ms = Math.max(0, Math.floor(now()));
    if (ms > lastMs) {
      lastMs = ms;
      // Start the counter in its lower half so a burst within one millisecond has room to count up.
      counter = (((bytes[6] ?? 0) << 4) | ((bytes[7] ?? 0) >> 4)) & 0x7ff;
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
    bytes[0] = (high >>> 24) & 0xff;
    bytes[1] = (high >>> 16) & 0xff;
    bytes[2] = (high >>> 8) & 0xff;
    bytes[3] = high & 0xff;
    bytes[4] = (low >>> 8) & 0xff;
    bytes[5] = low & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
    let hex = '';
    for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
};

/**
 * The milliseconds since the Unix epoch written into a UUIDv7.
 *
 * @category environment
 * @since 0.1.0
 */
export const uuidV7Time = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
