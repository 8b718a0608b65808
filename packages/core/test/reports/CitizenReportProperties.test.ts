/**
 * fast-check properties of CitizenReport: random sequences of valid commands of every type, on dates that
 * move forward (sometimes by days, sometimes by months), never break an invariant, and the events they
 * produce replay to the same state every time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { addDays, addMonths, domainEnvironment, localDate, replay } from '../../src/index.js';
import type { DomainEnvironment, LocalDate } from '../../src/index.js';
import { CITIZEN_REPORT_RULES, citizenReport, CitizenReportCommand } from '../../src/reports/index.js';
import type { CitizenReportEvent, CitizenReportState, ReportStatus } from '../../src/reports/index.js';
import { RECEIPT, day } from './CitizenReportFixtures.js';
import { history, toCommand } from './CitizenReportArbitraries.js';
import type { Step } from './CitizenReportArbitraries.js';
import type { ReportAggregate } from './CitizenReportFixtures.js';

// The status graph of domain/model.md: Submitted → Registered → Assigned → Answered → Closed, the side exits
// from the open statuses, and reopening (after a complaint) back to Assigned. A status may also stay as it is.
const NEXT: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  none: ['submitted'],
  submitted: ['registered', 'duplicate', 'rejected', 'withdrawn'],
  registered: ['assigned', 'redirected', 'answered', 'duplicate', 'rejected', 'escalated', 'withdrawn'],
  assigned: ['redirected', 'answered', 'duplicate', 'rejected', 'escalated', 'withdrawn'],
  answered: ['closed', 'escalated', 'withdrawn'],
  closed: ['assigned'],
  withdrawn: ['assigned'],
  rejected: ['assigned'],
  redirected: [],
  duplicate: [],
  escalated: [],
};

const FINAL: readonly ReportStatus[] = ['closed', 'withdrawn'];
const KNOWN_REFUSALS = new Set<string>([...CITIZEN_REPORT_RULES, 'NotAllowedInStatus']);

interface Simulation {
  readonly events: readonly CitizenReportEvent[];
  readonly state: CitizenReportState;
  readonly refusals: readonly string[];
}

/**
 * Runs the steps through the aggregate as a command handler would (decide, then evolve), checking every
 * invariant after every command. A broken invariant fails an `expect`, which fast-check reports with the
 * smallest history it finds.
 */
const simulate = (
  aggregate: ReportAggregate,
  environment: DomainEnvironment,
  startDay: number,
  steps: readonly Step[],
): Simulation => {
  const { decider } = aggregate;
  let state = decider.initialState;
  let today = addDays(day('2025-01-01'), startDay);
  const events: CitizenReportEvent[] = [];
  const refusals: string[] = [];
  // The registration cycle: from a registration or a reopening to the next one.
  let cycleStart: LocalDate | undefined;
  let extensionsInCycle = 0;

  for (const { advanceDays, minute, spec } of steps) {
    today = addDays(today, advanceDays);
    // The instant of `minute` past local midnight in Kazakhstan (UTC+5).
    const at = new Date(Date.parse(`${today}T00:00:00Z`) + (minute - 300) * 60_000);
    expect(localDate(at)).toBe(today);
    const command = toCommand(spec, at, today);
    expect(E.isRight(CitizenReportCommand.decode(CitizenReportCommand.encode(command)))).toBe(true);

    const result = decider.decide(command, state);
    // decide is a function of the command and the state only.
    expect(decider.decide(command, state)).toEqual(result);
    if (E.isLeft(result)) {
      // A refusal names a rule of the list, or the state machine, and says why in a sentence.
      expect(KNOWN_REFUSALS.has(result.left._tag)).toBe(true);
      expect(result.left.message.length).toBeGreaterThan(0);
      refusals.push(result.left._tag);
      continue;
    }

    const before = state;
    if (FINAL.includes(before.status) && result.right.length > 0) {
      // A closed or withdrawn report changes only by reopening.
      expect(command.type).toBe('ReopenReport');
      expect(result.right.map((event) => event.type)).toEqual(['ReportReopened']);
    }

    for (const event of result.right) {
      const previous = state;
      const policy = previous.region === undefined ? undefined : environment.policy(previous.region);
      switch (event.type) {
        case 'ReportRegistered':
          cycleStart = event.data.registeredOn;
          extensionsInCycle = 0;
          break;
        case 'ReportReopened':
          cycleStart = event.data.reopenedOn;
          extensionsInCycle = 0;
          break;
        case 'DeadlineExtended':
          extensionsInCycle += 1;
          // At most one extension per registration cycle.
          expect(extensionsInCycle).toBe(1);
          // Never past the policy's months (2 by default) after the start of the cycle, always later than
          // the due date it replaces, and decided before that due date passed.
          expect(cycleStart).toBeDefined();
          expect(policy).toBeDefined();
          if (cycleStart !== undefined && policy !== undefined) {
            expect(event.data.newDueOn <= addMonths(cycleStart, policy.extensionMaxMonths)).toBe(true);
          }
          expect(event.data.newDueOn > event.data.previousDueOn).toBe(true);
          expect(localDate(event.data.at) <= event.data.previousDueOn).toBe(true);
          expect(event.data.previousDueOn).toBe(previous.dueOn);
          break;
        case 'ReportAnswered':
          expect(event.data.late).toBe(
            previous.dueOn !== undefined && event.data.answeredOn > previous.dueOn,
          );
          break;
        case 'ReportMarkedOverdue':
          expect(event.data.overdueOn > event.data.dueOn).toBe(true);
          expect(previous.overdue).toBe(false);
          break;
        case 'ReporterNotifiedOfExtension':
          expect(previous.extended).toBe(true);
          expect(event.data.onTime).toBe(
            previous.extensionNotifyBy !== undefined && event.data.notifiedOn <= previous.extensionNotifyBy,
          );
          break;
        default:
          break;
      }

      state = decider.evolve(state, event);
      // The status moves only along the graph of the model.
      if (state.status !== previous.status) expect(NEXT[previous.status]).toContain(state.status);
      if (state.registeredOn !== undefined && state.dueOn !== undefined) {
        expect(state.dueOn > state.registeredOn).toBe(true);
      }
      // Every event survives the store: encoded to JSON and decoded back, it is the same event.
      const stored = JSON.parse(JSON.stringify(aggregate.events.encode(event))) as {
        type: string;
        schemaVersion: number;
        data: unknown;
      };
      expect(aggregate.events.decode(stored)).toEqual(E.right(event));
      events.push(event);
    }

    if (command.type === 'MarkOverdue' && result.right.length > 0) {
      // The overdue job is safe to run twice: the second run decides nothing.
      expect(decider.decide(command, state)).toEqual(E.right([]));
    }
  }
  return { events, state, refusals };
};

