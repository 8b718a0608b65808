import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUuidV7, uuidV7Time } from '../src/index.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createUuidV7', () => {
  it('makes RFC 9562 version-7 ids carrying the clock time', () => {
    const at = Date.parse('2026-11-28T09:00:00.000Z');
    const id = createUuidV7(() => at)();
    expect(id).toMatch(UUID_V7);
    expect(uuidV7Time(id)).toBe(at);
  });

  it('ids of one generator strictly increase, whatever the clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 300 }),
        (times) => {
          let i = 0;
          const newId = createUuidV7(() => times[i++ % times.length] ?? 0);
          const ids = times.map(() => newId());
          ids.forEach((id) => expect(id).toMatch(UUID_V7));
          for (let k = 1; k < ids.length; k++) expect((ids[k - 1] ?? '') < (ids[k] ?? '')).toBe(true);
        },
      ),
    );
  });

  it('keeps increasing through more than 4,096 ids in one millisecond', () => {
    const newId = createUuidV7(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, newId);
    expect(new Set(ids).size).toBe(10_000);
    expect([...ids].sort()).toEqual(ids);
  });
});
