import * as t from 'io-ts/lib/index.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText } from '../primitives.js';
import { GeoPoint, withPointInRegion } from '../shared/GeoPoint.js';
import { TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import {
  BudgetObject,
  Evidence,
  ExtensionDecider,
  Reporter,
  ReportCategory,
  ReportChannel,
  ReportOutcome,
} from './CitizenReportEvents.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;

/**
 * Submit a report: where (a point inside its region), what (category, description, optional budget object,
 * up to 20 pieces of evidence) and who (identified, or anonymous by receipt).
 *
 * @category reports
 * @since 0.1.0
 */
export const SubmitReport = withPointInRegion(
  command(
    'SubmitReport',
    {
      channel: ReportChannel,
      region: Region,
      point: GeoPoint,
      category: ReportCategory,
      description: TextIn,
      evidence: t.refinement(t.array(Evidence), (list) => list.length <= 20, 'at most 20 pieces of evidence'),
      reporter: Reporter,
    },
    { budgetObject: BudgetObject },
  ),
);

/** Attach one more piece of evidence. @category reports @since 0.1.0 */
export const AttachEvidence = command('AttachEvidence', { evidence: Evidence });
/** Register the report: the 15 working days start. @category reports @since 0.1.0 */
export const RegisterReport = command('RegisterReport', { registrationNumber: boundedText(60) });
/** Assign (or reassign) the report to an officer. @category reports @since 0.1.0 */
export const AssignReport = command('AssignReport', { officerId: boundedText(100), unit: boundedText(200) });
/** Extend the deadline, once, by a head or deputy head, with a reason. @category reports @since 0.1.0 */
export const ExtendDeadline = command('ExtendDeadline', {
  newDueOn: LocalDate,
  decidedBy: ExtensionDecider,
  reason: TextIn,
});
/** Record that the reporter was told of the extension. @category reports @since 0.1.0 */
export const NotifyReporterOfExtension = command('NotifyReporterOfExtension', { channel: boundedText(60) });
/** Send the report to the competent body, within 3 working days of registration. @category reports @since 0.1.0 */
export const RedirectReport = command('RedirectReport', { competentBody: boundedText(300), reason: TextIn });
/** Record the written answer. @category reports @since 0.1.0 */
export const RecordAnswer = command('RecordAnswer', { answer: TextIn, answeredBy: boundedText(100) });
/** Close an answered report with its outcome. @category reports @since 0.1.0 */
export const CloseReport = command('CloseReport', { outcome: ReportOutcome });
/** Mark the report as a duplicate of another. @category reports @since 0.1.0 */
export const MarkDuplicate = command('MarkDuplicate', { duplicateOf: boundedText(200) });
/** Reject a report without substance. @category reports @since 0.1.0 */
export const RejectReport = command('RejectReport', { reason: TextIn });
/** Escalate to a corruption case (signs of a crime). @category reports @since 0.1.0 */
export const EscalateToCase = command('EscalateToCase', { caseId: boundedText(200), reason: TextIn });
/** The reporter withdraws the report. @category reports @since 0.1.0 */
export const WithdrawReport = command('WithdrawReport', {}, { reason: TextIn });
/**
 * A follow-up message, from the reporter or the office. A reporter's follow-up on an anonymous report
 * carries the value derived from the receipt.
 *
 * @category reports
 * @since 0.1.0
 */
export const PostFollowUp = command(
  'PostFollowUp',
  { author: t.keyof({ reporter: null, office: null }), text: TextIn },
  { receiptHash: boundedText(200) },
);
/** Reopen after a complaint. @category reports @since 0.1.0 */
export const ReopenReport = command('ReopenReport', { complaint: TextIn });
/** Mark an unanswered report past its due date as overdue (the deadline job). @category reports @since 0.1.0 */
export const MarkOverdue = command('MarkOverdue', {});

/**
 * Every command of a citizen report.
 *
 * @category reports
 * @since 0.1.0
 */
export const CitizenReportCommand = taggedUnion([
  SubmitReport,
  AttachEvidence,
  RegisterReport,
  AssignReport,
  ExtendDeadline,
  NotifyReporterOfExtension,
  RedirectReport,
  RecordAnswer,
  CloseReport,
  MarkDuplicate,
  RejectReport,
  EscalateToCase,
  WithdrawReport,
  PostFollowUp,
  ReopenReport,
  MarkOverdue,
]);

/**
 * @category reports
 * @since 0.1.0
 */
export type CitizenReportCommand = t.TypeOf<typeof CitizenReportCommand>;
