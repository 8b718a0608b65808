/**
 * Shared fixtures of the CitizenReport tests: local dates and instants in Kazakhstan's time, a command
 * builder per command, an event builder per event, and a helper that runs commands through an aggregate.
 *
 * The fixed dates sit in March 2026 on purpose: Friday 6 March is followed by a weekend, by Monday 9 March
 * (the day off moved from Sunday 8 March) and, later, by the Nauryz days off (23–25 March), so every
 * working-day count in these tests crosses weekends and holidays.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { LocalDate, replay } from '../../src/index.js';
import type { GeoPoint, RegionCode } from '../../src/index.js';
import {
  CitizenReport,
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
} from '../../src/reports/index.js';
import type {
  CitizenReportCommand,
  CitizenReportError,
  CitizenReportEvent,
  CitizenReportState,
  Evidence,
  Reporter,
  SubmitReport,
} from '../../src/reports/index.js';
import type { Aggregate } from '../../src/index.js';

/** The aggregate type every helper here accepts. */
export type ReportAggregate = Aggregate<
  CitizenReportCommand,
  CitizenReportEvent,
  CitizenReportState,
  CitizenReportError
>;

/** A `YYYY-MM-DD` fixture as a {@link LocalDate}; a typo in a fixture is a bug in the test, so it throws. */
export const day = (text: string): LocalDate => {
  if (!LocalDate.is(text)) throw new Error(`fixture ${text} is not a date`);
  return text;
};

/** The instant at `time` (default 10:00) on `date` in Kazakhstan (UTC+5). */
export const on = (date: string, time = '10:00'): Date => new Date(`${date}T${time}:00+05:00`);

const instant = (when: string | Date): Date => (typeof when === 'string' ? on(when) : when);

/** Submitted on Wednesday 4 March 2026. */
export const SUBMITTED_ON = '2026-03-04';
/** Registered on Friday 6 March 2026. */
export const REGISTERED_ON = '2026-03-06';
/** 15 working days after 6 March 2026: 9 March and 23–25 March are days off. */
export const DUE_ON = '2026-04-02';
/** 3 working days after 6 March 2026 (9 March is the day off moved from Sunday 8 March). */
export const REDIRECT_UNTIL = '2026-03-12';
/** 2 calendar months after 6 March 2026. */
export const EXTENSION_LIMIT = '2026-05-06';
/** The day the office assigns the report in most histories. */
export const ASSIGNED_ON = '2026-03-10';

/** Points well inside their regions. */
export const ASTANA: GeoPoint = { lat: 51.13, lon: 71.43 };
export const ALMATY: GeoPoint = { lat: 43.24, lon: 76.89 };

/** The receipt-derived value of the anonymous reporter of the fixtures. */
export const RECEIPT = 'scrypt$N=16384$c2FsdA$receipt-derived-value';

export const ANONYMOUS: Reporter = { kind: 'anonymous', receiptHash: RECEIPT };
export const IDENTIFIED: Reporter = {
  kind: 'identified',
  subjectId: 'subject-42',
  name: 'Aigerim Nurlanovna',
};

export const EVIDENCE: Evidence = { sha256: 'a'.repeat(64), mediaType: 'image/jpeg', size: 482_113 };

export const DEPUTY_HEAD = {
  officerId: 'officer-7',
  name: 'Dauren Sadykov',
  position: 'deputyHead',
} as const;

type SubmitReportCommand = t.TypeOf<typeof SubmitReport>;

/** A valid submission in Astana by an anonymous reporter through the map; fields can be replaced. */
export const submit = (overrides: Partial<SubmitReportCommand> = {}): SubmitReportCommand => ({
  type: 'SubmitReport',
  at: on(SUBMITTED_ON),
  channel: 'map',
  region: 'KZ-71',
  point: ASTANA,
  category: 'misuseOfFunds',
  description: { text: 'Бюджетные деньги на стройку школы уходят не туда', language: 'ru' },
  evidence: [EVIDENCE],
  reporter: ANONYMOUS,
  ...overrides,
});

/** A submission in another region, with a point inside it. */
export const submitIn = (region: RegionCode, point: GeoPoint, overrides: Partial<SubmitReportCommand> = {}) =>
  submit({ region, point, ...overrides });

