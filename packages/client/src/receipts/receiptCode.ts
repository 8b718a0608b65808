import { randomBytes } from 'node:crypto';
import type { ValidationError } from '@adal/core';
import { validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A receipt in its canonical form: 28 characters of Crockford's base32 alphabet, upper case, no separators
 * — 27 random characters (135 bits) and a check character.
 *
 * @category receipts
 * @since 0.1.0
 */
export type Receipt = string & { readonly Receipt: unique symbol };

/** Random characters in a receipt; 27 × 5 = 135 bits, above the 128 the design asks for. @category receipts @since 0.1.0 */
export const RECEIPT_RANDOM_CHARACTERS = 27;

/** The bits of randomness in a receipt. @category receipts @since 0.1.0 */
export const RECEIPT_BITS = RECEIPT_RANDOM_CHARACTERS * 5;

// Crockford's base32: digits and letters without I, L, O and U, which people confuse or misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = RECEIPT_RANDOM_CHARACTERS + 1;
const GROUP = 4;

/**
 * Draws a new receipt from the operating system's random source.
 *
 * @example
 * import { generateReceipt, formatReceipt } from '@adal/client';
 * formatReceipt(generateReceipt()); // 'K7QM-2D9X-…' (seven groups of four)
 *
 * @category receipts
 * @since 0.1.0
 */
export const generateReceipt = (): Receipt => {
  // 17 bytes hold 136 bits; the first 135 become 27 characters of 5 bits each.
  const bytes = randomBytes(17);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  bits >>= 1n;
  const values: number[] = [];
  for (let i = 0; i < RECEIPT_RANDOM_CHARACTERS; i++) {
    values.unshift(Number(bits & 31n));
    bits >>= 5n;
  }
  values.push(checkValue(values));
  return values.map((value) => ALPHABET.charAt(value)).join('') as Receipt;
};

/**
 * A receipt as a person reads it: seven groups of four characters joined by dashes.
 *
 * @category receipts
 * @since 0.1.0
 */
export const formatReceipt = (receipt: Receipt): string =>
  (receipt.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');

/**
 * Reads a receipt as a person typed it: case, spaces and dashes do not matter, `O` is read as zero and `I`
 * or `L` as one (Crockford's rules). A wrong length, a character outside the alphabet or a check character
 * that does not match (one mistyped character, or almost any two neighbours swapped) is a `ValidationError` at `receipt`
 * — a typing mistake, found without looking at any report.
 *
 * @example
 * import { parseReceipt } from '@adal/client';
 * parseReceipt('k7qm 2d9x …'); // Right('K7QM2D9X…') or Left(ValidationError)
 *
 * @category receipts
 * @since 0.1.0
 */
export const parseReceipt = (input: unknown): E.Either<ValidationError, Receipt> => {
  if (typeof input !== 'string') return E.left(malformed('expected the receipt as a string'));
  if (input.length > 200) return E.left(malformed('expected a receipt of 28 characters'));
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== LENGTH) {
    return E.left(malformed(`expected 28 characters (dashes and spaces aside), got ${compact.length}`));
  }
  const values: number[] = [];
  for (const character of compact) {
    const value = ALPHABET.indexOf(character);
    if (value < 0) return E.left(malformed(`"${character}" is not a receipt character`));
    values.push(value);
  }
  const check = values.pop();
  if (check !== checkValue(values)) {
    return E.left(malformed('the receipt does not add up: a character was mistyped'));
  }
  return E.right(compact as Receipt);
};

/**
 * The Luhn mod 32 check value of a list of base32 values: catches every single changed character and every
 * swap of two neighbours but one (`0` and `Z`, whose doubled values differ by the same amount).
 */
const checkValue = (values: readonly number[]): number => {
  let factor = 2;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    const addend = factor * (values[i] ?? 0);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = factor === 2 ? 1 : 2;
  }
  return (32 - (sum % 32)) % 32;
};

const malformed = (message: string): ValidationError => validationError([{ path: 'receipt', message }]);
