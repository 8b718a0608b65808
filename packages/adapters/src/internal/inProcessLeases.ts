import type { Lease, LeaseManager } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';

/**
 * Leases held in this process: right for a store only one process can open (memory, a PGlite folder),
 * where one owner per projection means one owner among this process's runners.
 */
export const inProcessLeases = (): LeaseManager => {
  const held = new Set<string>();
  return {
    tryAcquire: (key) => () => {
      if (held.has(key)) return Promise.resolve(E.right(O.none));
      held.add(key);
      let released = false;
      const lease: Lease = {
        key,
        // A lease held in the process is never lost: it ends with release, or with the process.
        lost: new Promise<void>(() => undefined),
        release: () => {
          if (!released) {
            released = true;
            held.delete(key);
          }
          return Promise.resolve();
        },
      };
      return Promise.resolve(E.right(O.some(lease)));
    },
  };
};
