import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import {
  GeoPoint,
  KAZAKHSTAN_EXTENT,
  REGION_CODES,
  Region,
  coarsen,
  isInRegion,
  strict,
  toValidationError,
  withPointInRegion,
} from '../../src/index.js';
import type { RegionCode } from '../../src/index.js';

const messageOf = (codec: t.Decoder<unknown, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

// A city of each region, in or near its centre: if one of these is refused, the region's box in
// src/shared/Region.ts is wrong.
const CITIES: readonly (readonly [string, number, number, RegionCode])[] = [
  ['Astana', 51.13, 71.43, 'KZ-71'],
  ['Almaty', 43.24, 76.89, 'KZ-75'],
  ['Shymkent', 42.32, 69.59, 'KZ-79'],
  ['Oskemen', 49.95, 82.61, 'KZ-63'],
  ['Aktau', 43.65, 51.17, 'KZ-47'],
  ['Petropavl', 54.87, 69.14, 'KZ-59'],
  ['Semey', 50.41, 80.25, 'KZ-10'],
  ['Taldykorgan', 45.02, 78.37, 'KZ-33'],
  ['Zhezkazgan', 47.8, 67.71, 'KZ-62'],
  ['Atyrau', 47.1, 51.92, 'KZ-23'],
  ['Uralsk', 51.23, 51.37, 'KZ-27'],
  ['Taraz', 42.9, 71.37, 'KZ-31'],
  ['Karaganda', 49.8, 73.1, 'KZ-35'],
  ['Kostanay', 53.21, 63.62, 'KZ-39'],
  ['Kyzylorda', 44.85, 65.5, 'KZ-43'],
  ['Pavlodar', 52.29, 76.95, 'KZ-55'],
  ['Turkistan', 43.3, 68.25, 'KZ-61'],
  ['Kokshetau', 53.28, 69.39, 'KZ-11'],
  ['Aktobe', 50.28, 57.17, 'KZ-15'],
  ['Konaev', 43.87, 77.07, 'KZ-19'],
];

describe('GeoPoint codec', () => {
  it('accepts the corners and edges of Kazakhstan’s extent (40.5–55.5 N, 46.5–87.4 E)', () => {
    const { south, west, north, east } = KAZAKHSTAN_EXTENT;
    for (const lat of [south, north]) {
      for (const lon of [west, east]) expect(GeoPoint.decode({ lat, lon })).toEqual(E.right({ lat, lon }));
    }
  });

  it('refuses a point just outside each edge, naming the coordinate', () => {
    expect(messageOf(GeoPoint, { lat: 40.49, lon: 70 })).toBe(
      'lat: 40.49 is outside Kazakhstan (latitude 40.5–55.5)',
    );
    expect(messageOf(GeoPoint, { lat: 55.51, lon: 70 })).toBe(
      'lat: 55.51 is outside Kazakhstan (latitude 40.5–55.5)',
    );
    expect(messageOf(GeoPoint, { lat: 48, lon: 46.49 })).toBe(
      'lon: 46.49 is outside Kazakhstan (longitude 46.5–87.4)',
    );
    expect(messageOf(GeoPoint, { lat: 48, lon: 87.41 })).toBe(
      'lon: 87.41 is outside Kazakhstan (longitude 46.5–87.4)',
    );
  });

  it('refuses what is not a finite number, and unknown fields', () => {
    expect(messageOf(GeoPoint, { lat: '51.13', lon: 71.43 })).toBe(
      'lat: expected a latitude in degrees, got "51.13"',
    );
    // JSON has no NaN or Infinity, so these come only from code; the message shows them as JSON does (null).
    expect(messageOf(GeoPoint, { lat: Number.NaN, lon: 71.43 })).toMatch(
      /^lat: expected a latitude in degrees, got /,
    );
    expect(messageOf(GeoPoint, { lat: 51.13, lon: Number.POSITIVE_INFINITY })).toMatch(
      /^lon: expected a longitude in degrees, got /,
    );
    expect(messageOf(GeoPoint, { lat: 51.13 })).toBe('lon: expected a longitude in degrees, got nothing');
    expect(messageOf(GeoPoint, { lat: 51.13, lon: 71.43, alt: 347 })).toBe('alt: unknown field');
    expect(messageOf(GeoPoint, [51.13, 71.43])).toBe('expected an object, got an array');
  });

  it('never throws, whatever it is given', () => {
    expect(() => GeoPoint.decode({ lat: 51n, lon: 71.43 })).not.toThrow();
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), fc.anything({ withBigInt: true }), (lat, lon) => {
        expect(() => GeoPoint.decode({ lat, lon })).not.toThrow();
      }),
    );
  });

  it('accepts exactly the points inside the extent', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 35, max: 60, noNaN: true }),
        fc.double({ min: 40, max: 95, noNaN: true }),
        (lat, lon) => {
          const inside = lat >= 40.5 && lat <= 55.5 && lon >= 46.5 && lon <= 87.4;
          expect(E.isRight(GeoPoint.decode({ lat, lon }))).toBe(inside);
          expect(GeoPoint.is({ lat, lon })).toBe(inside);
        },
      ),
    );
  });
});

