import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../src/receipts/index.js';
import { formatReceipt, generateReceipt, parseReceipt, RECEIPT_BITS } from '../../src/receipts/index.js';
import { ok, refused } from '../fixtures/modules.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('receipts: entropy and format', () => {
  it('carries at least 128 random bits', () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(128);
    expect(RECEIPT_BITS).toBe(135);
  });

  it('draws 1,000 distinct receipts of 28 base32 characters, shown as seven groups of four', () => {
    const receipts = Array.from({ length: 1000 }, generateReceipt);
    expect(new Set(receipts).size).toBe(1000);
    for (const receipt of receipts) {
      expect(receipt).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{28}$/);
      const shown = formatReceipt(receipt);
      expect(shown).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
      expect(shown).toHaveLength(34);
    }
  });

  it('uses every character about equally often in every random position', () => {
    const receipts = Array.from({ length: 2000 }, generateReceipt);
    const counts = new Map<string, number>();
    for (const receipt of receipts)
      for (const character of receipt.slice(0, 27)) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 54,000 characters over 32 symbols: 1,687.5 each on average; a biased generator falls far outside.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1400);
      expect(count).toBeLessThan(2000);
    }
    // The first character is as random as the others (no leading bits are fixed).
    expect(new Set(receipts.map((receipt) => receipt.charAt(0))).size).toBe(32);
  });
});

describe('receipts: reading what a person typed', () => {
  it('ignores case, spaces and dashes, and reads O as zero and I, L as one', () => {
    const receipt = generateReceipt();
    expect(ok(parseReceipt(formatReceipt(receipt)))).toBe(receipt);
    expect(ok(parseReceipt(formatReceipt(receipt).toLowerCase()))).toBe(receipt);
    expect(ok(parseReceipt(` ${formatReceipt(receipt).replace(/-/g, ' ')} `))).toBe(receipt);
    const withZeroAndOne = ok(parseReceipt(formatReceipt(receipt).replace(/0/g, 'O').replace(/1/g, 'l')));
    expect(withZeroAndOne).toBe(receipt);
  });

  it('finds every single mistyped character', () => {
    for (let n = 0; n < 20; n++) {
      const receipt = generateReceipt();
      for (let i = 0; i < receipt.length; i++) {
        for (const other of ALPHABET) {
          if (other === receipt.charAt(i)) continue;
          const typo = `${receipt.slice(0, i)}${other}${receipt.slice(i + 1)}`;
          expect(E.isLeft(parseReceipt(typo))).toBe(true);
        }
      }
    }
  });

  it('finds two neighbours swapped, except the one pair Luhn mod 32 cannot see (0 and Z)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 26 }), (i) => {
        const receipt = generateReceipt();
        const a = receipt.charAt(i);
        const b = receipt.charAt(i + 1);
        fc.pre(a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('Z')));
        const swapped = `${receipt.slice(0, i)}${b}${a}${receipt.slice(i + 2)}`;
        return E.isLeft(parseReceipt(swapped));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the receipt and the problem, never echoing it back in full', () => {
    const receipt = generateReceipt();
    const short = refused(parseReceipt(receipt.slice(0, 20)));
    expect(short.issues).toEqual([
      { path: 'receipt', message: 'expected 28 characters (dashes and spaces aside), got 20' },
    ]);
    const foreign = refused(parseReceipt(`${receipt.slice(0, 27)}U`));
    expect(foreign.issues[0]?.message).toBe('"U" is not a receipt character');
    const mistyped = refused(
      parseReceipt(`${receipt.slice(0, 5)}${receipt.charAt(5) === 'A' ? 'B' : 'A'}${receipt.slice(6)}`),
    );
    expect(mistyped.message).toBe('receipt: the receipt does not add up: a character was mistyped');
    expect(mistyped.message).not.toContain(receipt.slice(0, 8));
    expect(refused(parseReceipt(42)).issues[0]?.path).toBe('receipt');
    expect(refused(parseReceipt('x'.repeat(10_000))).issues[0]?.message).toBe(
      'expected a receipt of 28 characters',
    );
  });

  it('formats what it parses back to the same groups', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const receipt: Receipt = generateReceipt();
        return formatReceipt(ok(parseReceipt(formatReceipt(receipt)))) === formatReceipt(receipt);
      }),
      { numRuns: 200 },
    );
  });
});
