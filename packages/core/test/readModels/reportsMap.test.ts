/**
 * The reports map: one public document per report (coarsened point, status, category, channel, day of
 * submission, overdue flag) and one count per region, built from CitizenReport events made by the
 * aggregate itself. Precise points and the reporter never reach a document.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { addDays, domainEnvironment, encodeChanges, localDate, REGIONS, replay } from '../../src/index.js';
import type { GeoPoint, RecordedEvent, RegionCode } from '../../src/index.js';
import { CitizenReport, CitizenReportEvents } from '../../src/reports/index.js';
import type {
  CitizenReportCommand,
  CitizenReportEvent,
  CitizenReportState,
  ReportStatus,
} from '../../src/reports/index.js';
import {
  emptyReportMapCounts,
  REPORT_MAP_STATUSES,
  reportMapCountsId,
  reportMapFeatureId,
  REPORTS_MAP,
  reportsMap,
  ReportsMapDocument,
} from '../../src/readModels/reportsMap.js';
import type { ReportMapCounts, ReportMapFeature } from '../../src/readModels/reportsMap.js';
import {
  answer,
  assign,
  close,
  day,
  escalate,
  extend,
  followUp,
  markDuplicate,
  markOverdue,
  redirect,
  register,
  reject,
  reopen,
  submit,
  submitIn,
  withdraw,
  attach,
} from '../reports/CitizenReportFixtures.js';
import { history, toCommand } from '../reports/CitizenReportArbitraries.js';
import type { Step } from '../reports/CitizenReportArbitraries.js';
import { documentsOf } from './recordedLog.js';
import { accepted, reportLog } from './reportLog.js';

// ---------------------------------------------------------------------------------------------------------
// Events as a store records them.

const project = (events: readonly RecordedEvent[], projection = REPORTS_MAP) =>
  documentsOf(projection, events);

const feature = (documents: ReadonlyMap<string, ReportsMapDocument>, id: string): ReportMapFeature => {
  const document = documents.get(id);
  if (document?.kind !== 'report') throw new Error(`no report document ${id}`);
  return document;
};

const counts = (documents: ReadonlyMap<string, ReportsMapDocument>, region: RegionCode): ReportMapCounts => {
  const document = documents.get(reportMapCountsId(region));
  if (document?.kind !== 'count') throw new Error(`no counts of ${region}`);
  return document;
};

const STREAM = 'report-KZ-71-0195a3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
const ID = reportMapFeatureId('KZ-71', STREAM);
/** A point given to six decimals, about 10 cm. */
const PRECISE: GeoPoint = { lat: 51.128456, lon: 71.430789 };

/** The feature after each prefix of the commands (one entry per command). */
const featureAfterEach = (commands: readonly CitizenReportCommand[]): ReportMapFeature[] => {
  const events = accepted(commands);
  return commands.map((_, index) => {
    const upTo = accepted(commands.slice(0, index + 1)).length;
    const log = reportLog();
    log.append(STREAM, events.slice(0, upTo));
    return feature(project(log.events), ID);
  });
};

