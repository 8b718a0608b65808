import * as t from 'io-ts/lib/index.js';
import { refines } from '../strict.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { GeoPoint, isInRegion } from '../shared/GeoPoint.js';
import { TextIn } from '../shared/Language.js';
import { Region, REGIONS } from '../shared/Region.js';
import {
  FlagResolution,
  LinkedReportId,
  PublicService,
  RaterPseudonym,
  RatingCriteria,
  Score,
  ServiceProvider,
  ViolationKind,
} from './ServiceRatingEvents.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;

const RateServiceFields = command(
  'RateService',
  {
    pseudonym: RaterPseudonym,
    service: PublicService,
    provider: ServiceProvider,
    region: Region,
    receivedAt: DateFromIsoString,
    score: Score,
    criteria: RatingCriteria,
  },
  { comment: TextIn },
);

/**
 * Rate a public service just received: the service, its provider and region, when it was received, the
 * score, the criteria and an optional comment. `pseudonym` is the rater's HMAC for this service instance,
 * computed by the client, and names the stream. A provider's location, when given, must lie in the region.
 *
 * @category ratings
 * @since 0.1.0
 */
export const RateService = refines(
  new t.Type<t.TypeOf<typeof RateServiceFields>, t.OutputOf<typeof RateServiceFields>, unknown>(
    RateServiceFields.name,
    (u): u is t.TypeOf<typeof RateServiceFields> =>
      RateServiceFields.is(u) && (u.provider.point === undefined || isInRegion(u.provider.point, u.region)),
    (u, c) => {
      const decoded = RateServiceFields.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const { provider, region } = decoded.right;
      if (provider.point === undefined || isInRegion(provider.point, region)) return decoded;
      const { point } = provider;
      return t.failure(
        point,
        [
          ...c,
          { key: 'provider', type: ServiceProvider, actual: provider },
          { key: 'point', type: GeoPoint, actual: point },
        ],
        `(${point.lat}, ${point.lon}) is not in ${REGIONS[region].en} (${region})`,
      );
    },
    RateServiceFields.encode,
  ),
  RateServiceFields,
);

/**
 * Correct one's own rating: the new score and criteria, an optional comment, and why. The original
 * rating is kept; the correction is recorded beside it.
 *
 * @category ratings
 * @since 0.1.0
 */
export const CorrectRating = command(
  'CorrectRating',
  { score: Score, criteria: RatingCriteria, reason: TextIn },
  { comment: TextIn },
);

/**
 * Flag a violation in the service rated (by the rater, or by a monitor of the authorised body). The flag
 * names the id of the citizen report the client opens for it, and describes the violation.
 *
 * @category ratings
 * @since 0.1.0
 */
export const FlagViolation = command('FlagViolation', {
  violation: ViolationKind,
  flaggedBy: t.keyof({ rater: null, monitor: null }),
  description: TextIn,
  linkedReportId: LinkedReportId,
});

/** The authorised body responds to the rating. @category ratings @since 0.1.0 */
export const RespondToRating = command('RespondToRating', {
  response: TextIn,
  respondedBy: boundedText(100),
});

/** Resolve a flagged violation, named by its linked report. @category ratings @since 0.1.0 */
export const ResolveFlag = command('ResolveFlag', {
  reportId: LinkedReportId,
  resolution: FlagResolution,
  note: TextIn,
});

/**
 * Every command of a service rating.
 *
 * @category ratings
 * @since 0.1.0
 */
export const ServiceRatingCommand = taggedUnion([
  RateService,
  CorrectRating,
  FlagViolation,
  RespondToRating,
  ResolveFlag,
]);

/**
 * @category ratings
 * @since 0.1.0
 */
export type ServiceRatingCommand = t.TypeOf<typeof ServiceRatingCommand>;
