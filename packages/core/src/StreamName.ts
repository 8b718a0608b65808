import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';

/**
 * The name of a stream: `<category>-<region>-<id>`, e.g. `report-KZ-75-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e`.
 * The region prefix lets a store filter and protect streams by region without reading them.
 *
 * - category: a lower-case letter, then letters or digits (`report`, `case`, `roadmap`);
 * - region: an ISO 3166-2:KZ numeric code (`KZ-71`), or `KZ-00` for national streams;
 * - id: 1–128 characters of letters, digits, `-`, `_` or `.`.
 *
 * @category model
 * @since 0.1.0
 */
export interface StreamNameBrand {
  readonly StreamName: unique symbol;
}

/**
 * @category model
 * @since 0.1.0
 */
export type StreamName = t.Branded<string, StreamNameBrand>;

/**
 * A stream name refused: `reason` says which part is wrong.
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidStreamName {
  readonly _tag: 'InvalidStreamName';
  readonly streamName: string;
  readonly reason: string;
  readonly message: string;
}

/**
 * The parts a stream name is made of.
 *
 * @category model
 * @since 0.1.0
 */
export interface StreamNameParts {
  readonly category: string;
  readonly region: string;
  readonly id: string;
}

const CATEGORY = /^[a-z][a-zA-Z0-9]{0,39}$/;
const REGION = /^KZ-\d{2}$/;
const ID = /^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,127}$/;
const WHOLE = /^([a-z][a-zA-Z0-9]{0,39})-(KZ-\d{2})-([A-Za-z0-9_.][A-Za-z0-9_.-]{0,127})$/;

const invalid = (streamName: string, reason: string): InvalidStreamName => ({
  _tag: 'InvalidStreamName',
  streamName,
  reason,
  message: `streamName: ${reason}, got ${JSON.stringify(streamName)}`,
});

const explain = (name: string): string => {
  if (name.length === 0) return 'must not be empty';
  if (name === '$all' || name.startsWith('$')) return 'names starting with "$" are reserved for the store';
  const [category, kz, digits, ...rest] = name.split('-');
  if (category === undefined || !CATEGORY.test(category))
    return 'the category must be a lower-case word such as "report"';
  if (kz === undefined || digits === undefined || !REGION.test(`${kz}-${digits}`))
    return 'the region must be an ISO 3166-2:KZ code such as "KZ-71" (or "KZ-00" for national streams)';
  if (rest.length === 0 || !ID.test(rest.join('-')))
    return 'the id must be 1-128 letters, digits, "-", "_" or "."';
  return 'expected <category>-<region>-<id>';
};

/**
 * Checks a string as a stream name.
 *
 * @example
 * import { parseStreamName } from '@adal/core';
 * parseStreamName('report-KZ-71-42')._tag; // 'Right'
 * parseStreamName('report-42')._tag; // 'Left' (InvalidStreamName)
 *
 * @category constructors
 * @since 0.1.0
 */
export const parseStreamName = (name: string): E.Either<InvalidStreamName, StreamName> =>
  WHOLE.test(name) ? E.right(name as StreamName) : E.left(invalid(name, explain(name)));

/**
 * Builds a stream name from its parts, checking each.
 *
 * @example
 * import { streamName } from '@adal/core';
 * streamName('report', 'KZ-75', '0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e');
 *
 * @category constructors
 * @since 0.1.0
 */
export const streamName = (
  category: string,
  region: string,
  id: string,
): E.Either<InvalidStreamName, StreamName> => parseStreamName(`${category}-${region}-${id}`);

/**
 * Splits a valid stream name into category, region and id.
 *
 * @category destructors
 * @since 0.1.0
 */
export const streamNameParts = (name: StreamName): StreamNameParts => {
  const match = WHOLE.exec(name);
  // A StreamName only exists once it matched, so the groups are always there.
  return { category: match?.[1] ?? '', region: match?.[2] ?? '', id: match?.[3] ?? '' };
};

/**
 * Codec of a stream name, for inputs and stored rows.
 *
 * @category codecs
 * @since 0.1.0
 */
export const StreamNameCodec = new t.Type<StreamName, string, unknown>(
  'StreamName',
  (u): u is StreamName => typeof u === 'string' && WHOLE.test(u),
  (u, c) =>
    typeof u !== 'string'
      ? t.failure(u, c)
      : WHOLE.test(u)
        ? t.success(u as StreamName)
        : t.failure(u, c, explain(u)),
  t.identity,
);
