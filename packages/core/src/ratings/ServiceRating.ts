import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import type { TextIn } from '../shared/Language.js';
import { addWorkingDays, localDate, workingDaysBetween } from '../shared/WorkingDayCalendar.js';
import type { ServiceRatingCommand } from './ServiceRatingCommands.js';
import { ServiceRatingCommand as CommandCodec } from './ServiceRatingCommands.js';
import type { RatingCriteria, ServiceRatingEvent } from './ServiceRatingEvents.js';
import {
  FlagResolved,
  RatingCorrected,
  RatingResponded,
  ServiceRated,
  ServiceRatingEvents,
  ViolationFlagged,
} from './ServiceRatingEvents.js';
import type { RatingStatus, ServiceRatingState } from './ServiceRatingState.js';
import { evolveRating, initialRatingState } from './ServiceRatingState.js';

/**
 * The rules a rating command can break, each the `_tag` of its refusal.
 *
 * @category ratings
 * @since 0.1.0
 */
export const SERVICE_RATING_RULES = [
  'OneRatingPerServiceInstance',
  'ServiceNotYetReceived',
  'LinkedReportIdInUse',
  'UnknownFlag',
  'ResolutionNeedsResponse',
] as const;

/**
 * @category ratings
 * @since 0.1.0
 */
export type ServiceRatingRule = (typeof SERVICE_RATING_RULES)[number];

/**
 * A refused rating command.
 *
 * @category ratings
 * @since 0.1.0
 */
export type ServiceRatingError = RuleBroken<ServiceRatingRule> | NotAllowedInStatus<RatingStatus>;

type Result = E.Either<ServiceRatingError, readonly ServiceRatingEvent[]>;

