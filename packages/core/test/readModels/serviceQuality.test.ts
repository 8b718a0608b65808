/**
 * The service-quality read model: events come from commands run through the ServiceRating decider (the
 * Digital Agent), and every figure is checked against a scenario worked out by hand and, for random
 * histories, against the ratings' own states.
 *
 * The dates sit around Nauryz 2026: 21–25 March are weekend days and days off, so a rating given on Thursday
 * 19 March is due for a response on Friday 27 March.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { LocalDate, RecordedEvent, RegionCode, ServiceRatingCommand } from '../../src/index.js';
import { addDays, encodeChanges, ServiceRating } from '../../src/index.js';
import type {
  ServiceQualityDocument,
  ServiceQualityRecordDocument,
} from '../../src/readModels/serviceQuality.js';
import { SERVICE_QUALITY, serviceQualityIds as ids } from '../../src/readModels/serviceQuality.js';
import type { ServiceQualityFigures } from '../../src/readModels/serviceQualityFigures.js';
import {
  addServiceQualityFigures,
  emptyServiceQualityFigures,
  RESPONSE_DAYS_BUCKETS,
  serviceQualityContribution,
  serviceQualitySummary,
} from '../../src/readModels/serviceQualityFigures.js';
import { documentsOf, recordedLog } from './recordedLog.js';

const on = (date: string, time = '12:00'): Date => new Date(`${date}T${time}:00+05:00`);
const en = (text: string) => ({ text, language: 'en' as const });
type Command = ServiceRatingCommand;

const S1 = { code: '00701001', name: { en: 'Registration of residence' } };
const S2 = { code: '00502003', name: { en: 'Issue of a driving licence' } };
const P1 = {
  kind: 'publicServiceCentre' as const,
  id: 'PSC-ALM-AUEZOV-2',
  name: { en: 'PSC Auezov, branch 2' },
};
const P2 = { kind: 'eGov' as const, id: 'EGOV' };
const P3 = { kind: 'publicServiceCentre' as const, id: 'PSC-AST-ESIL-1' };
const COMMENT = en('The operator asked for 5,000 tenge "for speed"');

const pseudonym = (n: number) => `${n}`.padStart(64, 'f');
const stream = (n: number, region: RegionCode = 'KZ-75') => `rating-${region}-${pseudonym(n)}`;

const rate = (
  n: number,
  score: number,
  service: typeof S1,
  provider: typeof P1 | typeof P2 | typeof P3,
  options: { readonly region?: RegionCode; readonly date?: string; readonly informal?: boolean } = {},
): Command => ({
  type: 'RateService',
  at: on(options.date ?? '2026-03-19'),
  pseudonym: pseudonym(n),
  service,
  provider,
  region: options.region ?? 'KZ-75',
  receivedAt: on(options.date ?? '2026-03-19', '11:25'),
  score,
  criteria: { informalPaymentDemanded: options.informal ?? false },
  comment: COMMENT,
});
const correct = (date: string, score: number): Command => ({
  type: 'CorrectRating',
  at: on(date),
  score,
  criteria: { informalPaymentDemanded: false },
  reason: en('I pressed the wrong star'),
});
const flag = (date: string, reportId: string): Command => ({
  type: 'FlagViolation',
  at: on(date),
  violation: 'informalPayment',
  flaggedBy: 'rater',
  description: en('An informal payment was asked for'),
  linkedReportId: reportId,
});
const respond = (date: string): Command => ({
  type: 'RespondToRating',
  at: on(date),
  response: en('The operator was suspended'),
  respondedBy: 'officer-75-014',
});
const resolve = (
  date: string,
  reportId: string,
  resolution: Extract<Command, { type: 'ResolveFlag' }>['resolution'] = 'violationConfirmed',
): Command => ({
  type: 'ResolveFlag',
  at: on(date),
  reportId,
  resolution,
  note: en('Confirmed by the branch video'),
});

const project = (events: readonly RecordedEvent[]) => documentsOf(SERVICE_QUALITY, events);

/** Figures with every count zero but those given. */
const figures = (given: Partial<ServiceQualityFigures>): ServiceQualityFigures => ({
  ...emptyServiceQualityFigures,
  ...given,
});
const histogram = (days: Readonly<Record<number, number>>): number[] =>
  Array.from({ length: RESPONSE_DAYS_BUCKETS }, (_, i) => days[i] ?? 0);
