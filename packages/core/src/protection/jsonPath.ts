import type { JsonValue } from '../Json.js';

/**
 * A place inside a JSON value, as the keys (and array indexes, written as decimal strings) leading to it.
 * Written with dots for people: `reporter.name`, `attendees.2.name`.
 *
 * @category personal data
 * @since 0.1.0
 */
export type JsonPath = readonly string[];

/**
 * Splits a dotted path into its segments; the empty string is the value itself.
 *
 * @example
 * import { parseJsonPath } from '@adal/core';
 * parseJsonPath('reporter.name'); // ['reporter', 'name']
 *
 * @category personal data
 * @since 0.1.0
 */
export const parseJsonPath = (dotted: string): JsonPath => (dotted === '' ? [] : dotted.split('.'));

/**
 * Writes a path with dots, as validation messages show it.
 *
 * @category personal data
 * @since 0.1.0
 */
export const showJsonPath = (path: JsonPath): string => path.join('.');

/**
 * The value at a path, or `undefined` when the path leads nowhere.
 *
 * @example
 * import { valueAt } from '@adal/core';
 * valueAt({ reporter: { name: 'Aigerim' } }, ['reporter', 'name']); // 'Aigerim'
 *
 * @category personal data
 * @since 0.1.0
 */
export const valueAt = (json: JsonValue | undefined, path: JsonPath): JsonValue | undefined => {
  let current: JsonValue | undefined = json;
  for (const key of path) {
    if (current === undefined || current === null || typeof current !== 'object') return undefined;
    current = isArray(current)
      ? /^(0|[1-9]\d*)$/.test(key)
        ? current[Number(key)]
        : undefined
      : Object.prototype.hasOwnProperty.call(current, key)
        ? current[key]
        : undefined;
  }
  return current;
};

/**
 * A copy of `json` with the value at `path` replaced; objects and arrays off the path are shared, not
 * copied. A path that leads nowhere leaves the value as it was.
 *
 * @example
 * import { withValueAt } from '@adal/core';
 * withValueAt({ reporter: { name: 'Aigerim' } }, ['reporter', 'name'], 'A.'); // { reporter: { name: 'A.' } }
 *
 * @category personal data
 * @since 0.1.0
 */
export const withValueAt = (json: JsonValue, path: JsonPath, value: JsonValue): JsonValue => {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (json === null || typeof json !== 'object') return json;
  if (isArray(json)) {
    const index = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1;
    const item = json[index];
    if (item === undefined) return json;
    const copy = [...json];
    copy[index] = withValueAt(item, rest, value);
    return copy;
  }
  if (!Object.prototype.hasOwnProperty.call(json, key)) return json;
  const item = json[key];
  return item === undefined ? json : { ...json, [key]: withValueAt(item, rest, value) };
};

/**
 * Every value inside `json` that `matches`, with its path, in document order; the walk does not look inside
 * a value that matched.
 *
 * @category personal data
 * @since 0.1.0
 */
export const findValues = <A extends JsonValue>(
  json: JsonValue,
  matches: (value: JsonValue) => value is A,
): readonly { readonly path: JsonPath; readonly value: A }[] => {
  const found: { path: JsonPath; value: A }[] = [];
  const walk = (value: JsonValue, path: string[]): void => {
    if (matches(value)) {
      found.push({ path: [...path], value });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (isArray(value)) value.forEach((item, index) => walk(item, [...path, String(index)]));
    else for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(json, []);
  return found;
};

const isArray = (value: JsonValue): value is readonly JsonValue[] => Array.isArray(value);
