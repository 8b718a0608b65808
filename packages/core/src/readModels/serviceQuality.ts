import * as t from 'io-ts/lib/index.js';
import type { DocumentChange } from '../Projection.js';
import { defineProjection } from '../Projection.js';
import type { RecordedEvent } from '../RecordedEvent.js';
import type { ServiceRatingEvent } from '../ratings/ServiceRatingEvents.js';
import { FlagResolution, ProviderKind, Score, ServiceRatingEvents } from '../ratings/ServiceRatingEvents.js';
import { LocalizedText } from '../shared/Language.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import { LocalDate as LocalDateCodec } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import {
  addServiceQualityFigures,
  emptyServiceQualityFigures,
  ServiceQualityFigures,
  serviceQualityContribution,
  serviceQualityFigureFields,
} from './serviceQualityFigures.js';
import type { ItemLedger } from './documentTotals.js';
import { changeItem, itemLedgerReads, upsert } from './documentTotals.js';

const Count = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0,
  'Count (a whole number, 0 or more)',
);

const ratingProps = {
  region: Region,
  /** The id of the rating's first event (`ServiceRated`): how the rating is named in public. */
  ratedEventId: t.string,
  ratedOn: LocalDateCodec,
  serviceCode: t.string,
  providerId: t.string,
  score: Score,
  lowScore: t.boolean,
  informalPayment: t.boolean,
  corrected: t.boolean,
  /** The event that gave the current score. */
  scoreEventId: t.string,
  /** Whether a flag is open, and whether a response deadline runs (for `where` queries). */
  flagOpen: t.boolean,
  deadlineOpen: t.boolean,
  deadline: t.union([
    t.null,
    strict({ startedOn: LocalDateCodec, dueOn: LocalDateCodec, eventId: t.string }, {}, 'OpenDeadline'),
  ]),
  flags: t.readonlyArray(
    strict(
      {
        reportId: t.string,
        eventId: t.string,
        flaggedOn: LocalDateCodec,
        resolution: t.union([FlagResolution, t.null]),
      },
      { resolvedEventId: t.string, resolvedOn: LocalDateCodec },
      'RatingFlag',
    ),
  ),
  /** The responses that closed a deadline. */
  responses: t.readonlyArray(
    strict(
      { eventId: t.string, respondedOn: LocalDateCodec, onTime: t.boolean, workingDaysTaken: Count },
      {},
      'RatingResponse',
    ),
  ),
};

/**
 * What the projection remembers of one rating, to move it between figures when it is corrected, flagged or
 * answered: document `rating:<region>:<stream>`. **Internal**: its id holds the stream name, and so the
 * rater's pseudonym, so queries never read it; {@link ServiceQualityRecordDocument} is its public copy. It
 * holds no text the rater wrote, and grows with the rating's own flags, never with other ratings.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityRatingDocument = strict(
  { kind: t.literal('rating'), ...ratingProps },
  {},
  'ServiceQualityRatingDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityRatingDocument = t.TypeOf<typeof ServiceQualityRatingDocument>;

/**
 * One rating in public, named by its first event: document `record:<region>:<ratedEventId>`. The same
 * facts as the internal memory, without the stream: the evidence behind every figure (each figure is the
 * sum of {@link serviceQualityContribution} over these records), listed by region and filtered by service,
 * provider, low score, open flag or open deadline.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityRecordDocument = strict(
  { kind: t.literal('record'), ...ratingProps },
  {},
  'ServiceQualityRecordDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityRecordDocument = t.TypeOf<typeof ServiceQualityRecordDocument>;

const ServiceEntry = strict(
  { serviceCode: t.string, figures: ServiceQualityFigures },
  { name: LocalizedText },
  'ServiceEntry',
);
const ProviderEntry = strict(
  { providerId: t.string, providerKind: ProviderKind, figures: ServiceQualityFigures },
  { name: LocalizedText },
  'ProviderEntry',
);

/**
 * A region's running totals, the only totals the projection reads: document `ledger:<region>`. A correction,
 * a response or a resolution does not name its service or provider, so the figures of every service and
 * provider of the region are kept here, where the stream's region finds them, and copied to their own
 * documents. It grows with the region's services and providers, never with ratings or events.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityLedgerDocument = strict(
  {
    kind: t.literal('ledger'),
    region: Region,
    total: ServiceQualityFigures,
    services: t.readonlyArray(ServiceEntry),
    providers: t.readonlyArray(ProviderEntry),
  },
  {},
  'ServiceQualityLedgerDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityLedgerDocument = t.TypeOf<typeof ServiceQualityLedgerDocument>;

/**
 * A region's figures: document `region:<region>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityRegionDocument = strict(
  { kind: t.literal('region'), region: Region, ...serviceQualityFigureFields },
  {},
  'ServiceQualityRegionDocument',
);

/**
 * The figures of one public service in a region: document `service:<region>:<code>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityServiceDocument = strict(
  { kind: t.literal('service'), region: Region, serviceCode: t.string, ...serviceQualityFigureFields },
  { name: LocalizedText },
  'ServiceQualityServiceDocument',
);

/**
 * The figures of one provider (a public service centre branch, …): document `provider:<region>:<id>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityProviderDocument = strict(
  {
    kind: t.literal('provider'),
    region: Region,
    providerId: t.string,
    providerKind: ProviderKind,
    ...serviceQualityFigureFields,
  },
  { name: LocalizedText },
  'ServiceQualityProviderDocument',
);

/**
 * Every document of the service-quality read model, told apart by `kind`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ServiceQualityDocument = t.union(
  [
    ServiceQualityRatingDocument,
    ServiceQualityRecordDocument,
    ServiceQualityLedgerDocument,
    ServiceQualityRegionDocument,
    ServiceQualityServiceDocument,
    ServiceQualityProviderDocument,
  ],
  'ServiceQualityDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ServiceQualityDocument = t.TypeOf<typeof ServiceQualityDocument>;

/**
 * The ids of the read model's documents and the prefixes that list them. Every document is public but
 * the `rating:` ones (and the working `ledger:` ones).
 *
 * @example
 * import { serviceQualityIds as ids } from '@adal/core';
 * ids.provider('KZ-75', 'PSC-ALM-AUEZOV-2'); // 'provider:KZ-75:PSC-ALM-AUEZOV-2'
 *
 * @category read models
 * @since 0.1.0
 */