const text = (value: string) => ({ text: value, language: 'en' as const });

export const attach = (when: string | Date, evidence: Evidence = EVIDENCE): CitizenReportCommand => ({
  type: 'AttachEvidence',
  at: instant(when),
  evidence,
});
export const register = (when: string | Date = REGISTERED_ON): CitizenReportCommand => ({
  type: 'RegisterReport',
  at: instant(when),
  registrationNumber: 'AST-2026-000123',
});
export const assign = (
  when: string | Date = ASSIGNED_ON,
  officerId = 'officer-12',
): CitizenReportCommand => ({
  type: 'AssignReport',
  at: instant(when),
  officerId,
  unit: 'Prevention department',
});
export const extend = (
  when: string | Date,
  newDueOn: string,
  decidedBy: { officerId: string; name: string; position: 'head' | 'deputyHead' } = DEPUTY_HEAD,
): CitizenReportCommand => ({
  type: 'ExtendDeadline',
  at: instant(when),
  newDueOn: day(newDueOn),
  decidedBy,
  reason: text('the site inspection needs the builder’s documents'),
});
export const notify = (when: string | Date): CitizenReportCommand => ({
  type: 'NotifyReporterOfExtension',
  at: instant(when),
  channel: 'receipt inbox',
});
export const redirect = (when: string | Date): CitizenReportCommand => ({
  type: 'RedirectReport',
  at: instant(when),
  competentBody: 'Internal State Audit Committee',
  reason: text('an audit matter, not a corruption one'),
});
export const answer = (when: string | Date): CitizenReportCommand => ({
  type: 'RecordAnswer',
  at: instant(when),
  answer: text('the inspection confirmed the overpayment'),
  answeredBy: 'officer-12',
});
export const close = (
  when: string | Date,
  outcome: 'confirmed' | 'partlyConfirmed' | 'notConfirmed' | 'referred' = 'confirmed',
): CitizenReportCommand => ({ type: 'CloseReport', at: instant(when), outcome });
export const markDuplicate = (when: string | Date): CitizenReportCommand => ({
  type: 'MarkDuplicate',
  at: instant(when),
  duplicateOf: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
});
export const reject = (when: string | Date): CitizenReportCommand => ({
  type: 'RejectReport',
  at: instant(when),
  reason: text('no budget funds are involved'),
});
export const escalate = (when: string | Date): CitizenReportCommand => ({
  type: 'EscalateToCase',
  at: instant(when),
  caseId: 'case-KZ-71-0190f3c2-0000-7000-8000-000000000001',
  reason: text('signs of embezzlement (Criminal Code, article 189)'),
});
export const withdraw = (when: string | Date, reason?: string): CitizenReportCommand =>
  reason === undefined
    ? { type: 'WithdrawReport', at: instant(when) }
    : { type: 'WithdrawReport', at: instant(when), reason: text(reason) };
export const followUp = (
  when: string | Date,
  author: 'reporter' | 'office',
  receiptHash?: string,
): CitizenReportCommand =>
  receiptHash === undefined
    ? { type: 'PostFollowUp', at: instant(when), author, text: text('any news?') }
    : { type: 'PostFollowUp', at: instant(when), author, text: text('any news?'), receiptHash };
export const reopen = (when: string | Date): CitizenReportCommand => ({
  type: 'ReopenReport',
  at: instant(when),
  complaint: text('the answer ignored the photos'),
});
export const markOverdue = (when: string | Date): CitizenReportCommand => ({
  type: 'MarkOverdue',
  at: instant(when),
});

/** The event a submission produces: the command without its `type`. */
export const submitted = (command: SubmitReportCommand = submit()): CitizenReportEvent => {
  const { type: _type, ...data } = command;
  return ReportSubmitted.make(data);
};
export const evidenceAttached = (when: string, evidence: Evidence = EVIDENCE) =>
  EvidenceAttached.make({ at: on(when), evidence });
export const registered = (registeredOn: string = REGISTERED_ON, dueOn: string = DUE_ON) =>
  ReportRegistered.make({
    at: on(registeredOn),
    registrationNumber: 'AST-2026-000123',
    registeredOn: day(registeredOn),
    dueOn: day(dueOn),
  });
