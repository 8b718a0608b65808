import type * as t from 'io-ts/lib/index.js';
import type { TextIn } from '../shared/Language.js';
import type { RegionCode } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import type {
  FlagResolution,
  PublicService,
  RatingCriteria,
  ServiceProvider,
  ServiceRatingEvent,
  ViolationKind,
} from './ServiceRatingEvents.js';

/**
 * Where a rating is: `none` before the service is rated, `rated` after. Deadlines and flags are tracked
 * beside the status, since a rating is never edited nor closed.
 *
 * @category ratings
 * @since 0.1.0
 */
export type RatingStatus = 'none' | 'rated';

/**
 * A score with its criteria and comment, and whether it counted as low where and when it was given.
 *
 * @category ratings
 * @since 0.1.0
 */
export interface RatingVerdict {
  readonly score: number;
  readonly criteria: RatingCriteria;
  readonly comment?: TextIn;
  readonly lowScore: boolean;
}

/**
 * A response deadline that is running: since when, and until when.
 *
 * @category ratings
 * @since 0.1.0
 */
export interface ResponseDeadline {
  readonly startedOn: LocalDate;
  readonly dueOn: LocalDate;
}

/**
 * A flagged violation and its linked report: when it was flagged, by when a response is due, whether a
 * response came after it, and how it was resolved.
 *
 * @category ratings
 * @since 0.1.0
 */
export interface ViolationFlag {
  readonly reportId: string;
  readonly violation: t.TypeOf<typeof ViolationKind>;
  readonly description: TextIn;
  readonly flaggedOn: LocalDate;
  readonly responseDueOn: LocalDate;
  readonly responded: boolean;
  readonly resolution?: t.TypeOf<typeof FlagResolution>;
  readonly resolvedOn?: LocalDate;
}

/**
 * What the decider knows of a rating. `original` is the rating as first given and never changes;
 * `current` is the rating after the latest correction; `deadline` is the response deadline still running.
 *
 * @category ratings
 * @since 0.1.0
 */
export interface ServiceRatingState {
  readonly status: RatingStatus;
  readonly region?: RegionCode;
  readonly service?: PublicService;
  readonly provider?: ServiceProvider;
  readonly original?: RatingVerdict & { readonly ratedOn: LocalDate };
  readonly current?: RatingVerdict;
  readonly corrections: number;
  readonly deadline?: ResponseDeadline;
  readonly responses: number;
  readonly flags: readonly ViolationFlag[];
}

/**
 * The state of a service instance not rated yet.
 *
 * @category ratings
 * @since 0.1.0
 */
export const initialRatingState: ServiceRatingState = {
  status: 'none',
  corrections: 0,
  responses: 0,
  flags: [],
};

const verdictOf = (data: {
  readonly score: number;
  readonly criteria: RatingCriteria;
  readonly comment?: TextIn;
  readonly lowScore: boolean;
}): RatingVerdict => {
  const { score, criteria, lowScore, comment } = data;
  return comment === undefined ? { score, criteria, lowScore } : { score, criteria, lowScore, comment };
};

/**
 * How a rating's state follows from its events.
 *
 * @category ratings
 * @since 0.1.0
 */
export const evolveRating = (state: ServiceRatingState, event: ServiceRatingEvent): ServiceRatingState => {
  switch (event.type) {
    case 'ServiceRated': {
      const { region, service, provider, ratedOn, responseDueOn } = event.data;
      const verdict = verdictOf(event.data);
      const rated = {
        ...state,
        status: 'rated' as const,
        region,
        service,
        provider,
        original: { ...verdict, ratedOn },
        current: verdict,
      };
      return responseDueOn === undefined
        ? rated
        : { ...rated, deadline: { startedOn: ratedOn, dueOn: responseDueOn } };
    }
    case 'RatingCorrected': {
      const { correctedOn, responseDueOn } = event.data;
      const corrected = { ...state, current: verdictOf(event.data), corrections: state.corrections + 1 };
      return responseDueOn === undefined || state.deadline !== undefined
        ? corrected
        : { ...corrected, deadline: { startedOn: correctedOn, dueOn: responseDueOn } };
    }
    case 'ViolationFlagged': {
      const { flaggedOn, responseDueOn, violation, linkedReport } = event.data;
      const flag: ViolationFlag = {
        reportId: linkedReport.reportId,
        violation,
        description: linkedReport.description,
        flaggedOn,
        responseDueOn,
        responded: false,
      };
      // A deadline already running started earlier, so it is the one the response is measured against.
      const deadline = state.deadline ?? { startedOn: flaggedOn, dueOn: responseDueOn };
      return { ...state, flags: [...state.flags, flag], deadline };
    }
    case 'RatingResponded': {
      const { deadline: _deadline, ...rest } = state;
      return {
        ...rest,
        responses: state.responses + 1,
        flags: state.flags.map((f) => ({ ...f, responded: true })),
      };
    }
    case 'FlagResolved':
      return {
        ...state,
        flags: state.flags.map((f) =>
          f.reportId === event.data.reportId
            ? { ...f, resolution: event.data.resolution, resolvedOn: event.data.resolvedOn }
            : f,
        ),
      };
  }
};
