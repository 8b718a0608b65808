import * as t from 'io-ts/lib/index.js';
import { CorruptionCaseEvents } from '../cases/CorruptionCaseEvents.js';
import type { CorruptionCaseEvent } from '../cases/CorruptionCaseEvents.js';
import type { DocumentChange } from '../Projection.js';
import { defineProjection } from '../Projection.js';
import { Tiyn } from '../shared/Money.js';
import type { OfficialLevel } from '../shared/OfficialLevel.js';
import type { RegionCode } from '../shared/Region.js';
import { Region } from '../shared/Region.js';
import { localDate } from '../shared/WorkingDayCalendar.js';
import { strict } from '../strict.js';
import { regionOf } from './documentTotals.js';

/**
 * The figures of the yearly case statistics, each counted per year and region from events alone: offences
 * registered, persons exposed, heads detained by level, organised criminal groups, facts of systemic
 * corruption and the officials charged for them, damage caused and recovered (in tiyn).
 *
 * @category read models
 * @since 0.1.0
 */
export const CASE_STATISTICS_FIGURES = [
  'offencesRegistered',
  'personsExposed',
  'headsDetainedRepublican',
  'headsDetainedRegional',
  'headsDetainedCityDistrict',
  'organisedGroups',
  'systemicFacts',
  'officialsChargedForSystemicFacts',
  'damage',
  'recovered',
] as const;

/**
 * One figure of the case statistics.
 *
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsFigure = (typeof CASE_STATISTICS_FIGURES)[number];

/**
 * The figures that are sums of amounts in tiyn; every other figure counts.
 *
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsMoneyFigure = Extract<CaseStatisticsFigure, 'damage' | 'recovered'>;

/**
 * The figures that count cases, persons, groups or facts.
 *
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsCountFigure = Exclude<CaseStatisticsFigure, CaseStatisticsMoneyFigure>;

/**
 * Codec of a figure's name, for inputs that name one.
 *
 * @example
 * import { CaseStatisticsFigure } from '@adal/core';
 * CaseStatisticsFigure.is('personsExposed'); // true
 *
 * @category read models
 * @since 0.1.0
 */
export const CaseStatisticsFigure = t.keyof(
  Object.fromEntries(CASE_STATISTICS_FIGURES.map((figure) => [figure, null])) as Record<
    CaseStatisticsFigure,
    null
  >,
  'CaseStatisticsFigure',
);

/**
 * Codec of a statistics year: a four-digit year, as the documents' ids write it.
 *
 * @category read models
 * @since 0.1.0
 */
export const StatisticsYear = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1000 && n <= 9999,
  'StatisticsYear(1000..9999)',
);

const Count = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'Count');
const PositiveCount = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'PositiveCount');
const Ids = t.readonlyArray(t.string);

const isMoneyFigure = (figure: CaseStatisticsFigure): figure is CaseStatisticsMoneyFigure =>
  figure === 'damage' || figure === 'recovered';

/** Each figure's codec, in the order of {@link CASE_STATISTICS_FIGURES}: tiyn for amounts, else a count. */
const figureFields = Object.fromEntries(
  CASE_STATISTICS_FIGURES.map((figure) => [figure, isMoneyFigure(figure) ? Tiyn : Count]),
) as {
  readonly [F in CaseStatisticsFigure]: F extends CaseStatisticsMoneyFigure ? typeof Tiyn : typeof Count;
};

/**
 * The figures of one region in one year: document `year:<year>:<region>`, one field per figure of
 * {@link CASE_STATISTICS_FIGURES}. Amounts are tiyn (decimal strings in JSON); the recovery rate is not
 * stored, it follows from the two amounts.
 *
 * @category read models
 * @since 0.1.0
 */
