/**
 * Properties of the ServiceRating decider over random command sequences (valid commands in any order, on a
 * small pool of report ids so that they often meet), in two regions with different policies: the
 * invariants hold after every sequence, and replaying the events gives the same state every time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { addDays, addWorkingDays, domainEnvironment, replay } from '../../src/index.js';
import type { RegionCode } from '../../src/index.js';
import { ServiceRatingEvents, serviceRating } from '../../src/ratings/index.js';
import type {
  ServiceRatingCommand,
  ServiceRatingEvent,
  ServiceRatingState,
} from '../../src/ratings/index.js';
import { PROVIDER, correct, day, flag, on, rate, resolve, respond } from './ServiceRatingFixtures.js';

// Almaty counts a 3 as low and gives 5 working days; Astana keeps the defaults.
const environment = domainEnvironment({
  policies: { regions: { 'KZ-75': { lowScoreThreshold: 3, ratingResponseWorkingDays: 5 } } },
});
const Rating = serviceRating(environment);
const ASTANA_PSC = { ...PROVIDER, id: 'PSC-AST-ESIL-1', point: { lat: 51.128, lon: 71.43 } };
const START = day('2026-03-02');
const REPORTS = ['report-1', 'report-2', 'report-3'];

type Dated = (date: string) => ServiceRatingCommand;

const score = fc.integer({ min: 1, max: 5 });
const report = fc.constantFrom(...REPORTS);
const region = fc.constantFrom<RegionCode>('KZ-75', 'KZ-71');
const command: fc.Arbitrary<Dated> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .tuple(score, region, fc.integer({ min: -120, max: 5 }))
      .map(([s, r, minutes]) => (d: string) => {
        const at = on(d);
        return {
          ...rate(s, r === 'KZ-71' ? { region: r, provider: ASTANA_PSC } : {}),
          at,
          receivedAt: new Date(at.getTime() + minutes * 60_000),
        };
      }),
  },
  { weight: 2, arbitrary: score.map((s) => (d: string) => correct(d, s)) },
  {
    weight: 3,
    arbitrary: fc.tuple(report, fc.constantFrom('informalPayment' as const, 'rudeness' as const)).map(
      ([id, kind]) =>
        (d: string) =>
          flag(d, id, kind),
    ),
  },
  { weight: 3, arbitrary: fc.constant((d: string) => respond(d)) },
  { weight: 3, arbitrary: report.map((id) => (d: string) => resolve(d, id)) },
);

/** Random commands a few days apart, starting on 2 March 2026. */
const sequence = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), command), { minLength: 1, maxLength: 40, size: 'max' })
  .map((steps) => {
    let date: string = START;
    return steps.map(([gap, make]) => {
      date = addDays(day(date), gap);
      return make(date);
    });
  });

interface Trace {
  readonly events: ServiceRatingEvent[];
  readonly state: ServiceRatingState;
  readonly refusals: string[];
}

const run = (commands: readonly ServiceRatingCommand[]): Trace => {
  let state = Rating.decider.initialState;
  const events: ServiceRatingEvent[] = [];
  const refusals: string[] = [];
  for (const c of commands) {
    const result = Rating.decider.decide(c, state);
    if (E.isLeft(result)) {
      refusals.push(`${c.type}:${result.left._tag}`);
      continue;
    }
    for (const event of result.right) {
      events.push(event);
      state = Rating.decider.evolve(state, event);
    }
  }
  return { events, state, refusals };
};

