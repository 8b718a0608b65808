import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  KAZAKHSTAN_EXTENT,
  LEGACY_REGION_CODES,
  REGIONS,
  REGION_CODES,
  Region,
  regionFromLegacyCode,
  regionName,
  strict,
  toValidationError,
} from '../../src/index.js';
import type { RegionCode } from '../../src/index.js';

// The table of domain/facts.md: ISO 3166-2 code, English, Kazakh, Russian.
const FACTS: readonly (readonly [string, string, string, string])[] = [
  ['KZ-71', 'Astana (city)', 'Астана қаласы', 'г. Астана'],
  ['KZ-75', 'Almaty (city)', 'Алматы қаласы', 'г. Алматы'],
  ['KZ-79', 'Shymkent (city)', 'Шымкент қаласы', 'г. Шымкент'],
  ['KZ-10', 'Abai region', 'Абай облысы', 'область Абай'],
  ['KZ-11', 'Akmola region', 'Ақмола облысы', 'Акмолинская область'],
  ['KZ-15', 'Aktobe region', 'Ақтөбе облысы', 'Актюбинская область'],
  ['KZ-19', 'Almaty region', 'Алматы облысы', 'Алматинская область'],
  ['KZ-23', 'Atyrau region', 'Атырау облысы', 'Атырауская область'],
  ['KZ-27', 'West Kazakhstan region', 'Батыс Қазақстан облысы', 'Западно-Казахстанская область'],
  ['KZ-31', 'Jambyl region', 'Жамбыл облысы', 'Жамбылская область'],
  ['KZ-33', 'Jetisu region', 'Жетісу облысы', 'область Жетісу'],
  ['KZ-35', 'Karaganda region', 'Қарағанды облысы', 'Карагандинская область'],
  ['KZ-39', 'Kostanay region', 'Қостанай облысы', 'Костанайская область'],
  ['KZ-43', 'Kyzylorda region', 'Қызылорда облысы', 'Кызылординская область'],
  ['KZ-47', 'Mangystau region', 'Маңғыстау облысы', 'Мангистауская область'],
  ['KZ-55', 'Pavlodar region', 'Павлодар облысы', 'Павлодарская область'],
  ['KZ-59', 'North Kazakhstan region', 'Солтүстік Қазақстан облысы', 'Северо-Казахстанская область'],
  ['KZ-61', 'Turkistan region', 'Түркістан облысы', 'Туркестанская область'],
  ['KZ-62', 'Ulytau region', 'Ұлытау облысы', 'область Ұлытау'],
  ['KZ-63', 'East Kazakhstan region', 'Шығыс Қазақстан облысы', 'Восточно-Казахстанская область'],
];

// The letter codes of ISO 3166-2:KZ before the 2020 change, and their numeric successors.
const LEGACY: Readonly<Record<string, RegionCode>> = {
  'KZ-AST': 'KZ-71',
  'KZ-ALA': 'KZ-75',
  'KZ-SHY': 'KZ-79',
  'KZ-AKM': 'KZ-11',
  'KZ-AKT': 'KZ-15',
  'KZ-ALM': 'KZ-19',
  'KZ-ATY': 'KZ-23',
  'KZ-ZAP': 'KZ-27',
  'KZ-ZHA': 'KZ-31',
  'KZ-KAR': 'KZ-35',
  'KZ-KUS': 'KZ-39',
  'KZ-KZY': 'KZ-43',
  'KZ-MAN': 'KZ-47',
  'KZ-PAV': 'KZ-55',
  'KZ-SEV': 'KZ-59',
  'KZ-YUZ': 'KZ-61',
  'KZ-VOS': 'KZ-63',
};

