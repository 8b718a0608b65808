import * as t from 'io-ts/lib/index.js';
import type { DocumentChange } from '../Projection.js';
import { defineProjection } from '../Projection.js';
import type { RecordedEvent } from '../RecordedEvent.js';
import type { MonitoringRecommendationEvent } from '../recommendations/MonitoringRecommendationEvents.js';
import {
  MonitoringRecommendationEvents,
  OverallImplementation,
  RecommendationBasis,
} from '../recommendations/MonitoringRecommendationEvents.js';
import { LocalizedText } from '../shared/Language.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import {
  addImplementationFigures,
  emptyImplementationFigures,
  ImplementationFigures,
  implementationContribution,
  implementationFigureFields,
  ImplementationStatus,
} from './recommendationImplementationFigures.js';
import type { ItemLedger } from './documentTotals.js';
import { changeItem, itemLedgerReads, upsert } from './documentTotals.js';

/**
 * Who issued a recommendation: a special monitoring group or the agency.
 *
 * @category read models
 * @since 0.1.0
 */
export const IssuerKind = t.keyof({ group: null, agency: null }, 'IssuerKind');

/**
 * @category read models
 * @since 0.1.0
 */
export type IssuerKind = t.TypeOf<typeof IssuerKind>;

/**
 * What the projection remembers of one recommendation: document `recommendation:<region>:<stream>`. Its
 * top-level fields let a query list the recommendations behind any figure (`where: { bodyId, overall }`),
 * and `events` names the event that put it in each figure. Its size is fixed.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationRecommendationDocument = strict(
  {
    kind: t.literal('recommendation'),
    recommendationId: t.string,
    region: Region,
    issuerKind: IssuerKind,
    /** The issuing group's stream, `null` for the agency. */
    groupId: t.union([t.string, t.null]),
    bodyId: t.string,
    basis: RecommendationBasis,
    issuedOn: LocalDate,
    dueOn: LocalDate,
    status: ImplementationStatus,
    acknowledged: t.boolean,
    reviewed: t.boolean,
    reported: t.boolean,
    reportedLate: t.boolean,
    overall: t.union([OverallImplementation, t.null]),
    overdue: t.boolean,
    /** The id of the event behind each step: issued, acknowledged, reviewed, reported, assessed, …. */
    events: strict(
      { issued: t.string },
      {
        acknowledged: t.string,
        reviewed: t.string,
        reported: t.string,
        assessed: t.string,
        withdrawn: t.string,
        overdue: t.string,
        closed: t.string,
      },
      'ImplementationEvents',
    ),
  },
  {},
  'ImplementationRecommendationDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ImplementationRecommendationDocument = t.TypeOf<typeof ImplementationRecommendationDocument>;

const BodyFigures = strict({ bodyId: t.string, name: LocalizedText, figures: ImplementationFigures }, {});
const GroupFigures = strict({ groupId: t.string, figures: ImplementationFigures }, {});

/**
 * A region's running totals, the only totals the projection reads: document `ledger:<region>`. Later events
 * of a recommendation do not name its body or issuer, so the totals of every body, issuer and group of the
 * region are kept here, where the stream's region finds them, and copied to their own documents. It grows
 * with the region's bodies and groups, never with recommendations or events.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationLedgerDocument = strict(
  {
    kind: t.literal('ledger'),
    region: Region,
    total: ImplementationFigures,
    group: ImplementationFigures,
    agency: ImplementationFigures,
    bodies: t.readonlyArray(BodyFigures),
    groups: t.readonlyArray(GroupFigures),
  },
  {},
  'ImplementationLedgerDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type ImplementationLedgerDocument = t.TypeOf<typeof ImplementationLedgerDocument>;

/**
 * A region's figures: document `region:<region>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationRegionDocument = strict(
  { kind: t.literal('region'), region: Region, ...implementationFigureFields },
  {},
  'ImplementationRegionDocument',
);

/**
 * The figures of one kind of issuer in a region: document `issuer:<region>:<group|agency>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationIssuerDocument = strict(
  { kind: t.literal('issuer'), region: Region, issuerKind: IssuerKind, ...implementationFigureFields },
  {},
  'ImplementationIssuerDocument',
);

/**
 * The figures of one addressee body: document `body:<region>:<bodyId>`, named as its latest recommendation
 * names it.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationBodyDocument = strict(
  {
    kind: t.literal('body'),
    region: Region,
    bodyId: t.string,
    name: LocalizedText,
    ...implementationFigureFields,
  },
  {},
  'ImplementationBodyDocument',
);

/**
 * The figures of one monitoring group's recommendations: document `group:<region>:<groupId>`.
 *
 * @category read models
 * @since 0.1.0
 */