describe('reports map: one public document per report', () => {
  it('shows a submitted report with its coarsened point, category, channel and day', () => {
    const log = reportLog();
    log.append(STREAM, accepted([submit({ point: PRECISE, channel: 'callCentre1424' })]));
    const documents = project(log.events);
    expect(feature(documents, ID)).toEqual({
      kind: 'report',
      report: STREAM,
      region: 'KZ-71',
      status: 'submitted',
      category: 'misuseOfFunds',
      channel: 'callCentre1424',
      submittedOn: '2026-03-04',
      point: { lat: 51.128, lon: 71.431 },
      overdue: false,
    });
    expect(counts(documents, 'KZ-71')).toMatchObject({ total: 1, overdue: 0 });
    expect([...documents.keys()].sort()).toEqual(['KZ-71:' + STREAM, 'count:KZ-71']);
  });

  it('follows a report through registration, extension, answer, closing and reopening', () => {
    const steps = featureAfterEach([
      submit(),
      register(),
      assign(),
      extend('2026-03-20', '2026-04-20'),
      answer('2026-04-10'),
      close('2026-04-13', 'partlyConfirmed'),
      reopen('2026-04-20'),
    ]);
    expect(steps.map((step) => step.status)).toEqual([
      'submitted',
      'registered',
      'assigned',
      'assigned',
      'answered',
      'closed',
      'assigned',
    ]);
    expect(steps.map((step) => step.dueOn)).toEqual([
      undefined,
      '2026-04-02',
      '2026-04-02',
      '2026-04-20',
      '2026-04-20',
      '2026-04-20',
      // Reopened on Monday 20 April: 15 working days later (1 and 7 May are days off, and 11 May for
      // Victory Day on a Saturday).
      '2026-05-14',
    ]);
    expect(steps.map((step) => step.outcome)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'partlyConfirmed',
      undefined,
    ]);
  });

  it.each([
    ['redirected', [submit(), register(), redirect('2026-03-10')]],
    ['duplicate', [submit(), markDuplicate('2026-03-05')]],
    ['rejected', [submit(), register(), reject('2026-03-10')]],
    ['escalated', [submit(), register(), assign(), escalate('2026-03-12')]],
    ['withdrawn', [submit(), withdraw('2026-03-05', 'solved')]],
  ] as const)('shows a report that left by a side exit as %s', (status, commands) => {
    const log = reportLog();
    log.append(STREAM, accepted(commands));
    const documents = project(log.events);
    expect(feature(documents, ID).status).toBe(status);
    expect(counts(documents, 'KZ-71').byStatus).toEqual({
      ...emptyReportMapCounts('KZ-71').byStatus,
      [status]: 1,
    });
  });

  it('flags an open report marked overdue, and clears the flag once it is answered', () => {
    const open = [submit(), register(), assign()];
    const overdue = featureAfterEach([...open, markOverdue('2026-04-03'), answer('2026-04-06')]);
    expect(overdue.map((step) => step.overdue)).toEqual([false, false, false, true, false]);

    const log = reportLog();
    log.append(STREAM, accepted([...open, markOverdue('2026-04-03')]));
    expect(counts(project(log.events), 'KZ-71')).toMatchObject({ total: 1, overdue: 1 });
    const later = reportLog();
    later.append(STREAM, accepted([...open, markOverdue('2026-04-03'), withdraw('2026-04-04')]));
    expect(counts(project(later.events), 'KZ-71')).toMatchObject({ total: 1, overdue: 0 });
  });

  it('changes nothing on evidence and follow-ups', () => {
    const log = reportLog();
    log.append(
      STREAM,
      accepted([submit(), attach('2026-03-05'), followUp('2026-03-05', 'office'), register()]),
    );
    const [submitted, evidence, followed] = log.events;
    expect(submitted && evidence && followed).toBeTruthy();
    const projection = REPORTS_MAP;
    for (const recorded of [evidence, followed]) {
      if (recorded === undefined) continue;
      const event = CitizenReportEvents.decode(recorded);
      if (E.isLeft(event)) throw new Error(event.left.message);
      expect(projection.reads(event.right, recorded)).toEqual([]);
      expect(projection.apply(event.right, recorded, () => undefined)).toEqual([]);
    }
    expect(feature(project(log.events), ID).status).toBe('registered');
  });
});

