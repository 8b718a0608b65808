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
    out += memberName(key) + canonicalJson(member);
  }
  return out + '}';
};

/**
 * Characters `JSON.stringify` may write other than as themselves: control characters, the quote, the
 * backslash, and surrogates (it escapes a lone one; text with any surrogate, paired or not, is left to it).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** `JSON.stringify(text)`, without the call for text it would write as it is (most text in events). */
const quote = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : '"' + text + '"');

/**
 * Member names written with their quotes and colon, remembered: events of a type repeat the same few names.
 * Emptied when full, so data with ever new names (ids as keys) does not grow it without bound.
 */
const memberNames = new Map<string, string>();
const MEMBER_NAMES_MAX = 1024;

const memberName = (key: string): string => {
  let written = memberNames.get(key);
  if (written === undefined) {
    written = quote(key) + ':';
    if (memberNames.size >= MEMBER_NAMES_MAX) memberNames.clear();
    memberNames.set(key, written);
  }
  return written;
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
