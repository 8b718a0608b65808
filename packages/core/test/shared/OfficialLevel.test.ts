import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { OFFICIAL_LEVELS, OfficialLevel, reportErrors } from '../../src/index.js';

describe('OfficialLevel', () => {
  it('lists the levels in the agency’s order: republican, regional, city and district', () => {
    expect(OFFICIAL_LEVELS).toEqual(['republican', 'regional', 'cityDistrict']);
    for (const level of OFFICIAL_LEVELS) expect(OfficialLevel.decode(level)).toEqual(E.right(level));
  });

  it('refuses another level', () => {
    const result = OfficialLevel.decode('district');
    expect(E.isLeft(result) && reportErrors(result.left)).toEqual([
      { path: '', message: 'expected OfficialLevel, got "district"' },
    ]);
  });
});
