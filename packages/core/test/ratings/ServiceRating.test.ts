/**
 * ServiceRating (the Digital Agent): the happy path of every command (given/when/then with the exact
 * events), the response deadline over weekends and holidays, regional policy overrides, the state
 * machine's refusals, and the repeats that decide nothing.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar, domainEnvironment, kazakhstanHolidays } from '../../src/index.js';
import {
  FlagResolved,
  RatingCorrected,
  RatingResponded,
  ServiceRated,
  ServiceRating,
  ServiceRatingEvents,
  ViolationFlagged,
  initialRatingState,
  serviceRating,
} from '../../src/ratings/index.js';
import type { ServiceRatingCommand, ServiceRatingEvent } from '../../src/ratings/index.js';
import { DeciderSpecification } from '../../src/testing.js';
import {
  ALMATY,
  ASTANA,
  BRIBE,
  DUE_ON,
  FLAGGED,
  PROVIDER,
  PSEUDONYM,
  RATED,
  RATED_BRIBE,
  RATED_ON,
  REPORT_ID,
  RESPONDED,
  SERVICE,
  correct,
  day,
  en,
  extend,
  flag,
  on,
  rate,
  rateBribe,
  resolve,
  respond,
  stateAfter,
} from './ServiceRatingFixtures.js';

const spec = DeciderSpecification.for(ServiceRating.decider);

describe('ServiceRating: the aggregate', () => {
  it('lives in the rating stream category and knows its 5 events', () => {
    expect(ServiceRating.name).toBe('ServiceRating');
    expect(ServiceRating.category).toBe('rating');
    expect(ServiceRatingEvents.types.size).toBe(5);
    expect(ServiceRating.decider.initialState).toEqual(initialRatingState);
  });

  it('encodes every event it produces to JSON and decodes it back to the same event', () => {
    const all = extend(RESPONDED, resolve('2026-04-03'), correct('2026-04-06', 2));
    expect(new Set(all.map((e) => e.type)).size).toBe(5);
    for (const event of all) {
      const stored = JSON.parse(JSON.stringify(ServiceRatingEvents.encode(event))) as ReturnType<
        typeof ServiceRatingEvents.encode
      >;
      expect(ServiceRatingEvents.decode(stored)).toEqual({ _tag: 'Right', right: event });
    }
  });
});

describe('ServiceRating: the happy path of every command', () => {
  it('RateService records a good rating with no response due', () => {
    const { type: _type, ...data } = rate(4);
    spec
      .given([])
      .when(rate(4))
      .then([ServiceRated.make({ ...data, ratedOn: day(RATED_ON), lowScore: false, lowScoreThreshold: 2 })]);
  });

  it('RateService: a low score starts a response deadline of 3 working days, across the Nauryz days off', () => {
    const { type: _type, ...data } = rateBribe();
    spec
      .given([])
      .when(rateBribe())
      .then([
        ServiceRated.make({
          ...data,
          ratedOn: day(RATED_ON),
          lowScore: true,
          lowScoreThreshold: 2,
          responseDueOn: day(DUE_ON),
        }),
      ]);
    spec
      .given([])
      .when(rate(2))
      .thenState((state) => {
        expect(state.deadline).toEqual({ startedOn: RATED_ON, dueOn: DUE_ON });
        expect(state.original).toMatchObject({ score: 2, lowScore: true, ratedOn: RATED_ON });
      });
  });

  it('RateService counts the day in Kazakhstan: 20:00 UTC is already the next day there', () => {
    const late = {
      ...rate(1),
      at: new Date('2026-03-19T20:00:00Z'),
      receivedAt: new Date('2026-03-19T19:30:00Z'),
    };
    spec
      .given([])
      .when(late)
      .thenState((state) => expect(state.original?.ratedOn).toBe('2026-03-20'));
  });

  it('CorrectRating records a correction beside the original, which never changes', () => {
    spec
      .given(RATED)
      .when(correct('2026-03-20', 5))
      .then([
        RatingCorrected.make({
          at: on('2026-03-20'),
          previousScore: 4,
          score: 5,
          criteria: { informalPaymentDemanded: false, waitingTime: 4, courtesy: 4, waitingMinutes: 15 },
          lowScore: false,
          lowScoreThreshold: 2,
          reason: en('I pressed the wrong star'),
          correctedOn: day('2026-03-20'),
        }),
      ]);
    spec
      .given(RATED)
      .when(correct('2026-03-20', 5))
      .thenState((state) => {
        expect(state.original?.score).toBe(4);
        expect(state.current?.score).toBe(5);
        expect(state.corrections).toBe(1);
      });
  });

  it('CorrectRating that makes a rating low starts a deadline; one already low does not start another', () => {
    spec
      .given(RATED)
      .when(correct('2026-03-20', 1))
      .thenState((state, events) => {
        // Friday 20 March + 3 working days: Thursday 26, Friday 27, Monday 30.
        expect(events[0]?.type === 'RatingCorrected' && events[0].data.responseDueOn).toBe('2026-03-30');
        expect(state.deadline).toEqual({ startedOn: '2026-03-20', dueOn: '2026-03-30' });
      });
    spec
      .given(extend(RATED_BRIBE, respond('2026-03-20')))
      .when(correct('2026-03-26', 2))
      .thenState((state, events) => {
        expect(events[0]?.type === 'RatingCorrected' && events[0].data.responseDueOn).toBeUndefined();
        expect(state.deadline).toBeUndefined();
      });
  });

  it('FlagViolation records what the linked citizen report needs, and starts a response deadline', () => {
    spec
      .given(RATED)
      .when(flag('2026-03-20'))
      .then([
        ViolationFlagged.make({
          at: on('2026-03-20'),
          violation: 'informalPayment',
          flaggedBy: 'rater',
          flaggedOn: day('2026-03-20'),
          responseDueOn: day('2026-03-30'),
          linkedReport: {
            reportId: REPORT_ID,
            category: 'publicServiceQuality',
            service: SERVICE,
            provider: PROVIDER,
            region: ALMATY,
            description: BRIBE,
            point: PROVIDER.point,
          },
        }),
      ]);
    spec
      .given(RATED)
      .when(flag('2026-03-20'))
      .thenState((state) => {
        expect(state.deadline).toEqual({ startedOn: '2026-03-20', dueOn: '2026-03-30' });
        expect(state.flags).toEqual([
          {
            reportId: REPORT_ID,
            violation: 'informalPayment',
            description: BRIBE,
            flaggedOn: '2026-03-20',
            responseDueOn: '2026-03-30',
            responded: false,
          },
        ]);
      });
  });

  it('FlagViolation on a provider without a known location leaves the point out of the linked report', () => {
    const { point: _point, ...noPoint } = PROVIDER;
    spec
      .given(extend([], rate(4, { provider: noPoint })))
      .when(flag('2026-03-20'))
      .thenState((_, events) =>
        expect(events[0]?.type === 'ViolationFlagged' && 'point' in events[0].data.linkedReport).toBe(false),
      );
  });

  it('FlagViolation keeps a deadline already running: the response is measured from its start', () => {
    spec
      .given(RATED_BRIBE)
      .when(flag('2026-03-26'))
      .thenState((state) => expect(state.deadline).toEqual({ startedOn: RATED_ON, dueOn: DUE_ON }));
  });

  it('RespondToRating on time: says by when it was due and how many working days it took', () => {
    spec
      .given(FLAGGED)
      .when(respond('2026-03-26'))
      .then([
        RatingResponded.make({
          at: on('2026-03-26'),
          response: en(
            'The operator was suspended; the Agency has opened an inquiry. Thank you for reporting.',
          ),
          respondedBy: 'officer-75-014',
          respondedOn: day('2026-03-26'),
          deadline: { startedOn: day(RATED_ON), dueOn: day(DUE_ON), onTime: true, workingDaysTaken: 2 },
        }),
      ]);
    spec
      .given(FLAGGED)
      .when(respond('2026-03-26'))
      .thenState((state) => {
        expect(state.deadline).toBeUndefined();
        expect(state.flags.every((f) => f.responded)).toBe(true);
        expect(state.responses).toBe(1);
      });
  });

  it('RespondToRating late, and with no deadline running', () => {
    spec
      .given(FLAGGED)
      .when(respond('2026-03-30'))
      .thenState((_, events) =>
        expect(events[0]?.type === 'RatingResponded' && events[0].data.deadline).toEqual({
          startedOn: RATED_ON,
          dueOn: DUE_ON,
          onTime: false,
          workingDaysTaken: 4,
        }),
      );
    spec
      .given(RATED)
      .when(respond('2026-03-20'))
      .thenState((_, events) =>
        expect(events[0]?.type === 'RatingResponded' && 'deadline' in events[0].data).toBe(false),
      );
  });

  it('ResolveFlag resolves a flag that was responded to', () => {
    spec
      .given(RESPONDED)
      .when(resolve('2026-04-03'))
      .then([
        FlagResolved.make({
          at: on('2026-04-03'),
          reportId: REPORT_ID,
          resolution: 'violationConfirmed',
          note: en('Confirmed by the branch video; the operator was dismissed'),
          resolvedOn: day('2026-04-03'),
        }),
      ]);
    spec
      .given(RESPONDED)
      .when(resolve('2026-04-03'))
      .thenState((state) =>
        expect(state.flags[0]).toMatchObject({ resolution: 'violationConfirmed', resolvedOn: '2026-04-03' }),
      );
  });
});

describe('ServiceRating: policy and calendar per region', () => {
  // Almaty counts a 3 as low; Astana keeps the default (2 and below).
  const environment = domainEnvironment({ policies: { regions: { 'KZ-75': { lowScoreThreshold: 3 } } } });
  const regional = DeciderSpecification.for(serviceRating(environment).decider);
  const ASTANA_PSC = { ...PROVIDER, id: 'PSC-AST-ESIL-1', point: { lat: 51.128, lon: 71.43 } };

  it('a regional override makes a score of 3 start a deadline in Almaty, and not in Astana', () => {
    regional
      .given([])
      .when(rate(3))
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({
          type: 'ServiceRated',
          data: { lowScore: true, lowScoreThreshold: 3, responseDueOn: DUE_ON },
        });
        expect(state.deadline?.dueOn).toBe(DUE_ON);
      });
    regional
      .given([])
      .when(rate(3, { region: ASTANA, provider: ASTANA_PSC }))
      .thenState((state, events) => {
        expect(events[0]).toMatchObject({
          type: 'ServiceRated',
          data: { lowScore: false, lowScoreThreshold: 2 },
        });
        expect(state.deadline).toBeUndefined();
      });
    // With the default policy everywhere, a 3 starts no deadline in Almaty either.
    spec
      .given([])
      .when(rate(3))
      .thenState((state) => expect(state.deadline).toBeUndefined());
  });

  it('a regional override of the response time and a regional holiday move the due date', () => {
    const longer = serviceRating(
      domainEnvironment({ policies: { regions: { 'KZ-75': { ratingResponseWorkingDays: 5 } } } }),
    );
    DeciderSpecification.for(longer.decider)
      .given([])
      .when(rate(1))
      .thenState((state) => expect(state.deadline?.dueOn).toBe('2026-03-31'));
    const cityHoliday = createCalendar({ holidays: [...kazakhstanHolidays(2026), '2026-03-20'] });
    const almatyCalendar = serviceRating(domainEnvironment({ calendars: { 'KZ-75': cityHoliday } }));
    DeciderSpecification.for(almatyCalendar.decider)
      .given([])
      .when(rate(1))
      .thenState((state) => expect(state.deadline?.dueOn).toBe('2026-03-30'));
  });
});

describe('ServiceRating: the state machine and repeats', () => {
  const before: readonly ServiceRatingCommand[] = [
    correct('2026-03-20', 3),
    flag('2026-03-20'),
    respond('2026-03-20'),
    resolve('2026-03-20'),
  ];
  for (const command of before) {
    it(`refuses ${command.type} before the service is rated (NotAllowedInStatus none)`, () => {
      spec
        .given([])
        .when(command)
        .thenFails((error) => {
          expect(error).toMatchObject({ _tag: 'NotAllowedInStatus', command: command.type, status: 'none' });
        });
    });
  }

  it('decides nothing for a repeated flag, a flag resolved twice, or a correction that changes nothing', () => {
    spec.given(FLAGGED).when(flag('2026-03-20')).thenNothingHappens();
    spec
      .given(extend(RESPONDED, resolve('2026-04-03')))
      .when(resolve('2026-04-06'))
      .thenNothingHappens();
    spec
      .given(RATED)
      .when({ ...correct('2026-03-20', 4), reason: en('no change') })
      .thenNothingHappens();
  });

  it('takes several flags, each linked to its own report, and several responses', () => {
    const twice = extend(
      RESPONDED,
      flag('2026-03-30', 'report-KZ-75-second', 'rudeness'),
      respond('2026-03-31'),
    );
    const state = stateAfter(twice);
    expect(state.flags.map((f) => [f.reportId, f.violation, f.responded])).toEqual([
      [REPORT_ID, 'informalPayment', true],
      ['report-KZ-75-second', 'rudeness', true],
    ]);
    expect(state.responses).toBe(2);
  });

  it('keeps the pseudonym out of the state: the stream id is all that links the rating to its rater', () => {
    const events: readonly ServiceRatingEvent[] = RATED;
    expect(events[0]?.type === 'ServiceRated' && events[0].data.pseudonym).toBe(PSEUDONYM);
    expect(JSON.stringify(stateAfter(RATED))).not.toContain(PSEUDONYM);
  });
});