export const serviceQualityIds = {
  rating: (region: RegionCode, streamName: string): string => `rating:${region}:${streamName}`,
  record: (region: RegionCode, ratedEventId: string): string => `record:${region}:${ratedEventId}`,
  records: (region: RegionCode): string => `record:${region}:`,
  ledger: (region: RegionCode): string => `ledger:${region}`,
  region: (region: RegionCode): string => `region:${region}`,
  regions: 'region:',
  service: (region: RegionCode, code: string): string => `service:${region}:${code}`,
  services: (region?: RegionCode): string => (region === undefined ? 'service:' : `service:${region}:`),
  provider: (region: RegionCode, providerId: string): string => `provider:${region}:${providerId}`,
  providers: (region?: RegionCode): string => (region === undefined ? 'provider:' : `provider:${region}:`),
} as const;

/**
 * The service-quality read model (the Digital Agent): mean score and distribution by region, service and
 * provider, ratings that are low or report an informal payment, flags open and resolved, and response
 * deadlines with the working days responses took. Flags and responses are events of the rating's own
 * stream (`rating-…`); each event counts in the region of its stream.
 *
 * Documents: `region:<r>`, `service:<r>:<code>`, `provider:<r>:<id>` (the figures), `record:<r>:<event>`
 * (one per rating: the evidence), and the internal `rating:<r>:<stream>` (one per rating) and `ledger:<r>`
 * (working totals). No public document holds the rater's pseudonym, and none holds what the rater wrote.
 *
 * @example
 * import { SERVICE_QUALITY, projectEvents } from '@adal/core';
 * // projectEvents(SERVICE_QUALITY, events); // Right(Map { 'region:KZ-75' => { ratings: 12, scoreSum: 41, … }, … })
 *
 * @category read models
 * @since 0.1.0
 */
export const SERVICE_QUALITY = defineProjection({
  name: 'service-quality',
  version: 1,
  sources: { rating: ServiceRatingEvents },
  document: ServiceQualityDocument,
  reads: (_event, recorded) => itemLedgerReads(LEDGER, recorded),
  apply: (event, recorded, documents) => {
    const changed = changeItem(LEDGER, step, event, recorded, documents);
    if (changed === undefined) return [];
    const { region, after, ledger, move } = changed;
    const ids = serviceQualityIds;
    const rated = event.type === 'ServiceRated' ? event.data : undefined;
    const { serviceCode, providerId } = after;
    const services = upsert(ledger.services, 'serviceCode', serviceCode, (entry) => {
      const name = rated?.service.name ?? entry?.name;
      const figures = move(entry?.figures);
      return name === undefined ? { serviceCode, figures } : { serviceCode, name, figures };
    });
    const providers = upsert(ledger.providers, 'providerId', providerId, (entry) => {
      const name = rated?.provider.name ?? entry?.name;
      const providerKind = rated?.provider.kind ?? entry?.providerKind ?? 'other';
      const figures = move(entry?.figures);
      return name === undefined
        ? { providerId, providerKind, figures }
        : { providerId, providerKind, name, figures };
    });
    const next: ServiceQualityLedgerDocument = { ...ledger, total: move(ledger.total), services, providers };
    const { kind: _kind, ...record } = after;
    const changes: DocumentChange<ServiceQualityDocument>[] = [
      { op: 'put', id: changed.itemId, document: after },
      { op: 'put', id: ids.record(region, after.ratedEventId), document: { kind: 'record', ...record } },
      { op: 'put', id: ids.ledger(region), document: next },
      { op: 'put', id: ids.region(region), document: { kind: 'region', region, ...next.total } },
    ];
    const service = services.find((entry) => entry.serviceCode === serviceCode);
    if (service !== undefined) {
      const { figures, ...rest } = service;
      changes.push({
        op: 'put',
        id: ids.service(region, serviceCode),
        document: { kind: 'service', region, ...rest, ...figures },
      });
    }
    const provider = providers.find((entry) => entry.providerId === providerId);
    if (provider !== undefined) {
      const { figures, ...rest } = provider;
      changes.push({
        op: 'put',
        id: ids.provider(region, providerId),
        document: { kind: 'provider', region, ...rest, ...figures },
      });
    }
    return changes;
  },
});

