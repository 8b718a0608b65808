import type { StoreError, ValidationError } from '@adal/core';
import type { EventDecodeFailed } from '../CommandError.js';
import type { MissingConfiguration } from '../modules/ratings.js';

/**
 * No report answers to this receipt. The same error whether no report has its lookup value or one has and
 * the verifier does not match, so the answer tells nothing about which reports exist.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptNotRecognised {
  readonly _tag: 'ReceiptNotRecognised';
  readonly message: string;
}

/**
 * scrypt or the signature failed (memory exhausted, say): nothing was learnt about the receipt.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptDerivationFailed {
  readonly _tag: 'ReceiptDerivationFailed';
  readonly message: string;
}

/**
 * Why a call with a receipt failed: a mistyped receipt (`ValidationError` at `receipt`), an unknown one, a
 * store that could not be read, a report event that cannot be decoded, or a failed derivation.
 *
 * @category receipts
 * @since 0.1.0
 */
export type ReceiptError =
  | ReceiptNotRecognised
  | ValidationError
  | StoreError
  | EventDecodeFailed
  | ReceiptDerivationFailed
  | MissingConfiguration;

/**
 * The one refusal of an unknown receipt.
 *
 * @category receipts
 * @since 0.1.0
 */
export const RECEIPT_NOT_RECOGNISED: ReceiptNotRecognised = {
  _tag: 'ReceiptNotRecognised',
  message: 'receipt: no report answers to this receipt',
};

/**
 * Builds a `ReceiptDerivationFailed` from the step that failed and its cause's message (which never holds
 * the receipt: the receipt is not passed to anything that reports it).
 *
 * @category receipts
 * @since 0.1.0
 */
export const derivationFailed = (step: string, error: unknown): ReceiptDerivationFailed => ({
  _tag: 'ReceiptDerivationFailed',
  message: `${step} failed: ${error instanceof Error ? error.message : String(error)}`,
});
