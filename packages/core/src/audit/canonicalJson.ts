import type { JsonValue } from '../Json.js';

/**
 * Serialises JSON the one way RFC 8785 (JSON Canonicalization Scheme) allows: object members sorted by
 * their names' UTF-16 code units, no whitespace, numbers as ECMAScript prints them, strings escaped as
 * `JSON.stringify` escapes them. Two parties holding the same value get the same bytes, so a hash over
 * them does not depend on who stored the value or how (PostgreSQL's `jsonb` reorders keys; this does not mind).
 *
 * @example
 * import { canonicalJson } from '@adal/core';
 * canonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 *
 * @category audit
 * @since 0.1.0
 */
export const canonicalJson = (value: JsonValue): string => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value}`);
    // ECMAScript's Number-to-String is the form RFC 8785 prescribes (and -0 prints as 0).
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(canonicalJson).join(',')}]`;
  const record = value as { readonly [key: string]: JsonValue };
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodeUnits)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key] as JsonValue)}`);
  return `{${members.join(',')}}`;
};

/** Orders strings by UTF-16 code units, as RFC 8785 §3.2.3 requires (not by locale, not by code point). */
const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