export const ImplementationGroupDocument = strict(
  { kind: t.literal('group'), region: Region, groupId: t.string, ...implementationFigureFields },
  {},
  'ImplementationGroupDocument',
);

/**
 * Every document of the recommendation-implementation read model, told apart by `kind`.
 *
 * @category read models
 * @since 0.1.0
 */
export const RecommendationImplementationDocument = t.union(
  [
    ImplementationRecommendationDocument,
    ImplementationLedgerDocument,
    ImplementationRegionDocument,
    ImplementationIssuerDocument,
    ImplementationBodyDocument,
    ImplementationGroupDocument,
  ],
  'RecommendationImplementationDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type RecommendationImplementationDocument = t.TypeOf<typeof RecommendationImplementationDocument>;

/**
 * The ids of the read model's documents, and the prefixes that list them (a region's bodies are
 * `bodies('KZ-71')`, every region's figures `regions`).
 *
 * @example
 * import { recommendationImplementationIds as ids } from '@adal/core';
 * ids.body('KZ-71', 'body-astana-education'); // 'body:KZ-71:body-astana-education'
 *
 * @category read models
 * @since 0.1.0
 */
export const recommendationImplementationIds = {
  recommendation: (region: RegionCode, streamName: string): string =>
    `recommendation:${region}:${streamName}`,
  recommendations: (region: RegionCode): string => `recommendation:${region}:`,
  ledger: (region: RegionCode): string => `ledger:${region}`,
  region: (region: RegionCode): string => `region:${region}`,
  regions: 'region:',
  issuer: (region: RegionCode, kind: IssuerKind): string => `issuer:${region}:${kind}`,
  issuers: (region: RegionCode): string => `issuer:${region}:`,
  body: (region: RegionCode, bodyId: string): string => `body:${region}:${bodyId}`,
  bodies: (region: RegionCode): string => `body:${region}:`,
  group: (region: RegionCode, groupId: string): string => `group:${region}:${groupId}`,
  groups: (region: RegionCode): string => `group:${region}:`,
} as const;

/**
 * The recommendation-implementation read model: issued, acknowledged, reviewed in the labour collective,
 * implemented fully / partly / not, withdrawn and overdue recommendations, by region, by issuer (group or
 * agency), by addressee body and by monitoring group. Each event of a `recommendation-…` stream counts in
 * the region of its stream.
 *
 * Documents: `region:<r>`, `issuer:<r>:<group|agency>`, `body:<r>:<bodyId>`, `group:<r>:<groupId>` (the
 * figures), `recommendation:<r>:<stream>` (one per recommendation: the evidence behind the figures) and
 * `ledger:<r>` (the projection's working totals).
 *
 * @example
 * import { RECOMMENDATION_IMPLEMENTATION, projectEvents } from '@adal/core';
 * // projectEvents(RECOMMENDATION_IMPLEMENTATION, events); // Right(Map { 'region:KZ-71' => { issued: 3, … }, … })
 *
 * @category read models
 * @since 0.1.0
 */
export const RECOMMENDATION_IMPLEMENTATION = defineProjection({
  name: 'recommendation-implementation',
  version: 1,
  sources: { recommendation: MonitoringRecommendationEvents },
  document: RecommendationImplementationDocument,
  reads: (_event, recorded) => itemLedgerReads(LEDGER, recorded),
  apply: (event, recorded, documents) => {
    const changed = changeItem(LEDGER, step, event, recorded, documents);
    if (changed === undefined) return [];
    const { region, after, ledger, move } = changed;
    const ids = recommendationImplementationIds;
    const bodyName =
      event.type === 'RecommendationIssued'
        ? event.data.addressee.name
        : ledger.bodies.find((b) => b.bodyId === after.bodyId)?.name;
    const { bodyId, groupId, issuerKind } = after;
    const bodies =
      bodyName === undefined
        ? ledger.bodies
        : upsert(ledger.bodies, 'bodyId', bodyId, (body) => ({
            bodyId,
            name: bodyName,
            figures: move(body?.figures),
          }));
    const groups =
      groupId === null
        ? ledger.groups
        : upsert(ledger.groups, 'groupId', groupId, (group) => ({ groupId, figures: move(group?.figures) }));
    const next: ImplementationLedgerDocument = {
      ...ledger,
      total: move(ledger.total),
      [issuerKind]: move(ledger[issuerKind]),
      bodies,
      groups,
    };

    const changes: DocumentChange<RecommendationImplementationDocument>[] = [
      { op: 'put', id: changed.itemId, document: after },
      { op: 'put', id: ids.ledger(region), document: next },
      { op: 'put', id: ids.region(region), document: { kind: 'region', region, ...next.total } },
      {
        op: 'put',
        id: ids.issuer(region, issuerKind),
        document: { kind: 'issuer', region, issuerKind, ...next[issuerKind] },
      },
    ];
    const body = bodies.find((b) => b.bodyId === bodyId);
    if (body !== undefined) {
      changes.push({
        op: 'put',
        id: ids.body(region, bodyId),
        document: { kind: 'body', region, bodyId, name: body.name, ...body.figures },
      });
    }
    const group = groupId === null ? undefined : groups.find((g) => g.groupId === groupId);
    if (group !== undefined) {
      changes.push({
        op: 'put',
        id: ids.group(region, group.groupId),
        document: { kind: 'group', region, groupId: group.groupId, ...group.figures },
      });
    }
    return changes;
  },
});

const LEDGER: ItemLedger<RecommendationImplementationDocument, 'recommendation', ImplementationFigures> = {
  itemKind: 'recommendation',
  itemId: recommendationImplementationIds.recommendation,
  ledgerId: recommendationImplementationIds.ledger,
  emptyLedger: (region) => ({
    kind: 'ledger',
    region,
    total: emptyImplementationFigures,
    group: emptyImplementationFigures,
    agency: emptyImplementationFigures,
    bodies: [],
    groups: [],
  }),
  figures: {
    empty: emptyImplementationFigures,
    add: addImplementationFigures,
    contribution: implementationContribution,
  },
};

/**
 * What one recommendation looks like after an event: the same object when the event changes nothing it
 * counts (a repeated step), `undefined` for an event of a recommendation never issued.
 */
const step = (
  before: ImplementationRecommendationDocument | undefined,
  event: MonitoringRecommendationEvent,
  recorded: RecordedEvent,
  region: RegionCode,
): ImplementationRecommendationDocument | undefined => {
  if (event.type === 'RecommendationIssued') {
    if (before !== undefined) return before;
    const { issuer, addressee, basis, issuedOn, dueOn } = event.data;
    return {
      kind: 'recommendation',
      recommendationId: recorded.streamName,
      region,
      issuerKind: issuer.kind,
      groupId: issuer.kind === 'group' ? issuer.groupId : null,
      bodyId: addressee.bodyId,
      basis,
      issuedOn,
      dueOn,
      status: 'issued',
      acknowledged: false,
      reviewed: false,
      reported: false,
      reportedLate: false,
      overall: null,
      overdue: false,
      events: { issued: recorded.id },
    };
  }
  if (before === undefined) return undefined;
  const events = before.events;
  const id = recorded.id;
  switch (event.type) {
    case 'RecommendationAcknowledged':
      return before.acknowledged
        ? before
        : { ...before, status: 'acknowledged', acknowledged: true, events: { ...events, acknowledged: id } };
    case 'CollectiveReviewRecorded':
      return before.reviewed
        ? before
        : {
            ...before,
            status: 'reviewedInLabourCollective',
            reviewed: true,
            events: { ...events, reviewed: id },
          };
    case 'ImplementationReported':
      return before.reported
        ? before
        : {
            ...before,
            status: 'implementationReported',
            reported: true,
            reportedLate: event.data.late,
            events: { ...events, reported: id },
          };
    case 'ImplementationAssessed':
      return before.overall !== null
        ? before
        : { ...before, status: 'assessed', overall: event.data.overall, events: { ...events, assessed: id } };
    case 'RecommendationWithdrawn':
      return before.status === 'withdrawn'
        ? before
        : { ...before, status: 'withdrawn', events: { ...events, withdrawn: id } };
    case 'RecommendationMarkedOverdue':
      return before.overdue ? before : { ...before, overdue: true, events: { ...events, overdue: id } };
    case 'RecommendationClosed':
      return before.status === 'closed'
        ? before
        : { ...before, status: 'closed', events: { ...events, closed: id } };
  }
};
