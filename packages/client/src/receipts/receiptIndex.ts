import type { JsonValue, Projection } from '@adal/core';
import { boundedText, CitizenReportEvents, documentProjection, strict } from '@adal/core';
import type * as t from 'io-ts/lib/index.js';
import { parseReceiptHash } from './receiptDerivation.js';

/**
 * The name of the receipt index's read model.
 *
 * @category receipts
 * @since 0.1.0
 */
export const RECEIPT_INDEX = 'receipt-index';

/**
 * One entry of the receipt index: the report a lookup value belongs to.
 *
 * @category receipts
 * @since 0.1.0
 */
export interface ReceiptIndexEntry {
  readonly reportId: string;
}

const ReceiptIndexEntryCodec: t.Type<ReceiptIndexEntry, JsonValue, unknown> = strict(
  { reportId: boundedText(200) },
  {},
  'ReceiptIndexEntry',
);

/**
 * The receipt index: a private read model from the lookup value of each anonymous report (the document id)
 * to the report's stream, so that a receipt finds its report in one read instead of a scan of every report.
 * It holds nothing the log does not (the lookup value is part of the stored `receiptHash`), so it can be
 * dropped and rebuilt at any time. It is not trusted: the service checks the verifier in the report's own
 * stream before answering, so an altered index can refuse a receipt but never open another report.
 *
 * Run it with the other read models (`client.readModels.runner({ projections: [...client.readModels.projections, receiptIndexProjection] })`),
 * and never expose it through a public query.
 *
 * @category receipts
 * @since 0.1.0
 */
export const receiptIndexProjection: Projection<
  { readonly report: typeof CitizenReportEvents },
  ReceiptIndexEntry
> = documentProjection({
  name: RECEIPT_INDEX,
  version: 1,
  sources: { report: CitizenReportEvents },
  document: ReceiptIndexEntryCodec,
  id: (event) => {
    if (event.type !== 'ReportSubmitted' || event.data.reporter.kind !== 'anonymous') return undefined;
    return parseReceiptHash(event.data.reporter.receiptHash)?.lookup;
  },
  // The first report keeps a lookup value: a later event claiming the same value (which only a forged
  // append could produce) does not take it over.
  evolve: (entry, _event, recorded) => entry ?? { reportId: recorded.streamName },
});
