/**
 * The work both libraries do: a citizen's report submitted on the map, then follow-ups posted on it. The
 * inputs are those of Adal's `reports` aggregate; Emmett's decider (libraries/emmettReport.ts) records
 * events with the same JSON data, so both stores hold payloads of the same shape and size.
 */
import { randomUUID } from 'node:crypto';

export const REGION = 'KZ-71';

/** A stream name both libraries accept: Adal's `<category>-<region>-<id>`. */
export const reportStream = (): string => `report-${REGION}-${randomUUID()}`;

/** The instant every command is stamped with; a fixed one keeps payload sizes equal between runs. */
export const AT = '2026-03-04T06:30:00.000Z';

const EVIDENCE = {
  sha256: 'b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c',
  mediaType: 'image/jpeg',
  size: 482_113,
};

/** `SubmitReport` as Adal's command handler takes it (amounts as decimal strings, instants as ISO text). */
export const submitReportCommand = () => ({
  type: 'SubmitReport' as const,
  at: AT,
  channel: 'map' as const,
  region: REGION,
  point: { lat: 51.128, lon: 71.43 },
  category: 'constructionQuality' as const,
  description: {
    text: 'Walls of School No. 17 are built with cheaper bricks than the estimate says',
    language: 'en' as const,
  },
  evidence: [EVIDENCE],
  reporter: { kind: 'anonymous' as const, receiptHash: 'scrypt$N=16384$c2FsdA$receipt-derived-value' },
  budgetObject: { name: 'School No. 17 construction', programmeCode: '261-015', amount: '420000000000' },
});

/** `PostFollowUp` by the office: one event, the same every time, so a long stream is cheap to build. */
export const postFollowUpCommand = () => ({
  type: 'PostFollowUp' as const,
  at: AT,
  author: 'office' as const,
  text: { text: 'The inspection is planned for next week', language: 'en' as const },
});

/** A command the report refuses after loading it (a submitted report is not overdue): a pure rehydration. */
export const markOverdueCommand = () => ({ type: 'MarkOverdue' as const, at: AT });

/** The data of `ReportSubmitted` as Adal stores it: the command without its `type`. */
export const reportSubmittedData = () => {
  const { type: _type, ...data } = submitReportCommand();
  return data;
};

export const followUpPostedData = () => {
  const { type: _type, ...data } = postFollowUpCommand();
  return data;
};