export const CaseStatisticsYearDocument = strict(
  {
    kind: t.literal('year'),
    year: StatisticsYear,
    region: Region,
    ...figureFields,
  },
  {},
  'CaseStatisticsYearDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsYearDocument = t.TypeOf<typeof CaseStatisticsYearDocument>;

/**
 * What the projection remembers of one case so that nothing counts twice: document `case:<stream>`. It
 * grows with the case (its suspects and facts), never with the number of cases or events.
 *
 * @category read models
 * @since 0.1.0
 */
export const CaseStatisticsCaseDocument = strict(
  {
    kind: t.literal('case'),
    registered: t.boolean,
    identified: Ids,
    detained: Ids,
    charged: Ids,
    organisedGroup: t.boolean,
    systemicFacts: Ids,
    /** Officials linked to any of the case's systemic facts. */
    linked: Ids,
  },
  {},
  'CaseStatisticsCaseDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsCaseDocument = t.TypeOf<typeof CaseStatisticsCaseDocument>;

/**
 * One event behind one figure: document `evidence:<year>:<figure>:<region>:<position>:<eventId>`, written
 * once and never read by the projection. `count` is what the event adds to a counting figure (more than 1
 * only when one event links several charged officials to a systemic fact), `amount` what it adds to a sum.
 *
 * @category read models
 * @since 0.1.0
 */
export const CaseStatisticsEvidenceDocument = strict(
  {
    kind: t.literal('evidence'),
    figure: CaseStatisticsFigure,
    year: StatisticsYear,
    region: Region,
    eventId: t.string,
    streamName: t.string,
    position: t.string,
  },
  { count: PositiveCount, amount: Tiyn },
  'CaseStatisticsEvidenceDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsEvidenceDocument = t.TypeOf<typeof CaseStatisticsEvidenceDocument>;

/**
 * Every document of the case statistics, told apart by `kind`.
 *
 * @category read models
 * @since 0.1.0
 */
export const CaseStatisticsDocument = t.union(
  [CaseStatisticsYearDocument, CaseStatisticsCaseDocument, CaseStatisticsEvidenceDocument],
  'CaseStatisticsDocument',
);

/**
 * @category read models
 * @since 0.1.0
 */
export type CaseStatisticsDocument = t.TypeOf<typeof CaseStatisticsDocument>;

/**
 * The id of a region's figures for a year: `year:2018:KZ-71`.
 *
 * @category read models
 * @since 0.1.0
 */
export const caseStatisticsYearId = (year: number, region: RegionCode): string =>
  `${caseStatisticsYearPrefix(year)}${region}`;

/**
 * The id prefix of every region's figures for a year (`year:2018:`), or for every year (`year:`).
 *
 * @category read models
 * @since 0.1.0
 */
export const caseStatisticsYearPrefix = (year?: number): string =>
  year === undefined ? 'year:' : `year:${String(year).padStart(4, '0')}:`;

/**
 * The id of the projection's memory of one case.
 *
 * @category read models
 * @since 0.1.0
 */
export const caseStatisticsCaseId = (streamName: string): string => `case:${streamName}`;

/**
 * The id prefix of the evidence behind a figure in a year, nationally or in one region. Ids sort by
 * region, then by the events' global position.
 *
 * @example
 * import { caseStatisticsEvidencePrefix } from '@adal/core';
 * caseStatisticsEvidencePrefix('personsExposed', 2018, 'KZ-71'); // 'evidence:2018:personsExposed:KZ-71:'
 *
 * @category read models
 * @since 0.1.0
 */
export const caseStatisticsEvidencePrefix = (
  figure: CaseStatisticsFigure,
  year: number,
  region?: RegionCode,
): string =>
  `evidence:${String(year).padStart(4, '0')}:${figure}:${region === undefined ? '' : `${region}:`}`;

/**
 * The case statistics by year and region. Each event of a `case-…` stream is counted in the year of its
 * own date (`registrationYear`, `identifiedOn`, `detainedOn`, `chargedOn`, `markedOn`, `recordedOn`,
 * `recoveredOn`; the day of `at` in Kazakhstan for officials linked to a known fact) and in the region of its
 * stream; streams without a known region (`KZ-00`) and dates outside the years 1000–9999 are not counted.
 *
 * - A person counts once per case however many times they are named, detained or charged.
 * - Heads detained are detentions with `head` and a level; a head without a level cannot be placed and is
 *   not counted.
 * - An official counts as charged for systemic corruption once per case, when they are both linked to one
 *   of its systemic facts and charged, in the year of the event that made the second of the two true.
 *
 * Every event that changes a figure also writes an evidence document (see
 * {@link caseStatisticsEvidencePrefix}), so a figure can list the events behind it while the documents the
 * projection reads stay small.
 *
 * @example
 * import { CASE_STATISTICS, projectEvents } from '@adal/core';
 * // projectEvents(CASE_STATISTICS, events); // Right(Map { 'year:2018:KZ-71' => { personsExposed: 12, … }, … })
 *
 * @category read models
 * @since 0.1.0
 */
export const CASE_STATISTICS = defineProjection({
  name: 'case-statistics',
  version: 1,
  sources: { case: CorruptionCaseEvents },
  document: CaseStatisticsDocument,
  reads: (event, recorded) => {
    const region = regionOf(recorded);
    if (region === undefined) return [];
    const year = yearOf(event);
    return [
      ...(year === undefined ? [] : [caseStatisticsYearId(year, region)]),
      ...(REMEMBERS.has(event.type) ? [caseStatisticsCaseId(recorded.streamName)] : []),
    ];
  },
  apply: (event, recorded, documents) => {
    const region = regionOf(recorded);
    const year = yearOf(event);
    if (region === undefined || year === undefined) return [];
    const caseId = caseStatisticsCaseId(recorded.streamName);
    const remembered = documents(caseId);
    const known = remembered?.kind === 'case' ? remembered : emptyCase;
    const { contributions, next } = contribute(event, known);
    const yearId = caseStatisticsYearId(year, region);
    const stored = documents(yearId);
    let figures = stored?.kind === 'year' ? stored : emptyYear(year, region);
    const changes: DocumentChange<CaseStatisticsDocument>[] = [];
    for (const contribution of contributions) {
      figures = add(figures, contribution);
      changes.push({
        op: 'put',
        id: `${caseStatisticsEvidencePrefix(contribution.figure, year, region)}${recorded.globalPosition}:${recorded.id}`,
        document: {
          kind: 'evidence',
          figure: contribution.figure,
          year,
          region,
          eventId: recorded.id,
          streamName: recorded.streamName,
          position: recorded.globalPosition,
          ...('amount' in contribution ? { amount: contribution.amount } : { count: contribution.count }),
        },
      });
    }
    if (contributions.length > 0) changes.push({ op: 'put', id: yearId, document: figures });
    if (next !== known) changes.push({ op: 'put', id: caseId, document: next });
    return changes;
  },
});

type Contribution =
  | { readonly figure: CaseStatisticsCountFigure; readonly count: number }
  | { readonly figure: CaseStatisticsMoneyFigure; readonly amount: Tiyn };

const emptyCase: CaseStatisticsCaseDocument = {
  kind: 'case',
  registered: false,
  identified: [],
  detained: [],
  charged: [],
  organisedGroup: false,
  systemicFacts: [],
  linked: [],
};

const emptyYear = (year: number, region: RegionCode): CaseStatisticsYearDocument => ({
  kind: 'year',
  year,
  region,
  ...noFigures,
});

/** Every figure at zero. */
const noFigures = Object.fromEntries(
  CASE_STATISTICS_FIGURES.map((figure) => [figure, isMoneyFigure(figure) ? 0n : 0]),
) as Pick<CaseStatisticsYearDocument, CaseStatisticsFigure>;

/** The events whose counting depends on what came before in their case. */
const REMEMBERS: ReadonlySet<CorruptionCaseEvent['type']> = new Set([
  'CaseRegistered',
  'SuspectIdentified',
  'SuspectDetained',
  'SuspectCharged',
  'OrganisedGroupMarked',
  'SystemicFactMarked',
  'OfficialsLinkedToSystemicFact',
]);

const HEADS: Readonly<Record<OfficialLevel, CaseStatisticsCountFigure>> = {
  republican: 'headsDetainedRepublican',
  regional: 'headsDetainedRegional',
  cityDistrict: 'headsDetainedCityDistrict',
};

const yearOfDate = (date: string): number => Number(date.slice(0, 4));

/**
 * The year an event may change figures in, or `undefined` for an event that never changes one. A date
 * outside the years the ids can write (1000–9999) is not counted rather than stopping the projection.
 */
const yearOf = (event: CorruptionCaseEvent): number | undefined => {
  const year = eventYear(event);
  return year !== undefined && StatisticsYear.is(year) ? year : undefined;
};

const eventYear = (event: CorruptionCaseEvent): number | undefined => {
  switch (event.type) {
    case 'CaseRegistered':
      return event.data.registrationYear;
    case 'SuspectIdentified':
      return yearOfDate(event.data.identifiedOn);
    case 'SuspectDetained':
      return yearOfDate(event.data.detainedOn);
    case 'SuspectCharged':
      return yearOfDate(event.data.chargedOn);
    case 'OrganisedGroupMarked':
    case 'SystemicFactMarked':
      return yearOfDate(event.data.markedOn);
    case 'OfficialsLinkedToSystemicFact':
      return yearOfDate(localDate(event.data.at));
    case 'DamageRecorded':
      return yearOfDate(event.data.recordedOn);
    case 'RecoveryRecorded':
      return yearOfDate(event.data.recoveredOn);
    default:
      return undefined;
  }
};

/** What an event adds to the figures, and what its case remembers afterwards (`known` when unchanged). */
const contribute = (
  event: CorruptionCaseEvent,
  known: CaseStatisticsCaseDocument,
): { readonly contributions: readonly Contribution[]; readonly next: CaseStatisticsCaseDocument } => {
  const none = { contributions: [], next: known };
  const count = (figure: CaseStatisticsCountFigure, n = 1): Contribution[] =>
    n > 0 ? [{ figure, count: n }] : [];
  switch (event.type) {
    case 'CaseRegistered':
      return known.registered
        ? none
        : { contributions: count('offencesRegistered'), next: { ...known, registered: true } };
    case 'SuspectIdentified': {
      const { personId } = event.data;
      if (known.identified.includes(personId)) return none;
      return {
        contributions: count('personsExposed'),
        next: { ...known, identified: [...known.identified, personId] },
      };
    }
    case 'SuspectDetained': {
      const { personId, head, level } = event.data;
      if (known.detained.includes(personId)) return none;
      return {
        contributions: head && level !== undefined ? count(HEADS[level]) : [],
        next: { ...known, detained: [...known.detained, personId] },
      };
    }
    case 'SuspectCharged': {
      const { personId } = event.data;
      if (known.charged.includes(personId)) return none;
      return {
        contributions: count('officialsChargedForSystemicFacts', known.linked.includes(personId) ? 1 : 0),
        next: { ...known, charged: [...known.charged, personId] },
      };
    }
    case 'OrganisedGroupMarked':
      return known.organisedGroup
        ? none
        : { contributions: count('organisedGroups'), next: { ...known, organisedGroup: true } };
    case 'SystemicFactMarked':
    case 'OfficialsLinkedToSystemicFact': {
      const { factId, officials } = event.data;
      const newFact = event.type === 'SystemicFactMarked' && !known.systemicFacts.includes(factId);
      const newlyLinked = officials.filter((id) => !known.linked.includes(id));
      if (!newFact && newlyLinked.length === 0) return none;
      const charged = newlyLinked.filter((id) => known.charged.includes(id)).length;
      return {
        contributions: [
          ...(newFact ? count('systemicFacts') : []),
          ...count('officialsChargedForSystemicFacts', charged),
        ],
        next: {
          ...known,
          systemicFacts: newFact ? [...known.systemicFacts, factId] : known.systemicFacts,
          linked: [...known.linked, ...newlyLinked],
        },
      };
    }
    case 'DamageRecorded':
    case 'RecoveryRecorded': {
      const figure = event.type === 'DamageRecorded' ? 'damage' : 'recovered';
      return {
        contributions: event.data.amount > 0n ? [{ figure, amount: event.data.amount }] : [],
        next: known,
      };
    }
    default:
      return none;
  }
};

const add = (figures: CaseStatisticsYearDocument, contribution: Contribution): CaseStatisticsYearDocument =>
  'amount' in contribution
    ? { ...figures, [contribution.figure]: figures[contribution.figure] + contribution.amount }
    : { ...figures, [contribution.figure]: figures[contribution.figure] + contribution.count };