const figuresOf = (document: ServiceQualityDocument | undefined): ServiceQualityFigures => {
  if (document === undefined || document.kind === 'rating' || document.kind === 'ledger') {
    return emptyServiceQualityFigures;
  }
  const picked = Object.keys(emptyServiceQualityFigures).map((key) => [
    key,
    document[key as keyof typeof document],
  ]);
  return Object.fromEntries(picked) as ServiceQualityFigures;
};

/**
 * A: low with an informal payment, flagged, answered the next day, the flag confirmed. B: 4 corrected to 2,
 * which starts a deadline that is still open. C: 5, flagged by a monitor, answered late, the flag open.
 * D: 3, nothing else. E: in Astana, low and answered the same day.
 */
const scenario = () => {
  const log = recordedLog();
  const run = (name: string, ...commands: Command[]) => {
    for (const command of commands) log.accept(ServiceRating, name, command);
  };
  run(stream(1), rate(1, 1, S1, P1, { informal: true }), flag('2026-03-19', 'report-KZ-75-a'));
  run(stream(1), respond('2026-03-20'), resolve('2026-03-26', 'report-KZ-75-a'));
  run(stream(2), rate(2, 4, S1, P1), correct('2026-03-20', 2));
  run(stream(3), rate(3, 5, S2, P2), flag('2026-03-19', 'report-KZ-75-c'), respond('2026-04-02'));
  run(stream(4), rate(4, 3, S2, P1));
  run(stream(5, 'KZ-71'), rate(5, 2, S1, P3, { region: 'KZ-71' }), respond('2026-03-19'));
  return log;
};