export const assigned = (when: string = ASSIGNED_ON) =>
  ReportAssigned.make({ at: on(when), officerId: 'officer-12', unit: 'Prevention department' });
export const extended = (when: string, previousDueOn: string, newDueOn: string, notifyBy: string) =>
  DeadlineExtended.make({
    at: on(when),
    previousDueOn: day(previousDueOn),
    newDueOn: day(newDueOn),
    decidedBy: DEPUTY_HEAD,
    reason: text('the site inspection needs the builder’s documents'),
    notifyBy: day(notifyBy),
  });
export const notified = (when: string, onTime: boolean) =>
  ReporterNotifiedOfExtension.make({ at: on(when), notifiedOn: day(when), onTime, channel: 'receipt inbox' });
export const redirected = (when: string) =>
  ReportRedirected.make({
    at: on(when),
    competentBody: 'Internal State Audit Committee',
    reason: text('an audit matter, not a corruption one'),
  });
export const answered = (when: string, late = false) =>
  ReportAnswered.make({
    at: on(when),
    answer: text('the inspection confirmed the overpayment'),
    answeredBy: 'officer-12',
    answeredOn: day(when),
    late,
  });
export const closed = (
  when: string,
  outcome: 'confirmed' | 'partlyConfirmed' | 'notConfirmed' | 'referred' = 'confirmed',
) => ReportClosed.make({ at: on(when), outcome, closedOn: day(when) });
export const markedDuplicate = (when: string) =>
  ReportMarkedDuplicate.make({
    at: on(when),
    duplicateOf: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
  });
export const rejected = (when: string) =>
  ReportRejected.make({ at: on(when), reason: text('no budget funds are involved') });
export const escalated = (when: string) =>
  ReportEscalatedToCase.make({
    at: on(when),
    caseId: 'case-KZ-71-0190f3c2-0000-7000-8000-000000000001',
    reason: text('signs of embezzlement (Criminal Code, article 189)'),
  });
export const withdrawn = (when: string) => ReportWithdrawn.make({ at: on(when), withdrawnOn: day(when) });
export const followedUp = (when: string, author: 'reporter' | 'office') =>
  FollowUpPosted.make({ at: on(when), author, text: text('any news?') });
export const reopened = (when: string, dueOn: string) =>
  ReportReopened.make({
    at: on(when),
    complaint: text('the answer ignored the photos'),
    reopenedOn: day(when),
    dueOn: day(dueOn),
  });
export const markedOverdue = (when: string, dueOn: string, complaintUntil: string) =>
  ReportMarkedOverdue.make({
    at: on(when),
    dueOn: day(dueOn),
    overdueOn: day(when),
    complaintUntil: day(complaintUntil),
  });

/** Submitted, registered on 6 March 2026 (due 2 April) and assigned on 10 March. */
export const OPEN_HISTORY: readonly CitizenReportEvent[] = [submitted(), registered(), assigned()];

/**
 * Runs commands one after the other, as a command handler would, and returns every event and the final
 * state. A refused command stops the run and is returned as `Left`, with the events produced before it.
 */
export const run = (
  commands: readonly CitizenReportCommand[],
  aggregate: ReportAggregate = CitizenReport,
): E.Either<
  {
    readonly error: CitizenReportError;
    readonly index: number;
    readonly events: readonly CitizenReportEvent[];
  },
  { readonly state: CitizenReportState; readonly events: readonly CitizenReportEvent[] }
> => {
  const { decider } = aggregate;
  let state = decider.initialState;
  const events: CitizenReportEvent[] = [];
  for (const [index, command] of commands.entries()) {
    const result = decider.decide(command, state);
    if (E.isLeft(result)) return E.left({ error: result.left, index, events });
    events.push(...result.right);
    state = replay(decider, result.right, state);
  }
  return E.right({ state, events });
};

/** The state after some events. */
export const stateAfter = (
  events: readonly CitizenReportEvent[],
  aggregate: ReportAggregate = CitizenReport,
): CitizenReportState => replay(aggregate.decider, events);

/** The outcome of one command on the state after some events. */
export const decideAfter = (
  events: readonly CitizenReportEvent[],
  command: CitizenReportCommand,
  aggregate: ReportAggregate = CitizenReport,
) => aggregate.decider.decide(command, stateAfter(events, aggregate));
