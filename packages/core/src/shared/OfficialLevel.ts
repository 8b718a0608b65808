import * as t from 'io-ts/lib/index.js';

/**
 * The level of an official, as the agency reports heads detained: republican, regional, or city and district.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const OfficialLevel = t.keyof(
  { republican: null, regional: null, cityDistrict: null },
  'OfficialLevel',
);

/**
 * @category shared kernel
 * @since 0.1.0
 */
export type OfficialLevel = t.TypeOf<typeof OfficialLevel>;

/**
 * The levels, in the agency's order.
 *
 * @category shared kernel
 * @since 0.1.0
 */
export const OFFICIAL_LEVELS: readonly OfficialLevel[] = ['republican', 'regional', 'cityDistrict'];
