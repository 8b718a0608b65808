import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import type { RegionCode } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import { addMonths, addWorkingDays, localDate } from '../shared/WorkingDayCalendar.js';
import type { CitizenReportCommand } from './CitizenReportCommands.js';
import { CitizenReportCommand as CommandCodec } from './CitizenReportCommands.js';
import type { CitizenReportEvent } from './CitizenReportEvents.js';
import {
  CitizenReportEvents,
  DeadlineExtended,
  EvidenceAttached,
  FollowUpPosted,
  ReportAnswered,
  ReportAssigned,
  ReportClosed,
  ReportEscalatedToCase,
  ReporterNotifiedOfExtension,
  ReportMarkedDuplicate,
  ReportMarkedOverdue,
  ReportRedirected,
  ReportRegistered,
  ReportRejected,
  ReportReopened,
  ReportSubmitted,
  ReportWithdrawn,
} from './CitizenReportEvents.js';

/**
 * Where a report is: `Submitted → Registered → Assigned → Answered → Closed`, with the side exits
 * `Redirected`, `MarkedDuplicate`, `Rejected`, `EscalatedToCase` and `Withdrawn`. `none` is a report not
 * yet submitted. Overdue is a flag, not a status: an overdue report is still waiting for its answer.
 *
 * @category reports
 * @since 0.1.0
 */
export type ReportStatus =
  | 'none'
  | 'submitted'
  | 'registered'
  | 'assigned'
  | 'answered'
  | 'closed'
  | 'redirected'
  | 'duplicate'
  | 'rejected'
  | 'escalated'
  | 'withdrawn';

/**
 * What the decider knows of a report.
 *
 * @category reports
 * @since 0.1.0
 */
export interface CitizenReportState {
  readonly status: ReportStatus;
  readonly region?: RegionCode;
  readonly receiptHash?: string;
  /** The start of the current consideration: the registration, or the latest reopening. */
  readonly registeredOn?: LocalDate;
  readonly dueOn?: LocalDate;
  readonly extended: boolean;
  readonly extensionNotifyBy?: LocalDate;
  readonly extensionNotified: boolean;
  readonly overdue: boolean;
  /** The day of the refusal a complaint answers: closing, rejection, withdrawal, or being marked overdue. */
  readonly complaintFrom?: LocalDate;
  readonly evidence: number;
  readonly followUps: number;
}

/**
 * The rules a report command can break, each the `_tag` of its refusal.
 *
 * @category reports
 * @since 0.1.0
 */
export const CITIZEN_REPORT_RULES = [
  'OneExtensionOnly',
  'ExtensionBeyondTwoMonths',
  'ExtensionMustMoveDeadlineLater',
  'ExtensionAfterDeadline',
  'NoExtensionToNotify',
  'RedirectWindowPassed',
  'ClosingNeedsAnswer',
  'DuplicateTakesNoFollowUps',
  'ReportIsFinal',
  'FollowUpNeedsReceipt',
  'NotYetOverdue',
  'ComplaintWindowPassed',
] as const;

/**
 * @category reports
 * @since 0.1.0
 */
export type CitizenReportRule = (typeof CITIZEN_REPORT_RULES)[number];

/**
 * A refused report command.
 *
 * @category reports
 * @since 0.1.0
 */
export type CitizenReportError = RuleBroken<CitizenReportRule> | NotAllowedInStatus<ReportStatus>;

/**
 * The state of a report that was never submitted.
 *
 * @category reports
 * @since 0.1.0
 */
export const initialReportState: CitizenReportState = {
  status: 'none',
  extended: false,
  extensionNotified: false,
  overdue: false,
  evidence: 0,
  followUps: 0,
};

type Result = E.Either<CitizenReportError, readonly CitizenReportEvent[]>;

const OPEN: readonly ReportStatus[] = ['registered', 'assigned'];
const FINAL: readonly ReportStatus[] = ['closed', 'withdrawn'];

/**
 * How a report's state follows from its events.
 *
 * @category reports
 * @since 0.1.0
 */
