import type { JsonValue } from '../Json.js';
import { quote, writtenName } from '../jsonText.js';

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
  // Every event appended is hashed over this, so it is built by concatenation, without intermediate arrays
  // or template literals, and strings are checked before they are handed to `JSON.stringify`.
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value}`);
    // ECMAScript's Number-to-String is the form RFC 8785 prescribes (and -0 prints as 0).
    return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    if (items.length === 0) return '[]';
    let out = '[' + canonicalJson(items[0] as JsonValue);
    for (let i = 1; i < items.length; i++) out += ',' + canonicalJson(items[i] as JsonValue);
    return out + ']';
  }
  const record = value as { readonly [key: string]: JsonValue };
  const keys = sortKeys(Object.keys(record));
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = record[key];
    if (member === undefined) continue;
    // A comma before every member but the first, which finds nothing but the brace written.
    if (out.length > 1) out += ',';
    out += writtenName(key).text + canonicalJson(member);
  }
  return out + '}';
};

/**
 * Sorts member names by UTF-16 code units, in place, as `Array.prototype.sort` without a comparator does
 * (names are distinct strings, and `<` compares strings by code units, RFC 8785 §3.2.3's order: not by
 * locale, not by code point). An insertion sort for the few names of an event's objects: the built-in sort
 * costs more than the comparisons there; larger objects get the built-in one.
 */
const sortKeys = (keys: string[]): string[] => {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && key < (keys[j] as string)) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
};