const ENVIRONMENTS: readonly { readonly name: string; readonly environment: DomainEnvironment }[] = [
  { name: 'the default environment', environment: domainEnvironment() },
  {
    name: 'an environment with regional policies and an extra holiday',
    environment: domainEnvironment({
      holidays: ['2026-05-27', '2027-05-16'],
      policies: {
        defaults: { extensionNoticeWorkingDays: 5 },
        regions: {
          'KZ-75': { answerWorkingDays: 10, extensionMaxMonths: 1, complaintMonths: 1 },
          'KZ-71': { redirectWorkingDays: 5, extensionMaxMonths: 3 },
        },
      },
    }),
  },
];

describe.each(ENVIRONMENTS)('CitizenReport properties in $name', ({ environment }) => {
  const aggregate = citizenReport(environment);

  it(
    'random command sequences keep every invariant: at most one extension per registration cycle, never past ' +
      'the policy months after the cycle start, status only along the model graph, closed and withdrawn reports ' +
      'change only by reopening, the overdue job is idempotent, refusals name a listed rule, events survive the store',
    () => {
      fc.assert(
        fc.property(history, ({ startDay, steps }) => {
          simulate(aggregate, environment, startDay, steps);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('evolve replays deterministically: replaying the events twice gives equal states, equal to the live one', () => {
    fc.assert(
      fc.property(history, ({ startDay, steps }) => {
        const { events, state } = simulate(aggregate, environment, startDay, steps);
        const first = replay(aggregate.decider, events);
        const second = replay(aggregate.decider, events);
        expect(first).toEqual(second);
        expect(first).toEqual(state);
        // Replaying from the store's JSON gives the same state too.
        const fromStore = events.map((event) => {
          const decoded = aggregate.events.decode(
            JSON.parse(JSON.stringify(aggregate.events.encode(event))) as never,
          );
          if (E.isLeft(decoded)) throw new Error(decoded.left.message);
          return decoded.right;
        });
        expect(replay(aggregate.decider, fromStore)).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('an anonymous report never stores an identity: its reporter is only the receipt-derived value, and no event has a subject id, phone or IIN', () => {
    fc.assert(
      fc.property(history, ({ startDay, steps }) => {
        const first = steps[0];
        fc.pre(first !== undefined && first.spec.kind === 'SubmitReport' && first.spec.anonymous);
        const { events } = simulate(aggregate, environment, startDay, steps);
        const submission = events[0];
        expect(submission?.type === 'ReportSubmitted' && submission.data.reporter).toEqual({
          kind: 'anonymous',
          receiptHash: RECEIPT,
        });
        const json = JSON.stringify(events.map((event) => aggregate.events.encode(event)));
        for (const field of ['"subjectId"', '"phone"', '"iin"']) expect(json).not.toContain(field);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the generator of the properties', () => {
  it('is not vacuous: its histories produce every event type and every refusal of the rules list', () => {
    const environment = domainEnvironment();
    const aggregate = citizenReport(environment);
    const eventTypes = new Set<string>();
    const refusals = new Set<string>();
    for (const { startDay, steps } of fc.sample(history, { numRuns: 600, seed: 20260306 })) {
      const { events, refusals: refused } = simulate(aggregate, environment, startDay, steps);
      for (const event of events) eventTypes.add(event.type);
      for (const tag of refused) refusals.add(tag);
    }
    expect([...eventTypes].sort()).toEqual([...aggregate.events.types.keys()].sort());
    expect([...refusals].sort()).toEqual([...KNOWN_REFUSALS].sort());
  }, 30_000);
});
