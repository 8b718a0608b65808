import { createHmac } from 'node:crypto';
import type {
  CitizenReportError,
  DomainEnvironment,
  ServiceRatingCommand,
  ServiceRatingError,
  ServiceRatingEvent,
  ServiceRatingState,
} from '@adal/core';
import {
  boundedText,
  citizenReport,
  REGIONS,
  reportErrors,
  serviceRating,
  streamNameParts,
  parseStreamName,
  validationError,
} from '@adal/core';
import type { ValidationError, ValidationIssue } from '@adal/core';
import type { RegionCode } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { CommandError } from '../CommandError.js';
import type { CommandOptions } from '../handleCommand.js';
import type { CommandInput, ModuleResult, ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * A setting the client needs for this call and was not given.
 *
 * @category errors
 * @since 0.1.0
 */
export interface MissingConfiguration {
  readonly _tag: 'MissingConfiguration';
  readonly setting: string;
  readonly message: string;
}

/**
 * What `rateService` takes: the `RateService` command without the pseudonym, which the client derives.
 *
 * @inline
 */
type RateInput = Omit<
  CommandInput<Extract<ServiceRatingCommand, { readonly type: 'RateService' }>>,
  'pseudonym'
> & {
  /** Who rates: any stable id of the person (a user id, an IIN). Only its HMAC is ever stored. */
  readonly rater: string;
  /** The instance of the service received (an application or ticket number). Never stored. */
  readonly serviceInstanceId: string;
};

/** @inline */
type RatingResult = ModuleResult<ServiceRatingEvent, ServiceRatingState>;

/**
 * What `flagViolation` takes: the `FlagViolation` command without the linked report, which the client opens.
 *
 * @inline
 */
type FlagInput = Omit<
  CommandInput<Extract<ServiceRatingCommand, { readonly type: 'FlagViolation' }>>,
  'linkedReportId'
>;

/**
 * The per-service pseudonym of a rater: HMAC-SHA256 of the person and the service instance under the
 * office's key. Stable for one person and one service instance, so a second rating is refused; unlinkable
 * across services without the key.
 *
 * @category client
 * @since 0.1.0
 */
export const raterPseudonym = (key: string | Uint8Array, rater: string, serviceInstanceId: string): string =>
  createHmac('sha256', key).update(`${rater}\u0000${serviceInstanceId}`).digest('hex');

/**
 * `client.ratings`: the Digital Agent's ratings of public services. `rateService` takes the rater's id and
 * the service instance, and names the stream by their HMAC (`rating-<region>-<hmac>`), so one person rates
 * one service instance once. `flagViolation` records the flag and opens the linked citizen report (category
 * public-service quality), which the authorised body must resolve.
 *
 * @category client
 * @since 0.1.0
 */
export const ratingsModule = (
  environment: DomainEnvironment,
  runtime: ModuleRuntime,
  pseudonymKey: string | Uint8Array | undefined,
) => {
  const aggregate = serviceRating(environment);
  const reports = citizenReport(environment);
  const base = commandModule(
    aggregate,
    runtime,
    everyCommand<ServiceRatingCommand['type']>()([
      'RateService',
      'CorrectRating',
      'FlagViolation',
      'RespondToRating',
      'ResolveFlag',
    ] as const),
    { RateService: (command) => `rating-${command.region}-${command.pseudonym}` },
  );
  // Both methods are typed as one TaskEither, so that `await method(...)()` narrows as every other method does.
  const rateService = (
    { rater, serviceInstanceId, ...input }: RateInput,
    options?: CommandOptions,
  ): TE.TaskEither<MissingConfiguration | CommandError<ServiceRatingError>, RatingResult> => {
    if (pseudonymKey === undefined) {
      const missing: MissingConfiguration = {
        _tag: 'MissingConfiguration',
        setting: 'pseudonymKey',
        message:
          'pseudonymKey: ratings need the office’s secret key for rater pseudonyms (createAdalClient({ pseudonymKey }))',
      };
      return () => Promise.resolve(E.left(missing));
    }
    // The pseudonym is all that is kept of these two, so they are checked here: a missing rater would
    // otherwise be hashed as "undefined", and every such rating would land on one shared stream.
    const identity = [
      ...identityIssues('rater', rater),
      ...identityIssues('serviceInstanceId', serviceInstanceId),
    ];
    if (identity.length > 0) {
      // The rest of the input is checked too (with a stand-in pseudonym), so one error names every problem.
      const rest = aggregate.commands.decode({
        ...input,
        type: 'RateService',
        at: input.at ?? runtime.clock(),
        pseudonym: '0'.repeat(64),
      });
      const invalid: ValidationError = validationError([
        ...identity,
        ...(E.isLeft(rest) ? reportErrors(rest.left) : []),
      ]);
      return () => Promise.resolve(E.left(invalid));
    }
    return base.rateService(
      { ...input, pseudonym: raterPseudonym(pseudonymKey, rater, serviceInstanceId) },
      options,
    );
  };

  const flagViolation =
    (
      id: string,
      input: FlagInput,
      options?: CommandOptions,
    ): TE.TaskEither<CommandError<ServiceRatingError> | CommandError<CitizenReportError>, RatingResult> =>
    async () => {
      const name = parseStreamName(id);
      const region = E.isRight(name) ? (streamNameParts(name.right).region as RegionCode) : undefined;
      const reportId = `report-${region ?? 'KZ-00'}-${runtime.newId()}`;
      const flagged = await base.flagViolation(id, { ...input, linkedReportId: reportId }, options)();
      if (E.isLeft(flagged)) return flagged;
      // The flag is recorded; now the report it links to is opened. A repeated call finds the report opened
      // (the same command id) and changes nothing.
      for (const event of flagged.right.events) {
        if (event.type !== 'ViolationFlagged') continue;
        const linked = event.data.linkedReport;
        const [south, west, north, east] = REGIONS[linked.region].extent;
        // A report needs a place; without the provider's, the middle of the region's box stands in for it.
        const point = linked.point ??
          linked.provider.point ?? { lat: (south + north) / 2, lon: (west + east) / 2 };
        const opened = await runtime.handleCommand(
          reports,
          linked.reportId,
          {
            type: 'SubmitReport',
            at: event.data.at,
            channel: 'mobileApp',
            region: linked.region,
            point,
            category: linked.category,
            description: linked.description,
            evidence: [],
            reporter: { kind: 'anonymous', receiptHash: `rating:${id}` },
          },
          {
            commandId: `open-linked-report:${linked.reportId}`,
            ...(options?.actor ? { actor: options.actor } : {}),
          },
        )();
        if (E.isLeft(opened)) return opened;
      }
      return flagged;
    };

  return { ...base, rateService, flagViolation };
};

const IdentityText = boundedText(200);

const identityIssues = (path: string, value: unknown): ValidationIssue[] => {
  const decoded = IdentityText.decode(value);
  return E.isLeft(decoded)
    ? reportErrors(decoded.left).map((issue) => ({ path, message: issue.message }))
    : [];
};

/**
 * @category client
 * @since 0.1.0
 */
export type RatingsModule = ReturnType<typeof ratingsModule>;
