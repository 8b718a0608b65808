/**
 * The state machine of a report: for every status and every command, whether the command is refused as
 * not allowed in that status, refused because the report is final, or taken (accepted, or refused by one
 * of the domain rules, which CitizenReportRules.test.ts covers).
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { CitizenReport } from '../../src/reports/index.js';
import type { CitizenReportCommand, CitizenReportEvent, ReportStatus } from '../../src/reports/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  OPEN_HISTORY,
  RECEIPT,
  answer,
  answered,
  assign,
  attach,
  close,
  closed,
  decideAfter,
  escalate,
  escalated,
  extend,
  followUp,
  markDuplicate,
  markOverdue,
  markedDuplicate,
  markedOverdue,
  notify,
  redirect,
  redirected,
  register,
  registered,
  reject,
  rejected,
  reopen,
  stateAfter,
  submit,
  submitted,
  withdraw,
  withdrawn,
} from './CitizenReportFixtures.js';

const spec = DeciderSpecification.for(CitizenReport.decider);

type CommandType = CitizenReportCommand['type'];

// Every command, issued on Tuesday 10 March 2026 (inside the redirect window, before the due date).
const WHEN = '2026-03-10';
const COMMANDS: Readonly<Record<CommandType, CitizenReportCommand>> = {
  SubmitReport: submit(),
  AttachEvidence: attach(WHEN),
  RegisterReport: register(WHEN),
  AssignReport: assign(WHEN),
  ExtendDeadline: extend(WHEN, '2026-04-20'),
  NotifyReporterOfExtension: notify(WHEN),
  RedirectReport: redirect(WHEN),
  RecordAnswer: answer(WHEN),
  CloseReport: close(WHEN),
  MarkDuplicate: markDuplicate(WHEN),
  RejectReport: reject(WHEN),
  EscalateToCase: escalate(WHEN),
  WithdrawReport: withdraw(WHEN),
  PostFollowUp: followUp(WHEN, 'reporter', RECEIPT),
  ReopenReport: reopen(WHEN),
  MarkOverdue: markOverdue(WHEN),
};

// A history that leaves the report in each status.
const HISTORIES: Readonly<Record<ReportStatus, readonly CitizenReportEvent[]>> = {
  none: [],
  submitted: [submitted()],
  registered: [submitted(), registered()],
  assigned: OPEN_HISTORY,
  answered: [...OPEN_HISTORY, answered('2026-03-10')],
  closed: [...OPEN_HISTORY, answered('2026-03-10'), closed('2026-03-10')],
  redirected: [submitted(), registered(), redirected('2026-03-10')],
  duplicate: [submitted(), markedDuplicate('2026-03-05')],
  rejected: [submitted(), rejected('2026-03-05')],
  escalated: [...OPEN_HISTORY, escalated('2026-03-10')],
  withdrawn: [submitted(), withdrawn('2026-03-05')],
};

// The statuses in which each command is taken (domain/model.md, as the decider reads it). Everywhere else
// it is refused as NotAllowedInStatus, or as ReportIsFinal on a closed or withdrawn report.
const TAKEN_IN: Readonly<Record<CommandType, readonly ReportStatus[]>> = {
  SubmitReport: ['none'],
  AttachEvidence: ['submitted', 'registered', 'assigned'],
  RegisterReport: ['submitted'],
  AssignReport: ['registered', 'assigned'],
  ExtendDeadline: ['registered', 'assigned'],
  // Taken wherever the report is not final; without an extension it is refused by NoExtensionToNotify.
  NotifyReporterOfExtension: [
    'submitted',
    'registered',
    'assigned',
    'answered',
    'redirected',
    'duplicate',
    'rejected',
    'escalated',
  ],
  RedirectReport: ['registered', 'assigned'],
  RecordAnswer: ['registered', 'assigned'],
  // An open report is refused by ClosingNeedsAnswer, a rule, rather than by the state machine.
  CloseReport: ['registered', 'assigned', 'answered'],
  MarkDuplicate: ['submitted', 'registered', 'assigned'],
  RejectReport: ['submitted', 'registered', 'assigned'],
  EscalateToCase: ['registered', 'assigned', 'answered'],
  WithdrawReport: ['submitted', 'registered', 'assigned', 'answered'],
  // A duplicate is refused by DuplicateTakesNoFollowUps, a rule.
  PostFollowUp: [
    'submitted',
    'registered',
    'assigned',
    'answered',
    'redirected',
    'duplicate',
    'rejected',
    'escalated',
  ],
  // A complaint reopens a refusal; an open report only once it is overdue (see below).
  ReopenReport: ['closed', 'withdrawn', 'rejected'],
  MarkOverdue: ['registered', 'assigned'],
};

const FINAL: readonly ReportStatus[] = ['closed', 'withdrawn'];

const expectedOutcome = (
  status: ReportStatus,
  command: CommandType,
): 'NotAllowedInStatus' | 'ReportIsFinal' | 'taken' => {
  if (TAKEN_IN[command].includes(status)) return 'taken';
  if (FINAL.includes(status) && command !== 'SubmitReport') return 'ReportIsFinal';
  return 'NotAllowedInStatus';
};

const actualOutcome = (status: ReportStatus, command: CommandType): string => {
  const result = decideAfter(HISTORIES[status], COMMANDS[command]);
  if (E.isRight(result)) return 'taken';
  return result.left._tag === 'NotAllowedInStatus' || result.left._tag === 'ReportIsFinal'
    ? result.left._tag
    : 'taken';
};

describe('CitizenReport state machine', () => {
  it.each(Object.keys(HISTORIES) as ReportStatus[])(
    'the history for %s leaves the report in that status',
    (status) => {
      expect(stateAfter(HISTORIES[status]).status).toBe(status);
    },
  );

  it.each(Object.keys(HISTORIES) as ReportStatus[])(
    'in status %s, takes exactly the commands the model allows',
    (status) => {
      const mismatches = (Object.keys(COMMANDS) as CommandType[])
        .map((command) => ({
          command,
          expected: expectedOutcome(status, command),
          actual: actualOutcome(status, command),
        }))
        .filter(({ expected, actual }) => expected !== actual);
      expect(mismatches).toEqual([]);
    },
  );

  it('names the command and the status in a NotAllowedInStatus refusal', () => {
    spec
      .given([submitted(), registered(), redirected('2026-03-10')])
      .when(answer('2026-03-11'))
      .thenFails((error) => {
        expect(error).toEqual({
          _tag: 'NotAllowedInStatus',
          command: 'RecordAnswer',
          status: 'redirected',
          message: 'RecordAnswer is not allowed while the status is redirected',
        });
      });
  });

  it('refuses every command but SubmitReport on a report that was never submitted, naming the status none', () => {
    for (const command of Object.values(COMMANDS).filter((c) => c.type !== 'SubmitReport')) {
      spec
        .given([])
        .when(command)
        .thenFails((error) => {
          expect(error._tag).toBe('NotAllowedInStatus');
          expect(error).toMatchObject({ command: command.type, status: 'none' });
        });
    }
  });

  it('refuses a second submission, also on a closed report', () => {
    spec.given([submitted()]).when(submit()).thenFails('NotAllowedInStatus');
    spec.given(HISTORIES.closed).when(submit()).thenFails('NotAllowedInStatus');
  });

  it('reopens an open report only once it is overdue', () => {
    spec.given(OPEN_HISTORY).when(reopen('2026-04-10')).thenFails('NotAllowedInStatus');
    spec
      .given([...OPEN_HISTORY, markedOverdue('2026-04-03', '2026-04-02', '2026-07-03')])
      .when(reopen('2026-04-10'))
      .thenState((state) => {
        expect(state.status).toBe('assigned');
        expect(state.overdue).toBe(false);
      });
    // A registered report that was never assigned goes to assigned as well: reopening returns to Assigned.
    spec
      .given([submitted(), registered(), markedOverdue('2026-04-03', '2026-04-02', '2026-07-03')])
      .when(reopen('2026-04-10'))
      .thenState((state) => expect(state.status).toBe('assigned'));
  });

  it('does not reopen an answered, redirected, duplicate or escalated report', () => {
    for (const status of ['answered', 'redirected', 'duplicate', 'escalated'] as const) {
      spec.given(HISTORIES[status]).when(reopen('2026-03-20')).thenFails('NotAllowedInStatus');
    }
  });

  it('does not reopen a report twice without a new refusal in between', () => {
    spec
      .given(HISTORIES.closed)
      .when(reopen('2026-03-20'))
      .thenState((state, events) => {
        expect(events.map((event) => event.type)).toEqual(['ReportReopened']);
        const again = CitizenReport.decider.decide(reopen('2026-03-21'), state);
        expect(E.isLeft(again) && again.left._tag).toBe('NotAllowedInStatus');
      });
  });
});
