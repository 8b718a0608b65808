/**
 * Pieces of JSON text shared by the canonical JSON every event's hash covers and the byte count of every
 * batch appended. Internal: not exported from the package.
 */

/**
 * Characters `JSON.stringify` may write other than as themselves: control characters, the quote, the
 * backslash, and surrogates (it escapes a lone one; text with any surrogate, paired or not, is left to it).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, without the call for text it would write as it is (most text in events).
 *
 * @internal
 */
export const quote = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : '"' + text + '"');

/** A member name as JSON writes it, with its quotes and colon, and the bytes that takes in UTF-8. */
export interface WrittenName {
  readonly text: string;
  readonly bytes: number;
}

const UTF8 = new TextEncoder();

/**
 * Member names as written, remembered: events of a type repeat the same few names. Emptied when full, so data
 * with ever new names (ids as keys) does not grow it without bound.
 */
const writtenNames = new Map<string, WrittenName>();
const WRITTEN_NAMES_MAX = 1024;

/**
 * `JSON.stringify(key) + ':'` and its length in UTF-8 (a lone surrogate, escaped by `JSON.stringify`, never
 * reaches the encoder).
 *
 * @internal
 */
export const writtenName = (key: string): WrittenName => {
  let written = writtenNames.get(key);
  if (written === undefined) {
    const text = quote(key) + ':';
    written = { text, bytes: UTF8.encode(text).length };
    if (writtenNames.size >= WRITTEN_NAMES_MAX) writtenNames.clear();
    writtenNames.set(key, written);
  }
  return written;
};
