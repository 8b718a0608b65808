/**
 * Shared fixtures of the ServiceRating tests: a Digital Agent rating of a public service at a public
 * service centre branch in Almaty, a builder per command, and helpers that run commands through the decider.
 *
 * The dates sit around Nauryz 2026 on purpose: a rating given on Thursday 19 March is due for a response
 * 3 working days later on Friday 27 March, since 21–25 March are weekend days and Nauryz days off.
 */
import * as E from 'fp-ts/lib/Either.js';
import { LocalDate, replay } from '../../src/index.js';
import type { RegionCode } from '../../src/index.js';
import { ServiceRating } from '../../src/ratings/index.js';
import type {
  ServiceRatingCommand,
  ServiceRatingError,
  ServiceRatingEvent,
  ServiceRatingState,
} from '../../src/ratings/index.js';

type Cmd<K extends ServiceRatingCommand['type']> = Extract<ServiceRatingCommand, { readonly type: K }>;
type Aggregate = typeof ServiceRating;

/** A `YYYY-MM-DD` fixture as a {@link LocalDate}; a typo in a fixture is a bug in the test, so it throws. */
export const day = (text: string): LocalDate => {
  if (!LocalDate.is(text)) throw new Error(`fixture ${text} is not a date`);
  return text;
};

/** The instant at `time` (default 11:40) on `date` in Kazakhstan (UTC+5). */
export const on = (date: string, time = '11:40'): Date => new Date(`${date}T${time}:00+05:00`);

export const en = (text: string) => ({ text, language: 'en' as const });

/** The rater's HMAC for this service instance, as the client computes it (hex of a SHA-256 HMAC). */
export const PSEUDONYM = '3f6c1d0e9b8a7f6e5d4c3b2a19080706f5e4d3c2b1a0998877665544332211ff';

export const SERVICE = {
  code: '00701001',
  name: { ru: 'Регистрация по месту жительства', en: 'Registration of residence' },
};
export const PROVIDER = {
  kind: 'publicServiceCentre' as const,
  id: 'PSC-ALM-AUEZOV-2',
  name: { en: 'Public service centre, Auezov district, branch 2' },
  point: { lat: 43.2265, lon: 76.8512 },
};
export const ALMATY: RegionCode = 'KZ-75';
export const ASTANA: RegionCode = 'KZ-71';

/** Rated on Thursday 19 March 2026. */
export const RATED_ON = '2026-03-19';
/** 3 working days later, across the Nauryz days off. */
export const DUE_ON = '2026-03-27';
export const REPORT_ID = 'report-KZ-75-0195a3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';
export const BRIBE = en('The operator asked for 5,000 tenge "for speed" before accepting the documents');

export const rate = (
  score: number,
  overrides: Partial<Omit<Cmd<'RateService'>, 'type'>> = {},
): Cmd<'RateService'> => ({
  type: 'RateService',
  at: on(RATED_ON),
  pseudonym: PSEUDONYM,
  service: SERVICE,
  provider: PROVIDER,
  region: ALMATY,
  receivedAt: on(RATED_ON, '11:25'),
  score,
  criteria: { informalPaymentDemanded: false, waitingTime: 4, courtesy: 4, waitingMinutes: 15 },
  ...overrides,
});
/** A rating of 1 with an informal payment demanded: the Digital Agent's worst case. */
export const rateBribe = (): Cmd<'RateService'> =>
  rate(1, {
    criteria: { informalPaymentDemanded: true, waitingTime: 1, courtesy: 1, waitingMinutes: 95 },
    comment: BRIBE,
  });
export const correct = (
  date: string,
  score: number,
  reason = 'I pressed the wrong star',
): Cmd<'CorrectRating'> => ({
  type: 'CorrectRating',
  at: on(date),
  score,
  criteria: { informalPaymentDemanded: false, waitingTime: 4, courtesy: 4, waitingMinutes: 15 },
  reason: en(reason),
});
export const flag = (
  date: string,
  linkedReportId = REPORT_ID,
  violation: Cmd<'FlagViolation'>['violation'] = 'informalPayment',
): Cmd<'FlagViolation'> => ({
  type: 'FlagViolation',
  at: on(date),
  violation,
  flaggedBy: 'rater',
  description: BRIBE,
  linkedReportId,
});
export const respond = (date: string): Cmd<'RespondToRating'> => ({
  type: 'RespondToRating',
  at: on(date),
  response: en('The operator was suspended; the Agency has opened an inquiry. Thank you for reporting.'),
  respondedBy: 'officer-75-014',
});
export const resolve = (date: string, reportId = REPORT_ID): Cmd<'ResolveFlag'> => ({
  type: 'ResolveFlag',
  at: on(date),
  reportId,
  resolution: 'violationConfirmed',
  note: en('Confirmed by the branch video; the operator was dismissed'),
});

/** The events `commands` produce after `given`; a refusal is a bug in the fixture, so it throws. */
export const continueWith = (
  given: readonly ServiceRatingEvent[],
  commands: readonly ServiceRatingCommand[],
  aggregate: Aggregate = ServiceRating,
): ServiceRatingEvent[] => {
  const events: ServiceRatingEvent[] = [];
  let state: ServiceRatingState = replay(aggregate.decider, given);
  for (const command of commands) {
    const result = aggregate.decider.decide(command, state);
    if (E.isLeft(result)) throw new Error(`fixture ${command.type} refused: ${result.left.message}`);
    for (const event of result.right) {
      events.push(event);
      state = aggregate.decider.evolve(state, event);
    }
  }
  return events;
};

/** Every event after `given` and then `commands`. */
export const extend = (
  given: readonly ServiceRatingEvent[],
  ...commands: readonly ServiceRatingCommand[]
): ServiceRatingEvent[] => [...given, ...continueWith(given, commands)];

/** Decides `command` after `given`. */
export const decideAfter = (
  given: readonly ServiceRatingEvent[],
  command: ServiceRatingCommand,
): E.Either<ServiceRatingError, readonly ServiceRatingEvent[]> =>
  ServiceRating.decider.decide(command, replay(ServiceRating.decider, given));

/** The state after some events. */
export const stateAfter = (events: readonly ServiceRatingEvent[]): ServiceRatingState =>
  replay(ServiceRating.decider, events);

/** A rating of 4: no response due. */
export const RATED = extend([], rate(4));
/** The rating of 1 with an informal payment demanded: a response is due on 27 March. */
export const RATED_BRIBE = extend([], rateBribe());
/** That rating, flagged the same day. */
export const FLAGGED = extend(RATED_BRIBE, flag(RATED_ON));
/** Flagged, then answered on Thursday 26 March. */
export const RESPONDED = extend(FLAGGED, respond('2026-03-26'));