const messageOf = (input: unknown): string | undefined => {
  const result = strict({ region: Region }).decode({ region: input });
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

describe('REGIONS', () => {
  it('has the 20 regions: 17 regions and 3 cities of republican significance', () => {
    expect(REGION_CODES).toHaveLength(20);
    expect(new Set(REGION_CODES).size).toBe(20);
    expect(REGION_CODES.filter((code) => REGIONS[code].kind === 'city').sort()).toEqual([
      'KZ-71',
      'KZ-75',
      'KZ-79',
    ]);
    for (const code of REGION_CODES) expect(code).toMatch(/^KZ-\d{2}$/);
  });

  it('names each region in Kazakh, Russian and English as domain/facts.md does', () => {
    expect([...REGION_CODES].sort()).toEqual(FACTS.map(([code]) => code).sort());
    for (const [code, en, kk, ru] of FACTS) {
      const region = code as RegionCode;
      expect({
        en: regionName(region, 'en'),
        kk: regionName(region, 'kk'),
        ru: regionName(region, 'ru'),
      }).toEqual({ en, kk, ru });
    }
  });

  it('includes the regions formed on 8 June 2022: Abai, Jetisu and Ulytau', () => {
    expect(regionName('KZ-10', 'en')).toBe('Abai region');
    expect(regionName('KZ-33', 'en')).toBe('Jetisu region');
    expect(regionName('KZ-62', 'en')).toBe('Ulytau region');
  });

  it('draws every extent as a proper box inside Kazakhstan', () => {
    for (const code of REGION_CODES) {
      const [south, west, north, east] = REGIONS[code].extent;
      expect(south).toBeLessThan(north);
      expect(west).toBeLessThan(east);
      expect(south).toBeGreaterThanOrEqual(KAZAKHSTAN_EXTENT.south);
      expect(north).toBeLessThanOrEqual(KAZAKHSTAN_EXTENT.north);
      expect(west).toBeGreaterThanOrEqual(KAZAKHSTAN_EXTENT.west);
      expect(east).toBeLessThanOrEqual(KAZAKHSTAN_EXTENT.east);
    }
  });
});

describe('legacy region codes', () => {
  it('maps every old letter code to its numeric successor', () => {
    expect(LEGACY_REGION_CODES).toEqual(LEGACY);
    for (const [legacy, code] of Object.entries(LEGACY_REGION_CODES)) {
      expect(REGION_CODES).toContain(code);
      expect(regionFromLegacyCode(legacy)).toEqual(E.right(code));
      expect(regionFromLegacyCode(legacy.toLowerCase())).toEqual(E.right(code));
    }
  });

  it('maps the old code of a region later split to the region that kept the name', () => {
    expect(LEGACY_REGION_CODES['KZ-VOS']).toBe('KZ-63');
    expect(LEGACY_REGION_CODES['KZ-ALM']).toBe('KZ-19');
    expect(LEGACY_REGION_CODES['KZ-KAR']).toBe('KZ-35');
  });

  it('leaves no current region without an old code but the three new ones', () => {
    const mapped = new Set(Object.values(LEGACY_REGION_CODES));
    expect(REGION_CODES.filter((code) => !mapped.has(code)).sort()).toEqual(['KZ-10', 'KZ-33', 'KZ-62']);
  });

  it('passes a current code through and refuses an unknown one', () => {
    for (const code of REGION_CODES) expect(regionFromLegacyCode(code)).toEqual(E.right(code));
    expect(regionFromLegacyCode('KZ-XXX')).toEqual(E.left('unknown region code "KZ-XXX"'));
    expect(regionFromLegacyCode('')).toEqual(E.left('unknown region code ""'));
  });
});

describe('Region codec', () => {
  it('decodes and encodes every current code as itself', () => {
    for (const code of REGION_CODES) {
      expect(Region.decode(code)).toEqual(E.right(code));
      expect(Region.encode(code)).toBe(code);
      expect(Region.is(code)).toBe(true);
    }
  });

  it('refuses an old letter code, naming the new code', () => {
    for (const [legacy, code] of Object.entries(LEGACY)) {
      expect(messageOf(legacy)).toBe(`region: ${legacy} is an old code: use ${code}`);
      expect(Region.is(legacy)).toBe(false);
    }
  });

  it('refuses other values with a message naming the field and what was given', () => {
    expect(messageOf('KZ-99')).toBe(
      'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
    );
    expect(messageOf('kz-71')).toBe(
      'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "kz-71"',
    );
    expect(messageOf(71)).toBe('region: expected an ISO 3166-2:KZ region code such as "KZ-71", got 71');
    expect(messageOf(undefined)).toBe(
      'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got nothing',
    );
  });

  it('does not take names of Object.prototype for region codes', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(Region.is(name)).toBe(false);
      expect(E.isLeft(Region.decode(name))).toBe(true);
      expect(E.isLeft(regionFromLegacyCode(name))).toBe(true);
    }
  });

  it('does not take names of Object.prototype for old codes either', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(messageOf(name)).toBe(
        `region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "${name}"`,
      );
    }
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), (input) => {
        expect(() => Region.decode(input)).not.toThrow();
      }),
      { examples: [[0n]] },
    );
  });

  it('accepts exactly the 20 codes among arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...REGION_CODES)), (value) => {
        expect(E.isRight(Region.decode(value))).toBe((REGION_CODES as readonly string[]).includes(value));
      }),
    );
  });
});
