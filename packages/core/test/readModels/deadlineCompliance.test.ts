/**
 * Deadline compliance: per region and answering body, the open and overdue reports, the answers on time and
 * late, and a histogram of working days to answer from which the median is read; on-time % as
 * domain/model.md defines it. Events come from the CitizenReport aggregate itself.
 *
 * Dates sit in March and April 2026: 9 March and 23–25 March are days off, so day counts cross them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  addDays,
  defaultDomainEnvironment,
  domainEnvironment,
  encodeChanges,
  replay,
  workingDaysBetween,
} from '../../src/index.js';
import type { LocalDate, RecordedEvent, RegionCode } from '../../src/index.js';
import { citizenReport, CitizenReport } from '../../src/reports/index.js';
import type { CitizenReportEvent, CitizenReportState } from '../../src/reports/index.js';
import {
  addComplianceTallies,
  ANSWER_DAYS_CAP,
  DEADLINE_COMPLIANCE,
  deadlineCompliance,
  DeadlineComplianceDocument,
  emptyComplianceTally,
  medianOfHistogram,
  onTimePercent,
  regionComplianceId,
  reportComplianceId,
} from '../../src/readModels/deadlineCompliance.js';
import type {
  BodyCompliance,
  ComplianceTally,
  RegionCompliance,
} from '../../src/readModels/deadlineCompliance.js';
import {
  answer,
  assign,
  close,
  day,
  extend,
  markOverdue,
  redirect,
  register,
  reject,
  reopen,
  submit,
  submitIn,
  withdraw,
} from '../reports/CitizenReportFixtures.js';
import { toCommand } from '../reports/CitizenReportArbitraries.js';
import type { CommandSpec, Step } from '../reports/CitizenReportArbitraries.js';
import { documentsOf } from './recordedLog.js';
import { accepted, reportLog } from './reportLog.js';

// ---------------------------------------------------------------------------------------------------------
// Events as a store records them.

const project = (events: readonly RecordedEvent[], projection = DEADLINE_COMPLIANCE) =>
  documentsOf(projection, events);

const regionOf = (
  documents: ReadonlyMap<string, DeadlineComplianceDocument>,
  region: RegionCode = 'KZ-71',
): RegionCompliance => {
  const document = documents.get(regionComplianceId(region));
  if (document?.kind !== 'region') throw new Error(`no figures of ${region}`);
  return document;
};

const body = (figures: RegionCompliance, unit: string | null): BodyCompliance => {
  const found = figures.bodies.find((b) => b.unit === unit);
  if (found === undefined) throw new Error(`no body ${String(unit)} in ${figures.region}`);
  return found;
};

/** A histogram with these counts at these days, zeros elsewhere. */
const histogram = (counts: Readonly<Record<number, number>>): number[] =>
  Array.from({ length: ANSWER_DAYS_CAP + 1 }, (_, days) => counts[days] ?? 0);