const sameText = (a: TextIn | undefined, b: TextIn | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.text === b.text && a.language === b.language;

const sameCriteria = (a: RatingCriteria, b: RatingCriteria): boolean =>
  a.informalPaymentDemanded === b.informalPaymentDemanded &&
  a.waitingTime === b.waitingTime &&
  a.courtesy === b.courtesy &&
  a.waitingMinutes === b.waitingMinutes;

/**
 * Builds the `ServiceRating` aggregate (the Digital Agent) over an environment: each region's calendar
 * counts the response deadline, and its policy says which score is low (`lowScoreThreshold`) and how many
 * working days a response may take (`ratingResponseWorkingDays`).
 *
 * @example
 * import { serviceRating, domainEnvironment } from '@adal/core';
 * const ServiceRating = serviceRating(domainEnvironment({ policies: { regions: { 'KZ-75': { lowScoreThreshold: 3 } } } }));
 *
 * @category ratings
 * @since 0.1.0
 */
export const serviceRating = (
  environment: DomainEnvironment,
): Aggregate<ServiceRatingCommand, ServiceRatingEvent, ServiceRatingState, ServiceRatingError> => {
  const decide = (command: ServiceRatingCommand, state: ServiceRatingState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'RateService') {
      if (state.status !== 'none') {
        return E.left(
          ruleBroken(
            'OneRatingPerServiceInstance',
            'this service instance was already rated: a rating can only be corrected',
          ),
        );
      }
      if (command.receivedAt.getTime() > at.getTime()) {
        return E.left(
          ruleBroken('ServiceNotYetReceived', 'a service is rated after it was received, not before'),
        );
      }
      const policy = environment.policy(command.region);
      const lowScore = command.score <= policy.lowScoreThreshold;
      const { type: _type, ...data } = command;
      const rated = { ...data, ratedOn: today, lowScore, lowScoreThreshold: policy.lowScoreThreshold };
      return E.right([
        ServiceRated.make(
          lowScore
            ? {
                ...rated,
                responseDueOn: addWorkingDays(
                  environment.calendar(command.region),
                  today,
                  policy.ratingResponseWorkingDays,
                ),
              }
            : rated,
        ),
      ]);
    }
    const { region, service, provider, current } = state;
    if (
      state.status === 'none' ||
      region === undefined ||
      service === undefined ||
      provider === undefined ||
      current === undefined
    ) {
      return E.left(notAllowedInStatus(command.type, 'none'));
    }
    const calendar = environment.calendar(region);
    const policy = environment.policy(region);
    const responseDueOn = addWorkingDays(calendar, today, policy.ratingResponseWorkingDays);

    switch (command.type) {
      case 'CorrectRating': {
        const { score, criteria, comment, reason } = command;
        if (
          score === current.score &&
          sameCriteria(criteria, current.criteria) &&
          sameText(comment, current.comment)
        ) {
          return E.right([]);
        }
        const lowScore = score <= policy.lowScoreThreshold;
        const base = {
          at,
          previousScore: current.score,
          score,
          criteria,
          lowScore,
          lowScoreThreshold: policy.lowScoreThreshold,
          reason,
          correctedOn: today,
        };
        const withComment = comment === undefined ? base : { ...base, comment };
        // Only a rating that becomes low starts a deadline; one already low started its own when it was given.
        const startsDeadline = lowScore && !current.lowScore && state.deadline === undefined;
        return E.right([
          RatingCorrected.make(startsDeadline ? { ...withComment, responseDueOn } : withComment),
        ]);
      }
      case 'FlagViolation': {
        const existing = state.flags.find((f) => f.reportId === command.linkedReportId);
        if (existing !== undefined) {
          if (existing.violation === command.violation && sameText(existing.description, command.description))
            return E.right([]);
          return E.left(
            ruleBroken(
              'LinkedReportIdInUse',
              `report ${command.linkedReportId} is already linked to another flag of this rating`,
            ),
          );
        }
        const linked = {
          reportId: command.linkedReportId,
          category: 'publicServiceQuality' as const,
          service,
          provider,
          region,
          description: command.description,
        };
        return E.right([
          ViolationFlagged.make({
            at,
            violation: command.violation,
            flaggedBy: command.flaggedBy,
            flaggedOn: today,
            responseDueOn,
            linkedReport: provider.point === undefined ? linked : { ...linked, point: provider.point },
          }),
        ]);
      }
      case 'RespondToRating': {
        const responded = {
          at,
          response: command.response,
          respondedBy: command.respondedBy,
          respondedOn: today,
        };
        const { deadline } = state;
        return E.right([
          RatingResponded.make(
            deadline === undefined
              ? responded
              : {
                  ...responded,
                  deadline: {
                    ...deadline,
                    onTime: today <= deadline.dueOn,
                    workingDaysTaken: workingDaysBetween(calendar, deadline.startedOn, today),
                  },
                },
          ),
        ]);
      }
      case 'ResolveFlag': {
        const flag = state.flags.find((f) => f.reportId === command.reportId);
        if (flag === undefined)
          return E.left(
            ruleBroken('UnknownFlag', `no violation of this rating is linked to report ${command.reportId}`),
          );
        if (flag.resolution !== undefined) return E.right([]);
        if (!flag.responded) {
          return E.left(
            ruleBroken(
              'ResolutionNeedsResponse',
              'a flag is resolved only after the rater was given a response',
            ),
          );
        }
        return E.right([
          FlagResolved.make({
            at,
            reportId: flag.reportId,
            resolution: command.resolution,
            note: command.note,
            resolvedOn: today,
          }),
        ]);
      }
    }
  };

  return {
    name: 'ServiceRating',
    category: 'rating',
    commands: CommandCodec,
    events: ServiceRatingEvents,
    decider: { initialState: initialRatingState, evolve: evolveRating, decide },
  };
};

/**
 * The `ServiceRating` aggregate with the default environment (national holidays, default policy).
 *
 * @category ratings
 * @since 0.1.0
 */
export const ServiceRating = serviceRating(defaultDomainEnvironment);