describe('isInRegion', () => {
  it.each(CITIES)('finds %s (%f, %f) in %s', (_, lat, lon, region) => {
    expect(E.isRight(GeoPoint.decode({ lat, lon }))).toBe(true);
    expect(isInRegion({ lat, lon }, region)).toBe(true);
  });

  it('has a city for every region', () => {
    expect(CITIES.map(([, , , region]) => region).sort()).toEqual([...REGION_CODES].sort());
  });

  it('does not find a city in the box of a region far away', () => {
    expect(isInRegion({ lat: 43.24, lon: 76.89 }, 'KZ-71')).toBe(false); // Almaty is not in Astana
    expect(isInRegion({ lat: 51.13, lon: 71.43 }, 'KZ-75')).toBe(false);
    expect(isInRegion({ lat: 43.65, lon: 51.17 }, 'KZ-63')).toBe(false); // Aktau is not in East Kazakhstan
    expect(isInRegion({ lat: 54.87, lon: 69.14 }, 'KZ-61')).toBe(false); // Petropavl is not in Turkistan
  });

  it('finds each city of a republican-significance city only in its own city box among the three cities', () => {
    const cities: readonly RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79'];
    for (const [, lat, lon, region] of CITIES.filter(([, , , r]) => cities.includes(r))) {
      expect(cities.filter((city) => isInRegion({ lat, lon }, city))).toEqual([region]);
    }
  });

  it('includes the edges of a region’s box', () => {
    expect(isInRegion({ lat: 50.9, lon: 71.1 }, 'KZ-71')).toBe(true);
    expect(isInRegion({ lat: 51.4, lon: 71.8 }, 'KZ-71')).toBe(true);
    expect(isInRegion({ lat: 50.89, lon: 71.43 }, 'KZ-71')).toBe(false);
  });
});

describe('withPointInRegion', () => {
  const Located = withPointInRegion(strict({ region: Region, point: GeoPoint }, {}, 'Located'));

  it('accepts a point in its region and refuses one elsewhere, at the path of the point', () => {
    expect(E.isRight(Located.decode({ region: 'KZ-75', point: { lat: 43.24, lon: 76.89 } }))).toBe(true);
    expect(messageOf(Located, { region: 'KZ-71', point: { lat: 43.24, lon: 76.89 } })).toBe(
      'point: (43.24, 76.89) is not in Astana (city) (KZ-71)',
    );
    expect(Located.is({ region: 'KZ-71', point: { lat: 43.24, lon: 76.89 } })).toBe(false);
  });

  it('reports the other problems first, without checking the region of a point it could not read', () => {
    expect(messageOf(Located, { region: 'KZ-ALA', point: { lat: 51.13, lon: 71.43 } })).toBe(
      'region: KZ-ALA is an old code: use KZ-75',
    );
  });
});

describe('coarsen', () => {
  it('rounds to 3 decimals (about 100 m), as the public map shows points', () => {
    expect(coarsen({ lat: 51.128_46, lon: 71.430_51 }, 3)).toEqual({ lat: 51.128, lon: 71.431 });
    expect(coarsen({ lat: 43.238_9, lon: 76.889_5 }, 2)).toEqual({ lat: 43.24, lon: 76.89 });
    expect(coarsen({ lat: 43.24, lon: 76.89 }, 0)).toEqual({ lat: 43, lon: 77 });
  });

  it('moves a point by at most half a unit of the last decimal kept, and coarsening twice changes nothing', () => {
    const point = fc.record({
      lat: fc.double({ min: 40.5, max: 55.5, noNaN: true }),
      lon: fc.double({ min: 46.5, max: 87.4, noNaN: true }),
    });
    fc.assert(
      fc.property(point, fc.integer({ min: 0, max: 5 }), (p, decimals) => {
        const coarse = coarsen(p, decimals);
        const half = 0.5 / 10 ** decimals + 1e-9;
        expect(Math.abs(coarse.lat - p.lat)).toBeLessThanOrEqual(half);
        expect(Math.abs(coarse.lon - p.lon)).toBeLessThanOrEqual(half);
        expect(coarsen(coarse, decimals)).toEqual(coarse);
      }),
    );
  });
});
