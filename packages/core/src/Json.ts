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
export const isJsonValue = (value: unknown): value is JsonValue => check(value, 0, undefined);

/**
 * Below this depth a value is walked with no bookkeeping (a cycle cannot be shorter than the walk); deeper,
 * the objects on the current path are remembered, so a cycle is refused instead of recursing forever.
 */
const SHALLOW = 64;

const check = (value: unknown, depth: number, path: Set<object> | undefined): boolean => {
  if (value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      let onPath = path;
      if (depth >= SHALLOW) {
        onPath ??= new Set();
        if (onPath.has(value)) return false;
        onPath.add(value);
      }
      let ok = true;
      if (Array.isArray(value)) {
        for (let i = 0; ok && i < value.length; i++) ok = check(value[i], depth + 1, onPath);
      } else {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) ok = false;
        else {
          const record = value as Record<string, unknown>;
          for (const key in record) {
            if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
            ok = check(record[key], depth + 1, onPath);
            if (!ok) break;
          }
        }
      }
      onPath?.delete(value);
      return ok;
    }
    default:
      return false;
  }
};
