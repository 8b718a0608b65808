import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { showValue } from '../showValue.js';

/**
 * The 17 regions and 3 cities of republican significance of Kazakhstan, by ISO 3166-2:KZ code, with
 * their names in Kazakh, Russian and English (Abai, Jetisu and Ulytau regions exist since 8 June 2022).
 *
 * `extent` is a coarse bounding box (south, west, north, east in degrees, WGS84) drawn generously around
 * each region from public maps; boxes of neighbours overlap. It catches a point put in the wrong region or
 * outside the country, not a point a few kilometres over a border. Precise outlines (Natural Earth, public
 * domain) can replace the boxes without changing the API.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const REGIONS = {
  'KZ-71': {
    kind: 'city',
    en: 'Astana (city)',
    kk: 'Астана қаласы',
    ru: 'г. Астана',
    extent: [50.9, 71.1, 51.4, 71.8],
  },
  'KZ-75': {
    kind: 'city',
    en: 'Almaty (city)',
    kk: 'Алматы қаласы',
    ru: 'г. Алматы',
    extent: [43.0, 76.6, 43.5, 77.3],
  },
  'KZ-79': {
    kind: 'city',
    en: 'Shymkent (city)',
    kk: 'Шымкент қаласы',
    ru: 'г. Шымкент',
    extent: [42.1, 69.3, 42.6, 70.0],
  },
  'KZ-10': {
    kind: 'region',
    en: 'Abai region',
    kk: 'Абай облысы',
    ru: 'область Абай',
    extent: [46.0, 75.0, 51.8, 84.0],
  },
  'KZ-11': {
    kind: 'region',
    en: 'Akmola region',
    kk: 'Ақмола облысы',
    ru: 'Акмолинская область',
    extent: [49.7, 67.5, 54.2, 74.5],
  },
  'KZ-15': {
    kind: 'region',
    en: 'Aktobe region',
    kk: 'Ақтөбе облысы',
    ru: 'Актюбинская область',
    extent: [45.0, 54.0, 51.5, 64.0],
  },
  'KZ-19': {
    kind: 'region',
    en: 'Almaty region',
    kk: 'Алматы облысы',
    ru: 'Алматинская область',
    extent: [42.7, 73.8, 47.0, 80.4],
  },
  'KZ-23': {
    kind: 'region',
    en: 'Atyrau region',
    kk: 'Атырау облысы',
    ru: 'Атырауская область',
    extent: [44.8, 46.5, 49.4, 54.8],
  },
  'KZ-27': {
    kind: 'region',
    en: 'West Kazakhstan region',
    kk: 'Батыс Қазақстан облысы',
    ru: 'Западно-Казахстанская область',
    extent: [47.8, 46.5, 51.9, 55.0],
  },
  'KZ-31': {
    kind: 'region',
    en: 'Jambyl region',
    kk: 'Жамбыл облысы',
    ru: 'Жамбылская область',
    extent: [42.2, 68.9, 46.0, 76.1],
  },
  'KZ-33': {
    kind: 'region',
    en: 'Jetisu region',
    kk: 'Жетісу облысы',
    ru: 'область Жетісу',
    extent: [43.7, 74.3, 47.4, 82.7],
  },
  'KZ-35': {
    kind: 'region',
    en: 'Karaganda region',
    kk: 'Қарағанды облысы',
    ru: 'Карагандинская область',
    extent: [45.0, 66.0, 51.5, 78.0],
  },
  'KZ-39': {
    kind: 'region',
    en: 'Kostanay region',
    kk: 'Қостанай облысы',
    ru: 'Костанайская область',
    extent: [48.0, 59.0, 54.6, 67.6],
  },
  'KZ-43': {
    kind: 'region',
    en: 'Kyzylorda region',
    kk: 'Қызылорда облысы',
    ru: 'Кызылординская область',
    extent: [42.7, 58.0, 47.9, 68.7],
  },
  'KZ-47': {
    kind: 'region',
    en: 'Mangystau region',
    kk: 'Маңғыстау облысы',
    ru: 'Мангистауская область',
    extent: [40.9, 50.0, 46.6, 56.6],
  },
  'KZ-55': {
    kind: 'region',
    en: 'Pavlodar region',
    kk: 'Павлодар облысы',
    ru: 'Павлодарская область',
    extent: [50.4, 73.4, 54.1, 79.4],
  },
  'KZ-59': {
    kind: 'region',
    en: 'North Kazakhstan region',
    kk: 'Солтүстік Қазақстан облысы',
    ru: 'Северо-Казахстанская область',
    extent: [52.2, 65.4, 55.5, 74.2],
  },
  'KZ-61': {
    kind: 'region',
    en: 'Turkistan region',
    kk: 'Түркістан облысы',
    ru: 'Туркестанская область',
    extent: [40.5, 65.4, 45.8, 71.5],
  },
  'KZ-62': {
    kind: 'region',
    en: 'Ulytau region',
    kk: 'Ұлытау облысы',
    ru: 'область Ұлытау',
    extent: [45.0, 61.5, 50.6, 71.2],
  },
  'KZ-63': {
    kind: 'region',
    en: 'East Kazakhstan region',
    kk: 'Шығыс Қазақстан облысы',
    ru: 'Восточно-Казахстанская область',
    extent: [46.7, 79.8, 51.6, 87.4],
  },
} as const satisfies Record<string, RegionInfo>;

/**
 * What is known of one region.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export interface RegionInfo {
  readonly kind: 'city' | 'region';
  readonly en: string;
  readonly kk: string;
  readonly ru: string;
  /** South, west, north, east, in degrees. */
  readonly extent: readonly [number, number, number, number];
}

