// Anonymous reports with receipts: what `@adal/client` exports from this folder (`export * from './receipts/index.js'`).
export { createReceiptService, refusingReceiptService } from './ReceiptService.js';
export type {
  AnonymousReportInput,
  AnonymousRequestOptions,
  AnonymousSubmission,
  ReceiptService,
  ReceiptServiceOptions,
  ReceiptSession,
} from './ReceiptService.js';
export type { ReceiptDerivationFailed, ReceiptError, ReceiptNotRecognised } from './ReceiptError.js';
export {
  Acknowledgement,
  AcknowledgementStatement,
  acknowledgementKeyId,
  submissionHash,
  verifyAcknowledgement,
} from './acknowledgement.js';
export type { AcknowledgementRejected } from './acknowledgement.js';
export type { AnonymousReportStatus, OfficeAnswer } from './anonymousReportView.js';
export { formatReceipt, generateReceipt, parseReceipt, RECEIPT_BITS } from './receiptCode.js';
export type { Receipt } from './receiptCode.js';
export { DEFAULT_SCRYPT_PARAMS } from './receiptDerivation.js';
export type { ReceiptPeppers, ScryptParams } from './receiptDerivation.js';
export { RECEIPT_INDEX, receiptIndexProjection } from './receiptIndex.js';
export type { ReceiptIndexEntry } from './receiptIndex.js';
