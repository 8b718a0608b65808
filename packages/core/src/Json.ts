/**
 * A value that survives `JSON.stringify` and `JSON.parse` unchanged: what an event's data and metadata
 * are once encoded by their codecs (bigints travel as decimal strings, dates as ISO strings).
 *
 * @category model
 * @since 0.1.0
 */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Whether a value is plain JSON data: no `undefined`, functions, bigints, symbols, non-finite numbers or
 * class instances (dates included), and no cycles.
 *
 * @example
 * import { isJsonValue } from '@adal/core';
 * isJsonValue({ a: [1, 'x', null] }); // true
 * isJsonValue({ a: 1n }); // false
 *
 * @category guards
 * @since 0.1.0
 */
export const isJsonValue = (value: unknown): value is JsonValue => check(value, new Set());

const check = (value: unknown, seen: Set<object>): boolean => {
  if (value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (seen.has(value)) return false;
      seen.add(value);
      const ok = Array.isArray(value)
        ? value.every((item) => check(item, seen))
        : Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null
          ? Object.values(value).every((item) => check(item, seen))
          : false;
      seen.delete(value);
      return ok;
    }
    default:
      return false;
  }
};
