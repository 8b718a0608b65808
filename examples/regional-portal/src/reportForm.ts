import { randomUUID } from 'node:crypto';
import type { ValidationError, ValidationIssue } from '@adal/core';
import { validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * The report form as the page posts it: the fields of `SubmitReport` that a citizen fills in, and the
 * reporter as `{ kind: 'anonymous' }` or `{ kind: 'identified', name, phone? }`. The portal adds the
 * channel, the (empty) evidence and, for an identified reporter, a pseudonymous subject id; the SDK checks
 * everything else, so its messages reach the page unchanged.
 */
export type ReportSubmission =
  | { readonly kind: 'anonymous'; readonly report: Readonly<Record<string, unknown>> }
  | {
      readonly kind: 'identified';
      readonly subjectId: string;
      readonly report: Readonly<Record<string, unknown>>;
    };

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Reads the posted form. Only the reporter is the portal's own envelope, so only it is checked here; a
 * `channel` or `evidence` in the body is overwritten (the portal is the channel and takes no files yet), and
 * any other unknown field is left for the SDK to refuse by name.
 */
export const readReportForm = (body: unknown): E.Either<ValidationError, ReportSubmission> => {
  if (!isRecord(body))
    return E.left(validationError([{ path: '', message: 'expected the report as a JSON object' }]));
  const { reporter, ...fields } = body;
  const report = { ...fields, channel: 'portal', evidence: [] };
  if (!isRecord(reporter) || (reporter.kind !== 'anonymous' && reporter.kind !== 'identified')) {
    return E.left(
      validationError([{ path: 'reporter.kind', message: 'expected "anonymous" or "identified"' }]),
    );
  }
  if (reporter.kind === 'anonymous') {
    const extra: ValidationIssue[] = Object.keys(reporter)
      .filter((key) => key !== 'kind')
      .map((key) => ({
        path: `reporter.${key}`,
        message: 'unknown field (an anonymous report names nobody)',
      }));
    return extra.length > 0 ? E.left(validationError(extra)) : E.right({ kind: 'anonymous', report });
  }
  // A fresh pseudonymous subject per report: the portal signs nobody in, so it cannot tell whether two
  // reports come from one person, and must not guess from a name.
  const subjectId = `citizen-${randomUUID()}`;
  return E.right({
    kind: 'identified',
    subjectId,
    report: { ...report, reporter: { ...reporter, subjectId } },
  });
};