/**
 * An ISO 3166-2:KZ region code, such as `KZ-71` (Astana).
 *
 * @category shared kernel
 * @since 0.1.0
 */
export type RegionCode = keyof typeof REGIONS;

/**
 * All 20 region codes.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

/**
 * The letter codes of ISO 3166-2:KZ before 2020, as older data uses them, mapped to today's numeric codes.
 * Where a region was later split (East Kazakhstan and Abai, Almaty and Jetisu, Karaganda and Ulytau), the
 * old code maps to the region that kept the name.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const LEGACY_REGION_CODES: Readonly<Record<string, RegionCode>> = {
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

const isRegionCode = (u: unknown): u is RegionCode => typeof u === 'string' && Object.hasOwn(REGIONS, u);

/**
 * Codec of a current region code. An old letter code is refused with a message naming its new code, so
 * imports convert them explicitly with {@link regionFromLegacyCode}.
 *
 * @example
 * import { Region } from '@adal/core';
 * Region.decode('KZ-75')._tag; // 'Right'
 * Region.decode('KZ-ALA')._tag; // 'Left': KZ-ALA is an old code: use KZ-75
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const Region = new t.Type<RegionCode, string, unknown>(
  'Region',
  isRegionCode,
  (u, c) => {
    if (isRegionCode(u)) return t.success(u);
    const legacy =
      typeof u === 'string' && Object.hasOwn(LEGACY_REGION_CODES, u) ? LEGACY_REGION_CODES[u] : undefined;
    return t.failure(
      u,
      c,
      legacy === undefined
        ? `expected an ISO 3166-2:KZ region code such as "KZ-71", got ${showValue(u)}`
        : `${String(u)} is an old code: use ${legacy}`,
    );
  },
  t.identity,
);

/**
 * Converts a code of either form (numeric, or an old letter code) to today's numeric code.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const regionFromLegacyCode = (code: string): E.Either<string, RegionCode> => {
  if (isRegionCode(code)) return E.right(code);
  const upper = code.toUpperCase();
  const mapped = Object.hasOwn(LEGACY_REGION_CODES, upper) ? LEGACY_REGION_CODES[upper] : undefined;
  return mapped === undefined ? E.left(`unknown region code ${JSON.stringify(code)}`) : E.right(mapped);
};

/**
 * A region's name in one language.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const regionName = (code: RegionCode, language: 'kk' | 'ru' | 'en'): string => REGIONS[code][language];
