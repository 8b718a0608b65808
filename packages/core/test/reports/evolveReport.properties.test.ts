/**
 * `evolveReport` writes each new state out field by field (a spread costs ten times as much): over random
 * histories, every state it gives is the one the spreads gave, with exactly the same fields.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/index.js';
import {
  CitizenReport,
  CitizenReportEvents,
  evolveReport,
  initialReportState,
} from '../../src/reports/index.js';
import type { CitizenReportEvent, CitizenReportState } from '../../src/reports/index.js';
import { day } from './CitizenReportFixtures.js';
import { history, toCommand } from './CitizenReportArbitraries.js';

/** `evolveReport` as it was written with spreads. */
const bySpreads = (state: CitizenReportState, event: CitizenReportEvent): CitizenReportState => {
  switch (event.type) {
    case 'ReportSubmitted': {
      const base = {
        ...state,
        status: 'submitted' as const,
        region: event.data.region,
        evidence: event.data.evidence.length,
      };
      return event.data.reporter.kind === 'anonymous'
        ? { ...base, receiptHash: event.data.reporter.receiptHash }
        : base;
    }
    case 'EvidenceAttached':
      return { ...state, evidence: state.evidence + 1 };
    case 'ReportRegistered':
      return {
        ...state,
        status: 'registered',
        registeredOn: event.data.registeredOn,
        dueOn: event.data.dueOn,
      };
    case 'ReportAssigned':
      return { ...state, status: 'assigned' };
    case 'DeadlineExtended':
      return { ...state, extended: true, dueOn: event.data.newDueOn, extensionNotifyBy: event.data.notifyBy };
    case 'ReporterNotifiedOfExtension':
      return { ...state, extensionNotified: true };
    case 'ReportRedirected':
      return { ...state, status: 'redirected' };
    case 'ReportAnswered':
      return { ...state, status: 'answered' };
    case 'ReportClosed':
      return { ...state, status: 'closed', complaintFrom: event.data.closedOn };
    case 'ReportMarkedDuplicate':
      return { ...state, status: 'duplicate' };
    case 'ReportRejected':
      return { ...state, status: 'rejected', complaintFrom: localDate(event.data.at) };
    case 'ReportEscalatedToCase':
      return { ...state, status: 'escalated' };
    case 'ReportWithdrawn':
      return { ...state, status: 'withdrawn', complaintFrom: event.data.withdrawnOn };
    case 'FollowUpPosted':
      return { ...state, followUps: state.followUps + 1 };
    case 'ReportReopened':
      return {
        ...state,
        status: 'assigned',
        registeredOn: event.data.reopenedOn,
        dueOn: event.data.dueOn,
        extended: false,
        extensionNotified: false,
        overdue: false,
      };
    case 'ReportMarkedOverdue':
      return { ...state, overdue: true, complaintFrom: event.data.overdueOn };
  }
};

const sameState = (actual: CitizenReportState, expected: CitizenReportState) => {
  expect(actual).toStrictEqual(expected);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
};

describe('evolveReport', () => {
  it('gives the state the spreads gave, field for field, over random histories and their stored form', () => {
    fc.assert(
      fc.property(history, ({ startDay, steps }) => {
        let state = initialReportState;
        let today = addDays(day('2025-01-01'), startDay);
        for (const { advanceDays, minute, spec } of steps) {
          today = addDays(today, advanceDays);
          const at = new Date(Date.parse(`${today}T00:00:00Z`) + (minute - 300) * 60_000);
          const decided = CitizenReport.decider.decide(toCommand(spec, at, today), state);
          if (E.isLeft(decided)) continue;
          for (const event of decided.right) {
            const before = state;
            state = evolveReport(before, event);
            sameState(state, bySpreads(before, event));
            // The event as a load reads it back from the store.
            const read = CitizenReportEvents.decode(
              JSON.parse(JSON.stringify(CitizenReportEvents.encode(event))) as never,
            );
            expect(E.isRight(read)).toBe(true);
            if (E.isRight(read)) sameState(evolveReport(before, read.right), bySpreads(before, read.right));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the state it is given as it was', () => {
    const before = { ...initialReportState, status: 'assigned' as const, region: 'KZ-71' as const };
    const copy = { ...before };
    evolveReport(before, { type: 'ReportAssigned', data: { at: new Date(), officerId: 'o', unit: 'u' } });
    expect(before).toStrictEqual(copy);
  });
});
