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
  // Built by concatenation, without intermediate arrays: every event appended is hashed over this.
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    let out = '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(items[i] as JsonValue);
    }
    return `${out}]`;
  }
  const record = value as { readonly [key: string]: JsonValue };
  // The default sort compares strings by UTF-16 code units, the order RFC 8785 §3.2.3 requires (not by
  // locale, not by code point).
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
};