describe('SERVICE_QUALITY', () => {
  const log = scenario();
  const documents = project(log.events);
  const doc = (id: string) => documents.get(id);
  const daysTaken = (n: number, region: RegionCode = 'KZ-75') => {
    const responded = log.events.find(
      (e) => e.streamName === stream(n, region) && e.type === 'RatingResponded',
    );
    return (responded?.data as { deadline?: { workingDaysTaken: number } }).deadline?.workingDaysTaken;
  };

  it('measures the response days as the decider recorded them', () => {
    // 19 → 20 March is one working day; 19 March → 2 April crosses Nauryz: 20, 26, 27, 30, 31 March, 1, 2 April.
    expect([daysTaken(1), daysTaken(3), daysTaken(5, 'KZ-71')]).toEqual([1, 7, 0]);
  });

  it('gives a region’s scores, flags and response times', () => {
    expect(doc(ids.region('KZ-75'))).toEqual({
      kind: 'region',
      region: 'KZ-75',
      ...figures({
        ratings: 4,
        scoreSum: 1 + 2 + 5 + 3,
        distribution: { 1: 1, 2: 1, 3: 1, 4: 0, 5: 1 },
        lowScores: 2,
        informalPayments: 1,
        corrected: 1,
        flagsRaised: 2,
        flagsOpen: 1,
        flagsConfirmed: 1,
        deadlinesStarted: 3,
        deadlinesOpen: 1,
        respondedOnTime: 1,
        respondedLate: 1,
        responseDays: histogram({ 1: 1, 7: 1 }),
        responseWorkingDaysSum: 8,
        // B's correction on Friday 20 March: 3 working days after Nauryz.
        openDeadlines: [{ dueOn: '2026-03-30' as LocalDate, count: 1 }],
      }),
    });
    expect(doc(ids.region('KZ-71'))).toEqual({
      kind: 'region',
      region: 'KZ-71',
      ...figures({
        ratings: 1,
        scoreSum: 2,
        distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
        lowScores: 1,
        deadlinesStarted: 1,
        respondedOnTime: 1,
        responseDays: histogram({ 0: 1 }),
      }),
    });
  });

  it('gives each service’s figures in a region, with its name', () => {
    expect(doc(ids.service('KZ-75', S1.code))).toEqual({
      kind: 'service',
      region: 'KZ-75',
      serviceCode: S1.code,
      name: S1.name,
      ...figures({
        ratings: 2,
        scoreSum: 3,
        distribution: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 0 },
        lowScores: 2,
        informalPayments: 1,
        corrected: 1,
        flagsRaised: 1,
        flagsConfirmed: 1,
        deadlinesStarted: 2,
        deadlinesOpen: 1,
        respondedOnTime: 1,
        responseDays: histogram({ 1: 1 }),
        responseWorkingDaysSum: 1,
        openDeadlines: [{ dueOn: '2026-03-30' as LocalDate, count: 1 }],
      }),
    });
    expect(figuresOf(doc(ids.service('KZ-75', S2.code)))).toEqual(
      figures({
        ratings: 2,
        scoreSum: 8,
        distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 },
        flagsRaised: 1,
        flagsOpen: 1,
        deadlinesStarted: 1,
        respondedLate: 1,
        responseDays: histogram({ 7: 1 }),
        responseWorkingDaysSum: 7,
      }),
    );
  });

  it('gives each provider’s figures in a region, with its kind and name', () => {
    expect(doc(ids.provider('KZ-75', P1.id))).toMatchObject({
      kind: 'provider',
      region: 'KZ-75',
      providerId: P1.id,
      providerKind: 'publicServiceCentre',
      name: P1.name,
      ratings: 3,
      scoreSum: 6,
      lowScores: 2,
    });
    const egov = doc(ids.provider('KZ-75', P2.id));
    expect(egov).toMatchObject({ providerKind: 'eGov', ratings: 1, scoreSum: 5, flagsOpen: 1 });
    expect(egov).not.toHaveProperty('name');
  });

  it('summarises: the exact mean, the share on time, the median days and what is overdue on a day', () => {
    const region = figuresOf(doc(ids.region('KZ-75')));
    expect(serviceQualitySummary(region, '2026-03-30' as LocalDate)).toEqual({
      meanScore: 11 / 4,
      onTimeShare: 0.5,
      meanResponseWorkingDays: 4,
      medianResponseWorkingDays: 1,
      deadlinesOverdue: 0,
    });
    expect(serviceQualitySummary(region, '2026-03-31' as LocalDate).deadlinesOverdue).toBe(1);
    expect(serviceQualitySummary(emptyServiceQualityFigures)).toEqual({
      meanScore: null,
      onTimeShare: null,
      meanResponseWorkingDays: null,
      medianResponseWorkingDays: null,
      deadlinesOverdue: null,
    });
  });

  it('never puts the rater’s pseudonym nor what the rater wrote in a public document', () => {
    for (const [id, document] of documents) {
      const json = JSON.stringify(document);
      expect(json).not.toContain(COMMENT.text);
      expect(json).not.toContain('An informal payment was asked for');
      for (let n = 1; n <= 5; n += 1) expect(json).not.toContain(pseudonym(n));
      // Only the internal memory of a rating has the stream, and so the pseudonym, in its id.
      const internal = document.kind === 'rating';
      for (let n = 1; n <= 5; n += 1)
        expect(id.includes(pseudonym(n))).toBe(internal && id.endsWith(pseudonym(n)));
    }
  });

  it('keeps each rating in public, named by its first event, with the events behind its figures', () => {
    const eventOf = (n: number, type: string) =>
      log.events.find((event) => event.streamName === stream(n) && event.type === type)?.id ?? '';
    const record = {
      kind: 'record',
      region: 'KZ-75',
      ratedEventId: eventOf(1, 'ServiceRated'),
      ratedOn: '2026-03-19',
      serviceCode: S1.code,
      providerId: P1.id,
      score: 1,
      lowScore: true,
      informalPayment: true,
      corrected: false,
      scoreEventId: eventOf(1, 'ServiceRated'),
      flagOpen: false,
      deadlineOpen: false,
      deadline: null,
      flags: [
        {
          reportId: 'report-KZ-75-a',
          eventId: eventOf(1, 'ViolationFlagged'),
          flaggedOn: '2026-03-19',
          resolution: 'violationConfirmed',
          resolvedEventId: eventOf(1, 'FlagResolved'),
          resolvedOn: '2026-03-26',
        },
      ],
      responses: [
        {
          eventId: eventOf(1, 'RatingResponded'),
          respondedOn: '2026-03-20',
          onTime: true,
          workingDaysTaken: 1,
        },
      ],
    };
    expect(doc(ids.record('KZ-75', eventOf(1, 'ServiceRated')))).toEqual(record);
    // The internal memory is the same, under an id that names the stream.
    expect(doc(ids.rating('KZ-75', stream(1)))).toEqual({ ...record, kind: 'rating' });
    expect(doc(ids.record('KZ-75', eventOf(2, 'ServiceRated')))).toMatchObject({
      score: 2,
      corrected: true,
      scoreEventId: eventOf(2, 'RatingCorrected'),
      deadlineOpen: true,
      deadline: { startedOn: '2026-03-20', dueOn: '2026-03-30', eventId: eventOf(2, 'RatingCorrected') },
    });
    expect(doc(ids.record('KZ-75', eventOf(3, 'ServiceRated')))).toMatchObject({
      flagOpen: true,
      flags: [{ reportId: 'report-KZ-75-c', resolution: null }],
    });
    expect([...documents.keys()].filter((id) => id.startsWith(ids.records('KZ-75')))).toHaveLength(4);
  });

  it('lists each grouping by prefix, and writes documents its codec accepts', () => {
    const listed = (prefix: string) => [...documents.keys()].filter((id) => id.startsWith(prefix)).sort();
    expect(listed(ids.regions)).toEqual(['region:KZ-71', 'region:KZ-75']);
    expect(listed(ids.services('KZ-75'))).toEqual([`service:KZ-75:${S2.code}`, `service:KZ-75:${S1.code}`]);
    expect(listed(ids.providers('KZ-75'))).toEqual([`provider:KZ-75:${P2.id}`, `provider:KZ-75:${P1.id}`]);
    expect(listed(ids.services())).toHaveLength(3);
    const changes = [...documents].map(([id, document]) => ({ op: 'put' as const, id, document }));
    expect(E.isRight(encodeChanges(SERVICE_QUALITY, changes))).toBe(true);
  });

  it('ignores events of a rating never given, and a replayed event changes nothing', () => {
    const [rated, flagged] = log.events.filter((event) => event.streamName === stream(1));
    if (rated === undefined || flagged === undefined) throw new Error('the scenario has rating 1');
    expect(project([flagged]).size).toBe(0);
    expect(project([rated, flagged, flagged])).toEqual(project([rated, flagged]));
    expect(project([rated, rated])).toEqual(project([rated]));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random histories: ratings of two regions, services and providers, corrected, flagged, answered and
// resolved on random later days (refused commands leave no event).

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const history = fc.record({
  ratings: fc.array(
    fc.record({
      region: fc.constantFrom<RegionCode>('KZ-71', 'KZ-75'),
      score: fc.integer({ min: 1, max: 5 }),
      service: fc.constantFrom(S1, S2),
      provider: fc.constantFrom(P1, P2, P3),
      informal: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  steps: fc.array(
    fc.record({
      rating: fc.nat(),
      step: fc.constantFrom('correct', 'flag', 'respond', 'resolve'),
      score: fc.integer({ min: 1, max: 5 }),
      report: fc.integer({ min: 1, max: 3 }),
      daysLater: fc.integer({ min: 0, max: 6 }),
      resolution: fc.constantFrom('violationConfirmed', 'notConfirmed', 'referredForInvestigation'),
    }),
    { maxLength: 40 },
  ),
});

const runHistory = ({ ratings, steps }: ValueOf<typeof history>) => {
  const log = recordedLog();
  const streams = ratings.map((r, i) => {
    const name = stream(i + 1, r.region);
    log.accept(ServiceRating, name, rate(i + 1, r.score, r.service, r.provider, r));
    return name;
  });
  let today = '2026-03-19' as LocalDate;
  for (const s of steps) {
    today = addDays(today, s.daysLater);
    const name = streams[s.rating % streams.length] ?? '';
    const reportId = `report-${name.slice(7, 12)}-${s.rating % streams.length}-${s.report}`;
    const command = {
      correct: () => correct(today, s.score),
      flag: () => flag(today, reportId),
      respond: () => respond(today),
      // One of the rating's own flags, so that resolutions happen.
      resolve: () => {
        const flags = log.state(ServiceRating, name).flags;
        return resolve(
          today,
          flags[s.report % Math.max(1, flags.length)]?.reportId ?? reportId,
          s.resolution,
        );
      },
    }[s.step]();
    log.run(ServiceRating, name, command);
  }
  return { log, streams };
};

const sum = (list: readonly ServiceQualityFigures[]) =>
  list.reduce((total, f) => addServiceQualityFigures(total, f), emptyServiceQualityFigures);

describe('SERVICE_QUALITY properties', () => {
  it('each rating is remembered as its own state says, and the mean is the mean of the current scores', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { log, streams } = runHistory(h);
        const documents = project(log.events);
        for (const region of ['KZ-71', 'KZ-75'] as const) {
          const states = streams
            .filter((name) => name.startsWith(`rating-${region}-`))
            .map((name) => ({ name, state: log.state(ServiceRating, name) }));
          for (const { name, state } of states) {
            const remembered = documents.get(ids.rating(region, name));
            expect(remembered).toMatchObject({
              score: state.current?.score,
              lowScore: state.current?.lowScore,
              corrected: state.corrections > 0,
              deadline: state.deadline === undefined ? null : state.deadline,
              flags: state.flags.map((f) => ({ reportId: f.reportId, resolution: f.resolution ?? null })),
            });
          }
          const total = figuresOf(documents.get(ids.region(region)));
          const scores = states.map(({ state }) => state.current?.score ?? 0);
          expect(total.ratings).toBe(scores.length);
          expect(total.scoreSum).toBe(scores.reduce((a, b) => a + b, 0));
          const { meanScore } = serviceQualitySummary(total);
          if (scores.length === 0) expect(meanScore).toBeNull();
          else expect(meanScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
          for (const score of [1, 2, 3, 4, 5] as const) {
            expect(total.distribution[score]).toBe(scores.filter((s) => s === score).length);
          }
        }
      }),
    );
  });

  it('each grouping’s figures are the sum over its public records, and its counts add up', () => {
    fc.assert(
      fc.property(history, (h) => {
        const documents = project(runHistory(h).log.events);
        // The public records are the evidence: the figures are sums over them.
        const records = [...documents.values()].filter(
          (d): d is ServiceQualityRecordDocument => d.kind === 'record',
        );
        const internal = [...documents.values()].filter((d) => d.kind === 'rating');
        expect(internal.map((d) => ({ ...d, kind: 'record' }))).toEqual(records);
        const of = (keep: (r: ServiceQualityRecordDocument) => boolean) =>
          sum(records.filter(keep).map(serviceQualityContribution));
        for (const region of ['KZ-71', 'KZ-75'] as const) {
          const inRegion = (r: ServiceQualityRecordDocument) => r.region === region;
          const groups: [ServiceQualityFigures, ServiceQualityFigures][] = [
            [figuresOf(documents.get(ids.region(region))), of(inRegion)],
            ...[S1, S2].map((s): [ServiceQualityFigures, ServiceQualityFigures] => [
              figuresOf(documents.get(ids.service(region, s.code))),
              of((r) => inRegion(r) && r.serviceCode === s.code),
            ]),
            ...[P1, P2, P3].map((p): [ServiceQualityFigures, ServiceQualityFigures] => [
              figuresOf(documents.get(ids.provider(region, p.id))),
              of((r) => inRegion(r) && r.providerId === p.id),
            ]),
          ];
          for (const [stored, expected] of groups) {
            expect(stored).toEqual(expected);
            const added = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
            expect(added(Object.values(stored.distribution))).toBe(stored.ratings);
            expect(
              stored.flagsOpen + stored.flagsConfirmed + stored.flagsNotConfirmed + stored.flagsReferred,
            ).toBe(stored.flagsRaised);
            expect(stored.deadlinesOpen + stored.respondedOnTime + stored.respondedLate).toBe(
              stored.deadlinesStarted,
            );
            expect(added(stored.responseDays)).toBe(stored.respondedOnTime + stored.respondedLate);
            expect(added(stored.openDeadlines.map((d) => d.count))).toBe(stored.deadlinesOpen);
          }
        }
      }),
    );
  });
});