describe('ServiceRating properties (random command sequences)', () => {
  it('one rating per service instance: at most one ServiceRated, and the original rating never changes', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, state, refusals } = run(commands);
        const rated = events.filter((e) => e.type === 'ServiceRated');
        expect(rated.length).toBeLessThanOrEqual(1);
        const first = rated[0];
        if (first?.type !== 'ServiceRated') return;
        expect(state.original).toMatchObject({
          score: first.data.score,
          criteria: first.data.criteria,
          ratedOn: first.data.ratedOn,
        });
        // Every RateService after an accepted one is refused by the rule, never appended.
        const ratesAfter = commands.slice(
          commands.findIndex((c) => c.type === 'RateService' && c.receivedAt <= c.at) + 1,
        );
        const refusedRates = refusals.filter((r) => r === 'RateService:OneRatingPerServiceInstance').length;
        expect(refusedRates).toBe(ratesAfter.filter((c) => c.type === 'RateService').length);
      }),
      { numRuns: 300 },
    );
  });

  it("a low score (as the region counts it) always starts a deadline of the region's working days, and only a low score", () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        for (const event of run(commands).events) {
          if (event.type !== 'ServiceRated') continue;
          const policy = environment.policy(event.data.region);
          expect(event.data.lowScore).toBe(event.data.score <= policy.lowScoreThreshold);
          expect(event.data.responseDueOn).toBe(
            event.data.lowScore
              ? addWorkingDays(
                  environment.calendar(event.data.region),
                  event.data.ratedOn,
                  policy.ratingResponseWorkingDays,
                )
              : undefined,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every flag links its own public-service-quality report of this service, and is resolved only after a response that followed it', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, state } = run(commands);
        const flags = events.flatMap((e, i) => (e.type === 'ViolationFlagged' ? [{ e, i }] : []));
        expect(new Set(flags.map(({ e }) => e.data.linkedReport.reportId)).size).toBe(flags.length);
        for (const { e, i } of flags) {
          expect(e.data.linkedReport).toMatchObject({
            category: 'publicServiceQuality',
            service: state.service,
            provider: state.provider,
            region: state.region,
          });
          const resolvedAt = events.findIndex(
            (r) => r.type === 'FlagResolved' && r.data.reportId === e.data.linkedReport.reportId,
          );
          if (resolvedAt < 0) continue;
          expect(events.slice(i + 1, resolvedAt).some((r) => r.type === 'RatingResponded')).toBe(true);
          expect(
            events.filter(
              (r) => r.type === 'FlagResolved' && r.data.reportId === e.data.linkedReport.reportId,
            ),
          ).toHaveLength(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a deadline runs exactly while a low score or a flag waits for a response, and a response says whether it was on time', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, state } = run(commands);
        const lastResponse = events.map((e) => e.type).lastIndexOf('RatingResponded');
        const starts = events
          .slice(lastResponse + 1)
          .filter(
            (e) =>
              e.type === 'ViolationFlagged' ||
              ((e.type === 'ServiceRated' || e.type === 'RatingCorrected') &&
                e.data.responseDueOn !== undefined),
          );
        expect(state.deadline !== undefined).toBe(starts.length > 0);
        for (const e of events) {
          if (e.type === 'RatingResponded' && e.data.deadline !== undefined) {
            expect(e.data.deadline.onTime).toBe(e.data.respondedOn <= e.data.deadline.dueOn);
            expect(e.data.deadline.workingDaysTaken).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("replays deterministically, and every event survives the store's JSON", () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, state } = run(commands);
        expect(replay(Rating.decider, events)).toEqual(state);
        expect(replay(Rating.decider, events)).toEqual(replay(Rating.decider, events));
        for (const event of events) {
          const stored = JSON.parse(JSON.stringify(ServiceRatingEvents.encode(event))) as ReturnType<
            typeof ServiceRatingEvents.encode
          >;
          expect(ServiceRatingEvents.decode(stored)).toEqual(E.right(event));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the generator reaches the interesting states: flags resolved, corrections, late responses', () => {
    const traces = fc.sample(sequence, { numRuns: 300, seed: 20260319 }).map(run);
    const count = (pick: (e: ServiceRatingEvent) => boolean) =>
      traces.filter((tr) => tr.events.some(pick)).length;
    expect(count((e) => e.type === 'FlagResolved')).toBeGreaterThan(20);
    expect(count((e) => e.type === 'RatingCorrected')).toBeGreaterThan(20);
    expect(count((e) => e.type === 'RatingResponded' && e.data.deadline?.onTime === false)).toBeGreaterThan(
      5,
    );
    expect(
      traces.filter((tr) => tr.refusals.includes('RateService:OneRatingPerServiceInstance')).length,
    ).toBeGreaterThan(20);
  });
});