const LEDGER: ItemLedger<ServiceQualityDocument, 'rating', ServiceQualityFigures> = {
  itemKind: 'rating',
  itemId: serviceQualityIds.rating,
  ledgerId: serviceQualityIds.ledger,
  emptyLedger: (region) => ({
    kind: 'ledger',
    region,
    total: emptyServiceQualityFigures,
    services: [],
    providers: [],
  }),
  figures: {
    empty: emptyServiceQualityFigures,
    add: addServiceQualityFigures,
    contribution: serviceQualityContribution,
  },
};

/**
 * What one rating looks like after an event, following the decider's rules for deadlines (a deadline runs
 * until a response; a flag or a correction starts one only when none runs): the same object when nothing
 * it counts changes, `undefined` for an event of a rating never given.
 */
const step = (
  before: ServiceQualityRatingDocument | undefined,
  event: ServiceRatingEvent,
  recorded: RecordedEvent,
  region: RegionCode,
): ServiceQualityRatingDocument | undefined => {
  const after = change(before, event, recorded, region);
  return after === undefined || after === before
    ? after
    : {
        ...after,
        flagOpen: after.flags.some((flag) => flag.resolution === null),
        deadlineOpen: after.deadline !== null,
      };
};

const change = (
  before: ServiceQualityRatingDocument | undefined,
  event: ServiceRatingEvent,
  recorded: RecordedEvent,
  region: RegionCode,
): ServiceQualityRatingDocument | undefined => {
  const id = recorded.id;
  if (event.type === 'ServiceRated') {
    if (before !== undefined) return before;
    const { service, provider, score, lowScore, criteria, ratedOn, responseDueOn } = event.data;
    return {
      kind: 'rating',
      region,
      ratedEventId: id,
      ratedOn,
      serviceCode: service.code,
      providerId: provider.id,
      score,
      lowScore,
      informalPayment: criteria.informalPaymentDemanded,
      corrected: false,
      scoreEventId: id,
      flagOpen: false,
      deadlineOpen: false,
      deadline:
        responseDueOn === undefined ? null : { startedOn: ratedOn, dueOn: responseDueOn, eventId: id },
      flags: [],
      responses: [],
    };
  }
  if (before === undefined) return undefined;
  switch (event.type) {
    case 'RatingCorrected': {
      const { score, lowScore, criteria, correctedOn, responseDueOn } = event.data;
      const corrected = {
        ...before,
        score,
        lowScore,
        informalPayment: criteria.informalPaymentDemanded,
        corrected: true,
        scoreEventId: id,
      };
      return responseDueOn === undefined || before.deadline !== null
        ? corrected
        : { ...corrected, deadline: { startedOn: correctedOn, dueOn: responseDueOn, eventId: id } };
    }
    case 'ViolationFlagged': {
      const { flaggedOn, responseDueOn, linkedReport } = event.data;
      if (before.flags.some((flag) => flag.reportId === linkedReport.reportId)) return before;
      const flag = { reportId: linkedReport.reportId, eventId: id, flaggedOn, resolution: null };
      return {
        ...before,
        flags: [...before.flags, flag],
        deadline: before.deadline ?? { startedOn: flaggedOn, dueOn: responseDueOn, eventId: id },
      };
    }
    case 'RatingResponded': {
      const { deadline, respondedOn } = event.data;
      if (deadline === undefined) return before.deadline === null ? before : { ...before, deadline: null };
      const response = {
        eventId: id,
        respondedOn,
        onTime: deadline.onTime,
        workingDaysTaken: Math.max(0, deadline.workingDaysTaken),
      };
      return { ...before, deadline: null, responses: [...before.responses, response] };
    }
    case 'FlagResolved': {
      const { reportId, resolution, resolvedOn } = event.data;
      const flag = before.flags.find((f) => f.reportId === reportId);
      if (flag === undefined || flag.resolution !== null) return before;
      return {
        ...before,
        flags: before.flags.map((f) =>
          f === flag ? { ...f, resolution, resolvedEventId: id, resolvedOn } : f,
        ),
      };
    }
  }
};