const stream = (n: number, region: RegionCode = 'KZ-71') =>
  `report-${region}-0195a3c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

const OPEN = [submit(), register(), assign()];

describe('deadline compliance: open, overdue and answers, by body', () => {
  it('counts a registered report as open at the regional office, then at the unit it is assigned to', () => {
    const registered = reportLog();
    registered.append(stream(1), accepted([submit(), register()]));
    expect(regionOf(project(registered.events)).bodies).toEqual([
      { unit: null, ...emptyComplianceTally(), open: 1 },
    ]);

    const assigned = reportLog();
    assigned.append(stream(1), accepted([submit(), register(), assign()]));
    const documents = project(assigned.events);
    expect(regionOf(documents).bodies).toEqual([
      { unit: 'Prevention department', ...emptyComplianceTally(), open: 1 },
    ]);
    expect(documents.get(reportComplianceId(stream(1)))).toEqual({
      kind: 'report',
      unit: 'Prevention department',
      open: true,
      overdue: false,
      consideredFrom: '2026-03-06',
    });
  });

  it('does not count a report that was never registered', () => {
    const log = reportLog();
    log.append(stream(1), accepted([submit()]));
    log.append(stream(2), accepted([submit(), withdraw('2026-03-05')]));
    expect(project(log.events).size).toBe(0);
  });

  it('moves an overdue report, flag and all, to the unit it is reassigned to', () => {
    const log = reportLog();
    log.append(
      stream(1),
      accepted([
        ...OPEN,
        markOverdue('2026-04-03'),
        {
          type: 'AssignReport',
          at: new Date('2026-04-06T10:00:00+05:00'),
          officerId: 'o-2',
          unit: 'Audit unit',
        },
      ]),
    );
    expect(regionOf(project(log.events)).bodies).toEqual([
      { unit: 'Audit unit', ...emptyComplianceTally(), open: 1, overdue: 1 },
    ]);
  });

  it('counts an answer on time with its working days on the region calendar', () => {
    // Registered Friday 6 March, answered Friday 20 March: 9 working days (9 March is a day off).
    const log = reportLog();
    log.append(stream(1), accepted([...OPEN, answer('2026-03-20')]));
    expect(body(regionOf(project(log.events)), 'Prevention department')).toEqual({
      unit: 'Prevention department',
      ...emptyComplianceTally(),
      answeredOnTime: 1,
      daysToAnswer: histogram({ 9: 1 }),
    });
    // With 17 March declared a day off, the same answer took 8 working days.
    const environment = domainEnvironment({ holidays: ['2026-03-17'] });
    const local = reportLog();
    local.append(stream(1), accepted([...OPEN, answer('2026-03-20')], citizenReport(environment)));
    expect(
      body(regionOf(project(local.events, deadlineCompliance(environment))), 'Prevention department'),
    ).toMatchObject({
      daysToAnswer: histogram({ 8: 1 }),
    });
  });

  it('counts an overdue report, then its late answer', () => {
    const overdue = reportLog();
    overdue.append(stream(1), accepted([...OPEN, markOverdue('2026-04-03')]));
    const marked = body(regionOf(project(overdue.events)), 'Prevention department');
    expect(marked).toMatchObject({ open: 1, overdue: 1, answeredOnTime: 0, answeredLate: 0 });
    expect(onTimePercent(marked)).toBe(0);

    // Due Thursday 2 April; answered Monday 6 April: 17 working days after 6 March (Nauryz is off).
    const late = reportLog();
    late.append(stream(1), accepted([...OPEN, markOverdue('2026-04-03'), answer('2026-04-06')]));
    expect(body(regionOf(project(late.events)), 'Prevention department')).toEqual({
      unit: 'Prevention department',
      ...emptyComplianceTally(),
      answeredLate: 1,
      daysToAnswer: histogram({ 17: 1 }),
    });
  });

  it('judges an extended deadline by the new date', () => {
    const log = reportLog();
    log.append(stream(1), accepted([...OPEN, extend('2026-03-20', '2026-04-20'), answer('2026-04-10')]));
    expect(body(regionOf(project(log.events)), 'Prevention department')).toMatchObject({
      answeredOnTime: 1,
      answeredLate: 0,
    });
  });

  it('counts a reopened report as open again and its new answer from the reopening', () => {
    const log = reportLog();
    const history = [...OPEN, answer('2026-03-20'), close('2026-03-23'), reopen('2026-04-06')];
    log.append(stream(1), accepted(history));
    const reopened = project(log.events);
    expect(body(regionOf(reopened), 'Prevention department')).toMatchObject({ open: 1, answeredOnTime: 1 });
    expect(reopened.get(reportComplianceId(stream(1)))).toMatchObject({
      open: true,
      consideredFrom: '2026-04-06',
    });

    // Answered again Friday 10 April: 4 working days after Monday 6 April.
    const again = reportLog();
    again.append(stream(1), accepted([...history, answer('2026-04-10')]));
    expect(body(regionOf(project(again.events)), 'Prevention department')).toMatchObject({
      open: 0,
      answeredOnTime: 2,
      daysToAnswer: histogram({ 9: 1, 4: 1 }),
    });
  });

  it('lets a report leave by a side exit: open no longer, answers unchanged', () => {
    const log = reportLog();
    log.append(stream(1), accepted([...OPEN, markOverdue('2026-04-03'), withdraw('2026-04-06')]));
    log.append(stream(2), accepted([submit(), register(), redirect('2026-03-10')]));
    log.append(stream(3), accepted([...OPEN, reject('2026-03-12')]));
    const documents = project(log.events);
    // Nothing is left open, overdue or answered: no body has anything to show.
    expect(regionOf(documents).bodies).toEqual([]);
    // A redirected report is gone for good; a withdrawn or rejected one may come back after a complaint.
    expect(documents.has(reportComplianceId(stream(2)))).toBe(false);
    expect(documents.get(reportComplianceId(stream(1)))).toMatchObject({ open: false, overdue: false });
    expect(documents.get(reportComplianceId(stream(3)))).toMatchObject({ open: false });
  });

  it('keeps regions apart', () => {
    const log = reportLog();
    log.append(stream(1), accepted(OPEN));
    log.append(stream(2, 'KZ-75'), accepted([submitIn('KZ-75', { lat: 43.24, lon: 76.89 }), register()]));
    const documents = project(log.events);
    expect(regionOf(documents, 'KZ-71').bodies.map((b) => b.open)).toEqual([1]);
    expect(regionOf(documents, 'KZ-75').bodies).toEqual([{ unit: null, ...emptyComplianceTally(), open: 1 }]);
  });

  it('keeps the size of its documents independent of the number of reports', () => {
    const size = (reports: number) => {
      const log = reportLog();
      for (let n = 0; n < reports; n += 1) log.append(stream(n), accepted([...OPEN, answer('2026-03-20')]));
      const documents = project(log.events);
      return {
        region: JSON.stringify(regionOf(documents)).length,
        report: JSON.stringify(documents.get(reportComplianceId(stream(0)))).length,
      };
    };
    const few = size(3);
    const many = size(300);
    // Only the digits of the counts grow.
    expect(many.region - few.region).toBeLessThanOrEqual(4);
    expect(many.report).toBe(few.report);
  });

  it('stores documents its codec accepts', () => {
    const log = reportLog();
    log.append(stream(1), accepted([...OPEN, markOverdue('2026-04-03')]));
    log.append(stream(2), accepted([...OPEN, answer('2026-03-20')]));
    const changes = [...project(log.events)].map(([id, document]) => ({ op: 'put' as const, id, document }));
    expect(E.isRight(encodeChanges(DEADLINE_COMPLIANCE, changes))).toBe(true);
  });
});

describe('deadline compliance: median and on-time %', () => {
  const answeredAfter = (dates: readonly string[]) => {
    const log = reportLog();
    dates.forEach((date, n) => log.append(stream(n), accepted([...OPEN, answer(date)])));
    return medianOfHistogram(body(regionOf(project(log.events)), 'Prevention department').daysToAnswer);
  };

  it('reads the median of an odd number of answers from the histogram', () => {
    // 2, 9 and 10 working days after 6 March (Nauryz, 23–25 March, is off).
    expect(answeredAfter(['2026-03-11', '2026-03-20', '2026-03-26'])).toEqual({
      workingDays: 9,
      atLeast: false,
    });
  });

  it('reads the median of an even number of answers as the mean of the middle two', () => {
    // 2, 9, 10 and 17 working days: (9 + 10) / 2.
    expect(answeredAfter(['2026-03-11', '2026-03-20', '2026-03-26', '2026-04-06'])).toEqual({
      workingDays: 9.5,
      atLeast: false,
    });
  });

  it('says when the median lies in the open-ended last bucket', () => {
    expect(medianOfHistogram(histogram({ 3: 1, [ANSWER_DAYS_CAP]: 2 }))).toEqual({
      workingDays: ANSWER_DAYS_CAP,
      atLeast: true,
    });
    expect(medianOfHistogram(histogram({ 58: 1, [ANSWER_DAYS_CAP]: 1 }))).toEqual({
      workingDays: 59,
      atLeast: true,
    });
    expect(medianOfHistogram(histogram({}))).toBeUndefined();
    expect(medianOfHistogram([0, 2, 0, 1])).toEqual({ workingDays: 1, atLeast: false });
  });

  it('puts an answer of 60 working days or more in the last bucket', () => {
    // Reopened and left for months: answered on 20 July 2026, far past the cap.
    const log = reportLog();
    log.append(stream(1), accepted([...OPEN, extend('2026-03-20', '2026-05-06'), answer('2026-07-20')]));
    expect(body(regionOf(project(log.events)), 'Prevention department').daysToAnswer).toEqual(
      histogram({ [ANSWER_DAYS_CAP]: 1 }),
    );
  });

  it('computes on-time % as answered on time / (answered + open overdue)', () => {
    expect(onTimePercent({ answeredOnTime: 3, answeredLate: 1, overdue: 1 })).toBe(60);
    expect(onTimePercent({ answeredOnTime: 2, answeredLate: 0, overdue: 1 })).toBe(66.7);
    expect(onTimePercent({ answeredOnTime: 0, answeredLate: 0, overdue: 0 })).toBeUndefined();

    // Three answered on time, one late, one open and overdue, one open in time.
    const log = reportLog();
    ['2026-03-11', '2026-03-20', '2026-03-26'].forEach((date, n) =>
      log.append(stream(n), accepted([...OPEN, answer(date)])),
    );
    log.append(stream(3), accepted([...OPEN, answer('2026-04-06')]));
    log.append(stream(4), accepted([...OPEN, markOverdue('2026-04-03')]));
    log.append(stream(5), accepted([submit(), register('2026-04-01'), assign('2026-04-01')]));
    const tally = body(regionOf(project(log.events)), 'Prevention department');
    expect(tally).toMatchObject({ open: 2, overdue: 1, answeredOnTime: 3, answeredLate: 1 });
    expect(onTimePercent(tally)).toBe(60);
  });

  it('adds tallies up', () => {
    const a: ComplianceTally = {
      ...emptyComplianceTally(),
      open: 1,
      answeredOnTime: 2,
      daysToAnswer: histogram({ 3: 2 }),
    };
    const b: ComplianceTally = {
      ...emptyComplianceTally(),
      overdue: 1,
      open: 1,
      answeredLate: 1,
      daysToAnswer: histogram({ 20: 1 }),
    };
    expect(addComplianceTallies([a, b])).toEqual({
      open: 2,
      overdue: 1,
      answeredOnTime: 2,
      answeredLate: 1,
      daysToAnswer: histogram({ 3: 2, 20: 1 }),
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random histories that move reports along: registration, assignment to one of three
// units, overdue marks, answers, closings, reopenings and side exits, days or weeks apart.

const weighted = <T>(...choices: readonly (readonly [number, fc.Arbitrary<T>])[]) =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const laterSpec: fc.Arbitrary<CommandSpec> = weighted<CommandSpec>(
  [3, fc.integer({ min: 1, max: 3 }).map((officer) => ({ kind: 'AssignReport' as const, officer }))],
  [3, fc.constant({ kind: 'MarkOverdue' as const })],
  [4, fc.constant({ kind: 'RecordAnswer' as const })],
  [2, fc.constant({ kind: 'CloseReport' as const, outcome: 'confirmed' as const })],
  [3, fc.constant({ kind: 'ReopenReport' as const })],
  [
    1,
    fc
      .integer({ min: 0, max: 60 })
      .map((daysAhead) => ({ kind: 'ExtendDeadline' as const, daysAhead, position: 'head' as const })),
  ],
  [1, fc.constant({ kind: 'WithdrawReport' as const, withReason: false })],
  [1, fc.constant({ kind: 'RejectReport' as const })],
  [1, fc.constant({ kind: 'RedirectReport' as const })],
  [1, fc.constant({ kind: 'EscalateToCase' as const })],
);

const step = (spec: fc.Arbitrary<CommandSpec>, advance: fc.Arbitrary<number>): fc.Arbitrary<Step> =>
  fc.record({ advanceDays: advance, minute: fc.integer({ min: 0, max: 24 * 60 - 1 }), spec });

const lifecycle = fc.record({
  startDay: fc.integer({ min: 0, max: 4 * 365 }),
  region: fc.constantFrom<RegionCode>('KZ-71', 'KZ-75', 'KZ-63'),
  steps: fc.tuple(
    step(fc.constant({ kind: 'RegisterReport' as const }), fc.integer({ min: 0, max: 3 })),
    fc.array(
      step(
        laterSpec,
        weighted(
          [3, fc.integer({ min: 0, max: 10 })],
          [2, fc.integer({ min: 5, max: 40 })],
          [1, fc.integer({ min: 30, max: 150 })],
        ),
      ),
      { maxLength: 12 },
    ),
  ),
});

interface Simulated {
  readonly stream: string;
  readonly region: RegionCode;
  readonly events: readonly CitizenReportEvent[];
  readonly state: CitizenReportState;
}

const UNITS = ['Audit unit', 'Prevention department', 'Investigations'];

const simulate = (
  index: number,
  drawn: typeof lifecycle extends fc.Arbitrary<infer T> ? T : never,
): Simulated => {
  const { decider } = CitizenReport;
  const region = drawn.region;
  let state = decider.initialState;
  let today = addDays(day('2025-01-01'), drawn.startDay);
  const events: CitizenReportEvent[] = [];
  const submit: Step = {
    advanceDays: 0,
    minute: 600,
    spec: {
      kind: 'SubmitReport',
      region,
      anonymous: true,
      channel: 'portal',
      category: 'procurement',
      amount: null,
    },
  };
  for (const { advanceDays, minute, spec } of [submit, drawn.steps[0], ...drawn.steps[1]]) {
    today = addDays(today, advanceDays);
    const at = new Date(Date.parse(`${today}T00:00:00Z`) + (minute - 300) * 60_000);
    const command = toCommand(spec, at, today);
    const result = decider.decide(
      spec.kind === 'AssignReport' && command.type === 'AssignReport'
        ? { ...command, unit: UNITS[spec.officer - 1] ?? 'Audit unit' }
        : command,
      state,
    );
    if (E.isLeft(result)) continue;
    events.push(...result.right);
    state = replay(decider, result.right, state);
  }
  return { stream: stream(index, region), region, events, state };
};

const histories = fc
  .array(lifecycle, { minLength: 1, maxLength: 8 })
  .map((drawn) => drawn.map((one, index) => simulate(index, one)));

/** A direct median of a list of working-day counts, capped as the histogram caps them. */
const directMedian = (days: readonly number[]) => {
  if (days.length === 0) return undefined;
  const sorted = days.map((d) => Math.min(d, ANSWER_DAYS_CAP)).sort((a, b) => a - b);
  const low = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const high = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return { workingDays: (low + high) / 2, atLeast: high === ANSWER_DAYS_CAP };
};

/** Working days of every answer, straight from the events: from the latest registration or reopening. */
const answerDays = (report: Simulated): { days: number; late: boolean }[] => {
  const calendar = defaultDomainEnvironment.calendar(report.region);
  let from: LocalDate | undefined;
  const answers: { days: number; late: boolean }[] = [];
  for (const event of report.events) {
    if (event.type === 'ReportRegistered') from = event.data.registeredOn;
    if (event.type === 'ReportReopened') from = event.data.reopenedOn;
    if (event.type === 'ReportAnswered' && from !== undefined)
      answers.push({
        days: workingDaysBetween(calendar, from, event.data.answeredOn),
        late: event.data.late,
      });
  }
  return answers;
};

describe('deadline compliance: properties', () => {
  it('agrees with the aggregate on open and overdue reports, and with the events on answers and the median', () => {
    fc.assert(
      fc.property(histories, (simulated) => {
        const log = reportLog();
        for (const report of simulated) log.append(report.stream, report.events);
        const documents = project(log.events);
        for (const region of new Set(simulated.map((report) => report.region))) {
          const mine = simulated.filter((report) => report.region === region);
          const document = documents.get(regionComplianceId(region));
          const tally = addComplianceTallies(document?.kind === 'region' ? document.bodies : []);
          const open = mine.filter((r) => r.state.status === 'registered' || r.state.status === 'assigned');
          expect(tally.open).toBe(open.length);
          expect(tally.overdue).toBe(open.filter((r) => r.state.overdue).length);
          const answers = mine.flatMap(answerDays);
          expect(tally.answeredOnTime).toBe(answers.filter((a) => !a.late).length);
          expect(tally.answeredLate).toBe(answers.filter((a) => a.late).length);
          expect(medianOfHistogram(tally.daysToAnswer)).toEqual(directMedian(answers.map((a) => a.days)));
          if (document?.kind === 'region') {
            // No body is listed with nothing to show, and the office comes first.
            for (const b of document.bodies)
              expect(b.open + b.answeredOnTime + b.answeredLate).toBeGreaterThan(0);
            expect(document.bodies.slice(1).some((b) => b.unit === null)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads the same median from a histogram as from the list it counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 40 }), (days) => {
        const counts = emptyComplianceTally().daysToAnswer.map(() => 0);
        for (const d of days)
          counts[Math.min(d, ANSWER_DAYS_CAP)] = (counts[Math.min(d, ANSWER_DAYS_CAP)] ?? 0) + 1;
        expect(medianOfHistogram(counts)).toEqual(directMedian(days));
      }),
    );
  });
});