export const evolveReport = (state: CitizenReportState, event: CitizenReportEvent): CitizenReportState => {
  const next = copyOf(state);
  switch (event.type) {
    case 'ReportSubmitted':
      next.status = 'submitted';
      next.region = event.data.region;
      next.evidence = event.data.evidence.length;
      if (event.data.reporter.kind === 'anonymous') next.receiptHash = event.data.reporter.receiptHash;
      return next;
    case 'EvidenceAttached':
      next.evidence = state.evidence + 1;
      return next;
    case 'ReportRegistered':
      next.status = 'registered';
      next.registeredOn = event.data.registeredOn;
      next.dueOn = event.data.dueOn;
      return next;
    case 'ReportAssigned':
      next.status = 'assigned';
      return next;
    case 'DeadlineExtended':
      next.extended = true;
      next.dueOn = event.data.newDueOn;
      next.extensionNotifyBy = event.data.notifyBy;
      return next;
    case 'ReporterNotifiedOfExtension':
      next.extensionNotified = true;
      return next;
    case 'ReportRedirected':
      next.status = 'redirected';
      return next;
    case 'ReportAnswered':
      next.status = 'answered';
      return next;
    case 'ReportClosed':
      next.status = 'closed';
      next.complaintFrom = event.data.closedOn;
      return next;
    case 'ReportMarkedDuplicate':
      next.status = 'duplicate';
      return next;
    case 'ReportRejected':
      next.status = 'rejected';
      next.complaintFrom = localDate(event.data.at);
      return next;
    case 'ReportEscalatedToCase':
      next.status = 'escalated';
      return next;
    case 'ReportWithdrawn':
      next.status = 'withdrawn';
      next.complaintFrom = event.data.withdrawnOn;
      return next;
    case 'FollowUpPosted':
      next.followUps = state.followUps + 1;
      return next;
    case 'ReportReopened':
      // A reopened report is considered anew: its cycle (the extension's two months, the redirect window)
      // starts at the reopening.
      next.status = 'assigned';
      next.registeredOn = event.data.reopenedOn;
      next.dueOn = event.data.dueOn;
      next.extended = false;
      next.extensionNotified = false;
      next.overdue = false;
      return next;
    case 'ReportMarkedOverdue':
      next.overdue = true;
      next.complaintFrom = event.data.overdueOn;
      return next;
  }
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of a state for `evolveReport` to change, written out field by field: a spread (`{ ...state, … }`)
 * costs ten times as much on Node 20, and `evolve` runs once for every event read. Optional fields are
 * copied when they are present, so the copy has exactly the state's fields.
 */
const copyOf = (state: CitizenReportState): Mutable<CitizenReportState> => {
  const next: Mutable<CitizenReportState> = {
    status: state.status,
    extended: state.extended,
    extensionNotified: state.extensionNotified,
    overdue: state.overdue,
    evidence: state.evidence,
    followUps: state.followUps,
  };
  if (state.region !== undefined) next.region = state.region;
  if (state.receiptHash !== undefined) next.receiptHash = state.receiptHash;
  if (state.registeredOn !== undefined) next.registeredOn = state.registeredOn;
  if (state.dueOn !== undefined) next.dueOn = state.dueOn;
  if (state.extensionNotifyBy !== undefined) next.extensionNotifyBy = state.extensionNotifyBy;
  if (state.complaintFrom !== undefined) next.complaintFrom = state.complaintFrom;
  return next;
};

/**
 * Builds the `CitizenReport` aggregate over an environment (calendars and policies by region).
 *
 * @example
 * import { citizenReport, domainEnvironment } from '@adal/core';
 * const CitizenReport = citizenReport(domainEnvironment({ holidays: ['2026-05-27'] }));
 *
 * @category reports
 * @since 0.1.0
 */
export const citizenReport = (
  environment: DomainEnvironment,
): Aggregate<CitizenReportCommand, CitizenReportEvent, CitizenReportState, CitizenReportError> => {
  const decide = (command: CitizenReportCommand, state: CitizenReportState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'SubmitReport') {
      if (state.status !== 'none') return E.left(notAllowedInStatus(command.type, state.status));
      const { type: _type, ...data } = command;
      return E.right([ReportSubmitted.make(data)]);
    }
    const region = state.region;
    if (state.status === 'none' || region === undefined)
      return E.left(notAllowedInStatus(command.type, 'none'));
    const calendar = environment.calendar(region);
    const policy = environment.policy(region);

    if (command.type === 'ReopenReport') {
      const refusedOrClosed = FINAL.includes(state.status) || state.status === 'rejected';
      const overdueOpen = OPEN.includes(state.status) && state.overdue;
      if (!refusedOrClosed && !overdueOpen) return E.left(notAllowedInStatus(command.type, state.status));
      // The complaint window runs from the refusal: closing, rejection, withdrawal, or the overdue date.
      const until =
        state.complaintFrom === undefined
          ? undefined
          : addMonths(state.complaintFrom, policy.complaintMonths);
      if (until !== undefined && today > until) {
        return E.left(
          ruleBroken('ComplaintWindowPassed', `a complaint could be filed until ${until}; today is ${today}`),
        );
      }
      return E.right([
        ReportReopened.make({
          at,
          complaint: command.complaint,
          reopenedOn: today,
          dueOn: addWorkingDays(calendar, today, policy.answerWorkingDays),
        }),
      ]);
    }
    if (FINAL.includes(state.status)) {
      return E.left(
        ruleBroken('ReportIsFinal', `a ${state.status} report takes no changes except reopening`),
      );
    }

    switch (command.type) {
      case 'AttachEvidence':
        return only(command.type, state, ['submitted', 'registered', 'assigned'], () => [
          EvidenceAttached.make({ at, evidence: command.evidence }),
        ]);
      case 'RegisterReport':
        return only(command.type, state, ['submitted'], () => [
          ReportRegistered.make({
            at,
            registrationNumber: command.registrationNumber,
            registeredOn: today,
            dueOn: addWorkingDays(calendar, today, policy.answerWorkingDays),
          }),
        ]);
      case 'AssignReport':
        return only(command.type, state, OPEN, () => [
          ReportAssigned.make({ at, officerId: command.officerId, unit: command.unit }),
        ]);
      case 'ExtendDeadline': {
        if (!OPEN.includes(state.status)) return E.left(notAllowedInStatus(command.type, state.status));
        const { dueOn, registeredOn } = state;
        if (dueOn === undefined || registeredOn === undefined)
          return E.left(notAllowedInStatus(command.type, state.status));
        if (state.extended)
          return E.left(ruleBroken('OneExtensionOnly', 'the deadline was already extended once'));
        if (today > dueOn) {
          return E.left(
            ruleBroken(
              'ExtensionAfterDeadline',
              `the deadline ${dueOn} has passed; it can no longer be extended`,
            ),
          );
        }
        if (command.newDueOn <= dueOn) {
          return E.left(
            ruleBroken('ExtensionMustMoveDeadlineLater', `the new due date must be after ${dueOn}`),
          );
        }
        const limit = addMonths(registeredOn, policy.extensionMaxMonths);
        if (command.newDueOn > limit) {
          return E.left(
            ruleBroken(
              'ExtensionBeyondTwoMonths',
              `an extension may reach at most ${policy.extensionMaxMonths} months after registration (${limit})`,
            ),
          );
        }
        return E.right([
          DeadlineExtended.make({
            at,
            previousDueOn: dueOn,
            newDueOn: command.newDueOn,
            decidedBy: command.decidedBy,
            reason: command.reason,
            notifyBy: addWorkingDays(calendar, today, policy.extensionNoticeWorkingDays),
          }),
        ]);
      }
      case 'NotifyReporterOfExtension': {
        if (!state.extended || state.extensionNotifyBy === undefined) {
          return E.left(
            ruleBroken('NoExtensionToNotify', 'there is no extension to tell the reporter about'),
          );
        }
        if (state.extensionNotified) return E.right([]);
        return E.right([
          ReporterNotifiedOfExtension.make({
            at,
            notifiedOn: today,
            onTime: today <= state.extensionNotifyBy,
            channel: command.channel,
          }),
        ]);
      }
      case 'RedirectReport': {
        if (!OPEN.includes(state.status) || state.registeredOn === undefined) {
          return E.left(notAllowedInStatus(command.type, state.status));
        }
        const until = addWorkingDays(calendar, state.registeredOn, policy.redirectWorkingDays);
        if (today > until) {
          return E.left(
            ruleBroken(
              'RedirectWindowPassed',
              `a report can be redirected only until ${until}, ${policy.redirectWorkingDays} working days after registration`,
            ),
          );
        }
        return E.right([
          ReportRedirected.make({ at, competentBody: command.competentBody, reason: command.reason }),
        ]);
      }
      case 'RecordAnswer':
        return only(command.type, state, OPEN, () => [
          ReportAnswered.make({
            at,
            answer: command.answer,
            answeredBy: command.answeredBy,
            answeredOn: today,
            late: state.dueOn !== undefined && today > state.dueOn,
          }),
        ]);
      case 'CloseReport':
        if (OPEN.includes(state.status))
          return E.left(ruleBroken('ClosingNeedsAnswer', 'a report is closed only after a written answer'));
        return only(command.type, state, ['answered'], () => [
          ReportClosed.make({ at, outcome: command.outcome, closedOn: today }),
        ]);
      case 'MarkDuplicate':
        return only(command.type, state, ['submitted', ...OPEN], () => [
          ReportMarkedDuplicate.make({ at, duplicateOf: command.duplicateOf }),
        ]);
      case 'RejectReport':
        return only(command.type, state, ['submitted', ...OPEN], () => [
          ReportRejected.make({ at, reason: command.reason }),
        ]);
      case 'EscalateToCase':
        return only(command.type, state, [...OPEN, 'answered'], () => [
          ReportEscalatedToCase.make({ at, caseId: command.caseId, reason: command.reason }),
        ]);
      case 'WithdrawReport':
        return only(command.type, state, ['submitted', ...OPEN, 'answered'], () => [
          ReportWithdrawn.make(
            command.reason === undefined
              ? { at, withdrawnOn: today }
              : { at, withdrawnOn: today, reason: command.reason },
          ),
        ]);
      case 'PostFollowUp': {
        if (state.status === 'duplicate') {
          return E.left(
            ruleBroken('DuplicateTakesNoFollowUps', 'follow-ups go to the report this one duplicates'),
          );
        }
        if (
          command.author === 'reporter' &&
          state.receiptHash !== undefined &&
          command.receiptHash !== state.receiptHash
        ) {
          return E.left(
            ruleBroken(
              'FollowUpNeedsReceipt',
              "a follow-up on an anonymous report needs the reporter's receipt",
            ),
          );
        }
        return E.right([FollowUpPosted.make({ at, author: command.author, text: command.text })]);
      }
      case 'MarkOverdue': {
        if (!OPEN.includes(state.status) || state.dueOn === undefined)
          return E.left(notAllowedInStatus(command.type, state.status));
        if (state.overdue) return E.right([]);
        if (today <= state.dueOn)
          return E.left(ruleBroken('NotYetOverdue', `the report is due on ${state.dueOn}`));
        return E.right([
          ReportMarkedOverdue.make({
            at,
            dueOn: state.dueOn,
            overdueOn: today,
            complaintUntil: addMonths(today, policy.complaintMonths),
          }),
        ]);
      }
    }
  };

  return {
    name: 'CitizenReport',
    category: 'report',
    commands: CommandCodec,
    events: CitizenReportEvents,
    decider: { initialState: initialReportState, evolve: evolveReport, decide },
  };
};

const only = (
  command: string,
  state: CitizenReportState,
  statuses: readonly ReportStatus[],
  events: () => readonly CitizenReportEvent[],
): Result =>
  statuses.includes(state.status) ? E.right(events()) : E.left(notAllowedInStatus(command, state.status));

/**
 * The `CitizenReport` aggregate with the default environment (national holidays, default policy).
 *
 * @category reports
 * @since 0.1.0
 */
export const CitizenReport = citizenReport(defaultDomainEnvironment);
