import * as t from 'io-ts/lib/index.js';
import { showValue } from '../showValue.js';
import { refines, strict } from '../strict.js';
import type { RegionCode } from './Region.js';
import { REGIONS } from './Region.js';

/**
 * Kazakhstan's extent: latitude 40.5–55.5 N, longitude 46.5–87.4 E.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const KAZAKHSTAN_EXTENT = { south: 40.5, west: 46.5, north: 55.5, east: 87.4 } as const;

const inRange = (value: number, low: number, high: number) =>
  Number.isFinite(value) && value >= low && value <= high;

const Latitude = new t.Type<number, number, unknown>(
  'Latitude',
  (u): u is number => typeof u === 'number' && inRange(u, KAZAKHSTAN_EXTENT.south, KAZAKHSTAN_EXTENT.north),
  (u, c) =>
    typeof u !== 'number' || !Number.isFinite(u)
      ? t.failure(u, c, `expected a latitude in degrees, got ${showValue(u)}`)
      : inRange(u, KAZAKHSTAN_EXTENT.south, KAZAKHSTAN_EXTENT.north)
        ? t.success(u)
        : t.failure(
            u,
            c,
            `${u} is outside Kazakhstan (latitude ${KAZAKHSTAN_EXTENT.south}–${KAZAKHSTAN_EXTENT.north})`,
          ),
  t.identity,
);

const Longitude = new t.Type<number, number, unknown>(
  'Longitude',
  (u): u is number => typeof u === 'number' && inRange(u, KAZAKHSTAN_EXTENT.west, KAZAKHSTAN_EXTENT.east),
  (u, c) =>
    typeof u !== 'number' || !Number.isFinite(u)
      ? t.failure(u, c, `expected a longitude in degrees, got ${showValue(u)}`)
      : inRange(u, KAZAKHSTAN_EXTENT.west, KAZAKHSTAN_EXTENT.east)
        ? t.success(u)
        : t.failure(
            u,
            c,
            `${u} is outside Kazakhstan (longitude ${KAZAKHSTAN_EXTENT.west}–${KAZAKHSTAN_EXTENT.east})`,
          ),
  t.identity,
);

/**
 * A WGS84 point inside Kazakhstan's extent: `{ lat, lon }` in degrees.
 *
 * @example
 * import { GeoPoint } from '@adal/core';
 * GeoPoint.decode({ lat: 51.128, lon: 71.43 })._tag; // 'Right' (Astana)
 * GeoPoint.decode({ lat: 48.85, lon: 2.35 })._tag; // 'Left' (Paris: outside Kazakhstan)
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const GeoPoint = strict({ lat: Latitude, lon: Longitude }, {}, 'GeoPoint');

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type GeoPoint = t.TypeOf<typeof GeoPoint>;

/**
 * Whether a point lies within a region's (coarse) extent.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const isInRegion = (point: GeoPoint, region: RegionCode): boolean => {
  const [south, west, north, east] = REGIONS[region].extent;
  return point.lat >= south && point.lat <= north && point.lon >= west && point.lon <= east;
};

/**
 * A point rounded to `decimals` places (3 places is about 100 m), as public maps show it.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const coarsen = (point: GeoPoint, decimals: number): GeoPoint => {
  const factor = 10 ** decimals;
  return { lat: Math.round(point.lat * factor) / factor, lon: Math.round(point.lon * factor) / factor };
};

/**
 * Refines an object codec holding `region` and `point` so that the point must lie in the region; the
 * failure is reported at `point`.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const withPointInRegion = <A extends { readonly region: RegionCode; readonly point: GeoPoint }, O>(
  codec: t.Type<A, O, unknown>,
): t.Type<A, O, unknown> =>
  refines(
    new t.Type<A, O, unknown>(
      codec.name,
      (u): u is A => codec.is(u) && isInRegion(u.point, u.region),
      (u, c) => {
        const decoded = codec.validate(u, c);
        if (decoded._tag === 'Left' || isInRegion(decoded.right.point, decoded.right.region)) return decoded;
        const { point, region } = decoded.right;
        return t.failure(
          point,
          [...c, { key: 'point', type: GeoPoint, actual: point }],
          `(${point.lat}, ${point.lon}) is not in ${REGIONS[region].en} (${region})`,
        );
      },
      codec.encode,
    ),
    codec,
  );