describe('reports map: what the public never sees', () => {
  it('keeps no precise point, reporter, description or budget object in any document', () => {
    const log = reportLog();
    log.append(
      STREAM,
      accepted([
        submit({
          point: PRECISE,
          reporter: {
            kind: 'identified',
            subjectId: 'subject-42',
            name: 'Aigerim Nurlanovna',
            phone: '+7 701 555 12 34',
          },
          description: { text: 'Прораб Ержан Касымов продаёт цемент со стройки', language: 'ru' },
          budgetObject: { name: 'School No. 17 construction', programmeCode: '261-015', amount: 42n },
        }),
        register(),
        assign(),
        answer('2026-03-20'),
        close('2026-03-23'),
      ]),
    );
    const other = reportLog();
    other.append(
      'report-KZ-75-0195a3c2-0000-7000-8000-000000000001',
      accepted([submitIn('KZ-75', { lat: 43.238949, lon: 76.889709 })]),
    );
    const json = JSON.stringify([...project([...log.events, ...other.events])]);
    for (const secret of [
      '51.128456',
      '71.430789',
      '43.238949',
      '76.889709',
      'subject-42',
      'Aigerim',
      '701 555',
      'Касымов',
      'School No. 17',
      '261-015',
      'scrypt',
      'description',
      'reporter',
      'evidence',
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(json).toContain('"lat":51.128');
    expect(json).toContain('"lon":71.431');
    expect(json).toContain('"lat":43.239');
    expect(json).toContain('"lon":76.89');
  });

  it("coarsens to the region's policy", () => {
    const environment = domainEnvironment({
      policies: { regions: { 'KZ-71': { publicCoordinateDecimals: 2 } } },
    });
    const log = reportLog();
    log.append(STREAM, accepted([submit({ point: PRECISE })]));
    expect(feature(project(log.events, reportsMap(environment)), ID).point).toEqual({
      lat: 51.13,
      lon: 71.43,
    });
  });

  it('stores documents its codec accepts', () => {
    const log = reportLog();
    log.append(STREAM, accepted([submit({ point: PRECISE }), register(), assign(), answer('2026-03-20')]));
    const changes = [...project(log.events)].map(([id, document]) => ({ op: 'put' as const, id, document }));
    const encoded = encodeChanges(REPORTS_MAP, changes);
    expect(E.isRight(encoded)).toBe(true);
    for (const change of E.isRight(encoded) ? encoded.right : []) {
      if (change.op === 'put')
        expect(ReportsMapDocument.decode(change.document)).toEqual(
          E.right(changes.find((c) => c.id === change.id)?.document),
        );
    }
  });
});

describe('reports map: counts by region', () => {
  it('counts each region apart, by status and by category, and lists a region by prefix', () => {
    const log = reportLog();
    const astana = (n: number) => `report-KZ-71-0195a3c2-0000-7000-8000-00000000000${n}`;
    const almaty = (n: number) => `report-KZ-75-0195a3c2-0000-7000-8000-00000000000${n}`;
    log.append(astana(1), accepted([submit({ category: 'procurement' })]));
    log.append(astana(2), accepted([submit({ category: 'procurement' }), register()]));
    log.append(astana(3), accepted([submit({ category: 'briberyOrExtortion' }), register(), assign()]));
    log.append(almaty(1), accepted([submitIn('KZ-75', { lat: 43.24, lon: 76.89 }), register()]));
    const documents = project(log.events);

    expect(counts(documents, 'KZ-71')).toEqual({
      ...emptyReportMapCounts('KZ-71'),
      total: 3,
      byStatus: { ...emptyReportMapCounts('KZ-71').byStatus, submitted: 1, registered: 1, assigned: 1 },
      byCategory: { ...emptyReportMapCounts('KZ-71').byCategory, procurement: 2, briberyOrExtortion: 1 },
    });
    expect(counts(documents, 'KZ-75')).toMatchObject({ total: 1, byStatus: { registered: 1 } });
    expect([...documents.keys()].filter((id) => id.startsWith('KZ-71:')).sort()).toEqual(
      [1, 2, 3].map((n) => `KZ-71:${astana(n)}`),
    );
  });

  it('shows nothing of a stream whose name carries no region', () => {
    const log = reportLog();
    log.append('report-KZ-00-national-1', accepted([submit(), register()]));
    expect(project(log.events).size).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random histories of several reports.

const OPEN: readonly ReportStatus[] = ['registered', 'assigned'];

interface Simulated {
  readonly stream: string;
  readonly region: RegionCode;
  readonly point: GeoPoint;
  readonly events: readonly CitizenReportEvent[];
  readonly state: CitizenReportState;
}

/** Runs one report's steps through the aggregate as a command handler would, skipping refused commands. */
const simulate = (
  index: number,
  startDay: number,
  steps: readonly Step[],
  point: (region: RegionCode) => GeoPoint,
): Simulated | undefined => {
  const first = steps[0]?.spec;
  if (first?.kind !== 'SubmitReport') return undefined;
  const region = first.region;
  const precise = point(region);
  const { decider } = CitizenReport;
  let state = decider.initialState;
  let today = addDays(day('2025-01-01'), startDay);
  const events: CitizenReportEvent[] = [];
  for (const { advanceDays, minute, spec } of steps) {
    today = addDays(today, advanceDays);
    const at = new Date(Date.parse(`${today}T00:00:00Z`) + (minute - 300) * 60_000);
    const command = toCommand(spec, at, today);
    const result = decider.decide(
      command.type === 'SubmitReport' ? { ...command, point: precise } : command,
      state,
    );
    if (E.isLeft(result)) continue;
    events.push(...result.right);
    state = replay(decider, result.right, state);
  }
  return {
    stream: `report-${region}-0195a3c2-0000-7000-8000-${String(index).padStart(12, '0')}`,
    region,
    point: precise,
    events,
    state,
  };
};

/** A point inside a region's box, to six decimals whose last is never 0 (so coarsening always changes it). */
const precisePoint = fc
  .tuple(fc.integer({ min: 1, max: 999_998 }), fc.integer({ min: 1, max: 999_998 }))
  .filter(([a, b]) => a % 10 !== 0 && b % 10 !== 0)
  .map(([a, b]) => (region: RegionCode): GeoPoint => {
    const [south, west, north, east] = REGIONS[region].extent;
    const micro = (low: number, high: number, share: number) =>
      Math.round((low + ((high - low) * share) / 1_000_000) * 1e6) / 1e6;
    const lat = micro(south, north, a);
    const lon = micro(west, east, b);
    // Rounding may land on a multiple of 10 micro-degrees: nudge it to keep a sixth decimal.
    const keep = (x: number) => (Math.round(x * 1e6) % 10 === 0 ? Math.round(x * 1e6 + 1) / 1e6 : x);
    return { lat: keep(lat), lon: keep(lon) };
  });

const reports = fc.array(fc.tuple(history, precisePoint), { minLength: 1, maxLength: 6 }).map((drawn) =>
  drawn.flatMap(([{ startDay, steps }, point], index) => {
    const simulated = simulate(index, startDay, steps, point);
    return simulated === undefined ? [] : [simulated];
  }),
);

/**
 * The reports' events, interleaved by their instants as several portals would write them, each report's
 * own events in their order (a command may carry an earlier instant than the one before it).
 */
const interleave = (simulated: readonly Simulated[]): readonly RecordedEvent[] => {
  const log = reportLog();
  const next = simulated.map(() => 0);
  const instant = (event: CitizenReportEvent) => (event.data as { readonly at: Date }).at.getTime();
  for (;;) {
    let pick: number | undefined;
    simulated.forEach((report, index) => {
      const head = report.events[next[index] ?? 0];
      const best = pick === undefined ? undefined : simulated[pick]?.events[next[pick] ?? 0];
      if (head !== undefined && (best === undefined || instant(head) < instant(best))) pick = index;
    });
    if (pick === undefined) return log.events;
    const report = simulated[pick];
    const event = report?.events[next[pick] ?? 0];
    if (report === undefined || event === undefined) return log.events;
    log.append(report.stream, [event]);
    next[pick] = (next[pick] ?? 0) + 1;
  }
};

describe('reports map: properties', () => {
  it('counts every report once, in the status the aggregate gives it, with no precise point anywhere', () => {
    fc.assert(
      fc.property(reports, (simulated) => {
        const documents = project(interleave(simulated));
        for (const report of simulated) {
          const shown = feature(documents, reportMapFeatureId(report.region, report.stream));
          expect(shown.status).toBe(report.state.status);
          expect(shown.overdue).toBe(OPEN.includes(report.state.status) && report.state.overdue);
          expect(shown.submittedOn).toBe(
            localDate((report.events[0]?.data as { at: Date } | undefined)?.at ?? new Date(NaN)),
          );
        }
        const regions = new Set(simulated.map((report) => report.region));
        for (const region of regions) {
          const mine = simulated.filter((report) => report.region === region);
          const count = counts(documents, region);
          expect(count.total).toBe(mine.length);
          expect(Object.values(count.byStatus).reduce((a, b) => a + b, 0)).toBe(mine.length);
          expect(Object.values(count.byCategory).reduce((a, b) => a + b, 0)).toBe(mine.length);
          for (const status of REPORT_MAP_STATUSES) {
            expect(count.byStatus[status]).toBe(
              mine.filter((report) => report.state.status === status).length,
            );
          }
          expect(count.overdue).toBe(
            mine.filter((report) => OPEN.includes(report.state.status) && report.state.overdue).length,
          );
        }
        expect(documents.size).toBe(simulated.length + regions.size);
        const json = JSON.stringify([...documents]);
        for (const report of simulated) {
          expect(json).not.toContain(String(report.point.lat));
          expect(json).not.toContain(String(report.point.lon));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same documents on every replay', () => {
    fc.assert(
      fc.property(reports, (simulated) => {
        const events = interleave(simulated);
        expect(project(events)).toEqual(project(events));
      }),
      { numRuns: 50 },
    );
  });
});
