import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type {
  CorruptionCaseCommand,
  CorruptionCaseEvent,
  CorruptionCaseState,
} from '../../src/cases/index.js';
import {
  CaseRegistered,
  CorruptionCase,
  CorruptionCaseEvents,
  DamageRecorded,
  OfficialsLinkedToSystemicFact,
  OrganisedGroupMarked,
  RecoveryRecorded,
  SuspectCharged,
  SuspectDetained,
  SuspectIdentified,
  SystemicFactMarked,
  officialsChargedForSystemicFacts,
} from '../../src/cases/index.js';
import type { OfficialLevel, RecordedEvent, RegionCode, StreamName } from '../../src/index.js';
import { encodeChanges, globalPosition, localDate, OFFICIAL_LEVELS } from '../../src/index.js';
import type {
  CaseStatisticsDocument,
  CaseStatisticsEvidenceDocument,
  CaseStatisticsFigure,
  CaseStatisticsYearDocument,
} from '../../src/readModels/caseStatistics.js';
import {
  CASE_STATISTICS,
  CASE_STATISTICS_FIGURES,
  caseStatisticsEvidencePrefix,
  caseStatisticsYearId,
} from '../../src/readModels/caseStatistics.js';
import { documentsOf } from './recordedLog.js';

// ---------------------------------------------------------------------------------------------------------
// Recorded events built by hand: each case is a stream, events get positions in the order they are given.

const en = (text: string) => ({ text, language: 'en' as const });

/** 10:00 in Kazakhstan on a date. */
const on = (date: string): Date => new Date(`${date}T10:00:00+05:00`);

const record = (entries: readonly (readonly [string, CorruptionCaseEvent])[]): RecordedEvent[] => {
  const revisions = new Map<string, bigint>();
  return entries.map(([stream, event], index) => {
    const revision = revisions.get(stream) ?? 0n;
    revisions.set(stream, revision + 1n);
    return {
      ...CorruptionCaseEvents.encode(event),
      id: `00000000-0000-7000-8000-${(index + 1).toString(16).padStart(12, '0')}`,
      streamName: stream as StreamName,
      streamRevision: revision,
      globalPosition: globalPosition(1n, BigInt(index + 1)),
      recordedAt: new Date(0),
      metadata: {},
    };
  });
};

const registered = (date: string, region: RegionCode = 'KZ-71') =>
  CaseRegistered.make({
    at: on(date),
    region,
    offence: { article: '366', part: 4 },
    source: 'ownDetection',
    registeredOn: localDate(on(date)),
    registrationYear: Number(date.slice(0, 4)),
  });

const identified = (date: string, personId: string, level?: OfficialLevel, head = false) =>
  SuspectIdentified.make({
    at: on(date),
    personId,
    position: 'official',
    identifiedOn: localDate(on(date)),
    head,
    ...(level === undefined ? {} : { level }),
  });

const detained = (date: string, personId: string, level?: OfficialLevel, head = false) =>
  SuspectDetained.make({
    at: on(date),
    personId,
    detainedOn: localDate(on(date)),
    head,
    ...(level === undefined ? {} : { level }),
  });

const charged = (date: string, personId: string, level: OfficialLevel = 'regional') =>
  SuspectCharged.make({ at: on(date), personId, chargedOn: localDate(on(date)), head: false, level });

const systemic = (date: string, factId: string, officials: readonly string[]) =>
  SystemicFactMarked.make({
    at: on(date),
    factId,
    markedOn: localDate(on(date)),
    description: en('kickbacks on every contract'),
    officials: [...officials],
  });

const linked = (date: string, factId: string, officials: readonly string[]) =>
  OfficialsLinkedToSystemicFact.make({ at: on(date), factId, officials: [...officials] });

const damage = (date: string, amount: bigint) =>
  DamageRecorded.make({ at: on(date), amount, recordedOn: localDate(on(date)) });

const recovery = (date: string, amount: bigint) =>
  RecoveryRecorded.make({ at: on(date), amount, recoveredOn: localDate(on(date)) });

const A = 'case-KZ-71-a';
const B = 'case-KZ-75-b';

const project = (events: readonly RecordedEvent[]) => documentsOf(CASE_STATISTICS, events);

const yearOf = (
  documents: ReadonlyMap<string, CaseStatisticsDocument>,
  year: number,
  region: RegionCode,
): CaseStatisticsYearDocument | undefined => {
  const document = documents.get(caseStatisticsYearId(year, region));
  return document?.kind === 'year' ? document : undefined;
};

const evidenceOf = (
  documents: ReadonlyMap<string, CaseStatisticsDocument>,
  figure: CaseStatisticsFigure,
  year: number,
  region?: RegionCode,
): CaseStatisticsEvidenceDocument[] => {
  const prefix = caseStatisticsEvidencePrefix(figure, year, region);
  return [...documents]
    .filter(([id]) => id.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([, document]) => (document.kind === 'evidence' ? [document] : []));
};

describe('case statistics: counting', () => {
  it('counts offences in the registration year and persons in the year they were identified', () => {
    const documents = project(
      record([
        [A, registered('2017-12-20')],
        [A, identified('2018-01-10', 'p-1')],
        [A, identified('2018-02-01', 'p-2')],
      ]),
    );
    expect(yearOf(documents, 2017, 'KZ-71')).toMatchObject({ offencesRegistered: 1, personsExposed: 0 });
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({ offencesRegistered: 0, personsExposed: 2 });
  });

  it('counts a person once per case however many times they are named, and again in another case', () => {
    const documents = project(
      record([
        [A, registered('2018-01-05')],
        [A, identified('2018-01-10', 'p-1')],
        [A, identified('2018-03-10', 'p-1')],
        [B, registered('2018-01-05', 'KZ-75')],
        [B, identified('2018-01-10', 'p-1')],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')?.personsExposed).toBe(1);
    expect(yearOf(documents, 2018, 'KZ-75')?.personsExposed).toBe(1);
    expect(evidenceOf(documents, 'personsExposed', 2018).map((e) => e.eventId)).toEqual([
      '00000000-0000-7000-8000-000000000002',
      '00000000-0000-7000-8000-000000000005',
    ]);
  });

  it('counts heads detained by level, once each, leaving out non-heads and heads without a level', () => {
    const documents = project(
      record([
        [A, registered('2018-01-05')],
        [A, detained('2018-02-01', 'p-1', 'republican', true)],
        [A, detained('2018-02-02', 'p-2', 'regional', true)],
        [A, detained('2018-02-03', 'p-3', 'cityDistrict', true)],
        [A, detained('2018-02-04', 'p-4', 'cityDistrict', true)],
        [A, detained('2018-02-05', 'p-4', 'cityDistrict', true)],
        [A, detained('2018-02-06', 'p-5', 'regional', false)],
        [A, detained('2018-02-07', 'p-6', undefined, true)],
        [A, detained('2019-01-07', 'p-7', 'regional', true)],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({
      headsDetainedRepublican: 1,
      headsDetainedRegional: 1,
      headsDetainedCityDistrict: 2,
    });
    expect(yearOf(documents, 2019, 'KZ-71')?.headsDetainedRegional).toBe(1);
    expect(evidenceOf(documents, 'headsDetainedCityDistrict', 2018, 'KZ-71')).toHaveLength(2);
  });

  it('counts an organised group once per case', () => {
    const group = (date: string) =>
      OrganisedGroupMarked.make({ at: on(date), markedOn: localDate(on(date)), members: ['p-1', 'p-2'] });
    const documents = project(
      record([
        [A, group('2018-04-01')],
        [A, group('2018-05-01')],
        [B, group('2018-04-01')],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')?.organisedGroups).toBe(1);
    expect(yearOf(documents, 2018, 'KZ-75')?.organisedGroups).toBe(1);
  });
});

describe('case statistics: systemic corruption', () => {
  it('counts an official charged before the fact was marked, in the year of the marking', () => {
    const documents = project(
      record([
        [A, charged('2017-11-01', 'p-1')],
        [A, charged('2017-11-02', 'p-2')],
        [A, systemic('2018-03-01', 'F-1', ['p-1', 'p-2', 'p-3'])],
      ]),
    );
    expect(yearOf(documents, 2017, 'KZ-71')?.officialsChargedForSystemicFacts).toBeUndefined();
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({
      systemicFacts: 1,
      officialsChargedForSystemicFacts: 2,
    });
    // One event made both officials count: it is listed once, with its count.
    const evidence = evidenceOf(documents, 'officialsChargedForSystemicFacts', 2018, 'KZ-71');
    expect(evidence.map((e) => [e.eventId, e.count])).toEqual([['00000000-0000-7000-8000-000000000003', 2]]);
  });

  it('counts an official linked first and charged later, in the year of the charge', () => {
    const documents = project(
      record([
        [A, systemic('2018-03-01', 'F-1', ['p-1'])],
        [A, charged('2019-02-01', 'p-1')],
        [A, charged('2019-02-02', 'p-9')],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({
      systemicFacts: 1,
      officialsChargedForSystemicFacts: 0,
    });
    expect(yearOf(documents, 2019, 'KZ-71')?.officialsChargedForSystemicFacts).toBe(1);
    expect(evidenceOf(documents, 'officialsChargedForSystemicFacts', 2019).map((e) => e.eventId)).toEqual([
      '00000000-0000-7000-8000-000000000002',
    ]);
  });

  it('counts an official once across the facts of a case, and links to a known fact by the day of `at`', () => {
    const documents = project(
      record([
        [A, systemic('2018-03-01', 'F-1', ['p-1'])],
        [A, systemic('2018-03-02', 'F-2', ['p-1', 'p-2'])],
        [A, systemic('2018-03-03', 'F-2', ['p-2'])],
        [A, charged('2018-04-01', 'p-1')],
        [A, charged('2018-04-02', 'p-3')],
        [A, linked('2019-01-10', 'F-1', ['p-3', 'p-1'])],
        [A, charged('2018-04-01', 'p-1')],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({
      systemicFacts: 2,
      officialsChargedForSystemicFacts: 1,
    });
    expect(yearOf(documents, 2019, 'KZ-71')?.officialsChargedForSystemicFacts).toBe(1);
  });
});

describe('case statistics: money', () => {
  it('sums damage and recoveries in the years they were recorded, per region', () => {
    const documents = project(
      record([
        [A, damage('2018-02-01', 1_000_00n)],
        [A, damage('2018-06-01', 2_000_00n)],
        [A, recovery('2018-07-01', 2_500_00n)],
        [A, recovery('2019-01-15', 500_00n)],
        [B, damage('2018-02-01', 7_00n)],
      ]),
    );
    expect(yearOf(documents, 2018, 'KZ-71')).toMatchObject({ damage: 3_000_00n, recovered: 2_500_00n });
    expect(yearOf(documents, 2019, 'KZ-71')).toMatchObject({ damage: 0n, recovered: 500_00n });
    expect(yearOf(documents, 2018, 'KZ-75')).toMatchObject({ damage: 7_00n, recovered: 0n });
    expect(evidenceOf(documents, 'damage', 2018).map((e) => e.amount)).toEqual([1_000_00n, 2_000_00n, 7_00n]);
  });
});

describe('case statistics: documents and evidence', () => {
  const events = record([
    [A, registered('2018-01-05')],
    [A, identified('2018-01-10', 'p-1', 'regional', true)],
    [A, identified('2018-01-10', 'p-1', 'regional', true)],
    [A, detained('2018-01-11', 'p-1', 'regional', true)],
    [A, charged('2018-01-12', 'p-1')],
    [A, systemic('2018-02-01', 'F-1', ['p-1'])],
    [A, damage('2018-02-02', 99n)],
    [B, registered('2018-01-05', 'KZ-75')],
    ['case-KZ-00-national', registered('2018-01-05')],
  ]);

  it('lists exactly the events behind each figure, and their counts and amounts make the figure', () => {
    const documents = project(events);
    const figures = yearOf(documents, 2018, 'KZ-71');
    expect(figures).toBeDefined();
    if (figures === undefined) return;
    for (const figure of CASE_STATISTICS_FIGURES) {
      const evidence = evidenceOf(documents, figure, 2018, 'KZ-71');
      const total = evidence.reduce<bigint>((sum, e) => sum + (e.amount ?? BigInt(e.count ?? 0)), 0n);
      expect(total, figure).toBe(BigInt(figures[figure]));
      for (const e of evidence) {
        expect(e).toMatchObject({ figure, year: 2018, region: 'KZ-71', streamName: A });
      }
    }
    expect(evidenceOf(documents, 'personsExposed', 2018, 'KZ-71').map((e) => e.eventId)).toEqual([
      events[1]?.id,
    ]);
    expect(evidenceOf(documents, 'offencesRegistered', 2018).map((e) => e.streamName)).toEqual([A, B]);
  });

  it('leaves out streams without a known region', () => {
    const documents = project(events);
    expect([...documents.keys()].filter((id) => id.includes('KZ-00') && !id.startsWith('case:'))).toEqual([]);
  });

  it('reads only the year and the case documents, and puts no other document than evidence besides them', () => {
    const working = new Map<string, CaseStatisticsDocument>();
    for (const recorded of events) {
      const decoded = CorruptionCaseEvents.decode(recorded);
      if (E.isLeft(decoded)) throw new Error(decoded.left.message);
      const reads = CASE_STATISTICS.reads(decoded.right, recorded);
      expect(reads.every((id) => id.startsWith('year:') || id.startsWith('case:'))).toBe(true);
      expect(reads.length).toBeLessThanOrEqual(2);
      const changes = CASE_STATISTICS.apply(decoded.right, recorded, (id) =>
        reads.includes(id) ? working.get(id) : undefined,
      );
      for (const change of changes) {
        expect(change.op).toBe('put');
        if (change.op !== 'put') continue;
        expect(reads.includes(change.id) || change.document.kind === 'evidence').toBe(true);
        working.set(change.id, change.document);
      }
    }
    expect(new Map(working)).toEqual(new Map(project(events)));
  });

  it('gives documents that its codec accepts, amounts as decimal strings', () => {
    const documents = project(events);
    const encoded = encodeChanges(
      CASE_STATISTICS,
      [...documents].map(([id, document]) => ({ op: 'put' as const, id, document })),
    );
    expect(E.isRight(encoded)).toBe(true);
    if (E.isLeft(encoded)) return;
    const year = encoded.right.find((change) => change.id === caseStatisticsYearId(2018, 'KZ-71'));
    expect(year).toMatchObject({ document: { damage: '99', recovered: '0' } });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties over random case histories made by the decider itself (so they are histories that can happen).

const { decide, evolve, initialState } = CorruptionCase.decider;
const PEOPLE = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'] as const;
const REGIONS: readonly RegionCode[] = ['KZ-71', 'KZ-75', 'KZ-79'];

type Step = (at: Date) => CorruptionCaseCommand | undefined;
const person = fc.constantFrom(...PEOPLE);
const people = fc.uniqueArray(person, { minLength: 1, maxLength: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(person, fc.option(fc.constantFrom(...OFFICIAL_LEVELS), { nil: undefined }), fc.boolean())
      .map(
        ([personId, level, head]): Step =>
          (at) =>
            level === undefined
              ? { type: 'IdentifySuspect', at, personId, position: 'contractor', head: false }
              : { type: 'IdentifySuspect', at, personId, position: 'official', head, level },
      ),
  },
  { weight: 3, arbitrary: person.map((personId): Step => (at) => ({ type: 'DetainSuspect', at, personId })) },
  { weight: 3, arbitrary: person.map((personId): Step => (at) => ({ type: 'ChargeSuspect', at, personId })) },
  {
    weight: 1,
    arbitrary: people.map((members): Step => (at) => ({ type: 'MarkOrganisedGroup', at, members })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom('F-1', 'F-2'), people).map(([factId, officials]): Step => (at) => ({
      type: 'MarkSystemic',
      at,
      factId,
      description: en('a scheme'),
      officials,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .bigInt({ min: 0n, max: 10_000n })
      .map((amount): Step => (at) => ({ type: 'RecordDamage', at, amount })),
  },
  {
    weight: 2,
    arbitrary: fc
      .bigInt({ min: 0n, max: 10_000n })
      .map((amount): Step => (at) => ({ type: 'RecordRecovery', at, amount, reason: en('fine') })),
  },
);

interface CaseHistory {
  readonly stream: string;
  readonly region: RegionCode;
  readonly events: readonly CorruptionCaseEvent[];
  readonly state: CorruptionCaseState;
}

/** One case: registered on a random day of 2017–2019, then random steps 0–40 days apart. */
const caseHistory = (index: number): fc.Arbitrary<CaseHistory> =>
  fc
    .tuple(
      fc.constantFrom(...REGIONS),
      fc.integer({ min: 0, max: 900 }),
      fc.array(fc.tuple(step, fc.integer({ min: 0, max: 40 })), { maxLength: 25 }),
    )
    .map(([region, start, steps]) => {
      let offset = start;
      const at = () => new Date(Date.UTC(2017, 0, 2 + offset, 5, 0));
      const commands: (CorruptionCaseCommand | undefined)[] = [
        { type: 'RegisterCase', at: at(), offence: { article: '366' }, region, source: 'audit' },
        { type: 'StartInvestigation', at: at() },
        ...steps.map(([make, gap]) => {
          offset += gap;
          return make(at());
        }),
      ];
      let state = initialState;
      const events: CorruptionCaseEvent[] = [];
      for (const command of commands) {
        if (command === undefined) continue;
        const result = decide(command, state);
        if (E.isLeft(result)) continue;
        events.push(...result.right);
        state = result.right.reduce(evolve, state);
      }
      return { stream: `case-${region}-c${index}`, region, events, state };
    });

const histories = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => caseHistory(i))));

/** The cases' events interleaved by a schedule (each case keeps its own order). */
const interleave = (cases: readonly CaseHistory[], schedule: readonly number[]): RecordedEvent[] => {
  const next = cases.map(() => 0);
  const entries: [string, CorruptionCaseEvent][] = [];
  const take = (i: number) => {
    const history = cases[i];
    const position = next[i] ?? 0;
    const event = history?.events[position];
    if (history === undefined || event === undefined) return;
    entries.push([history.stream, event]);
    next[i] = position + 1;
  };
  for (const pick of schedule) take(pick % cases.length);
  cases.forEach((history, i) => {
    while ((next[i] ?? 0) < history.events.length) take(i);
  });
  return record(entries);
};

type Totals = Record<CaseStatisticsFigure, bigint>;
const zero = (): Totals =>
  Object.fromEntries(CASE_STATISTICS_FIGURES.map((figure) => [figure, 0n])) as Totals;

/** What one case adds to the figures over all years, read from the decider's own state. */
const derived = (state: CorruptionCaseState): Totals => {
  const totals = zero();
  const suspects = [...state.suspects.values()];
  const heads = (level: OfficialLevel) =>
    BigInt(suspects.filter((s) => s.detained && s.head && s.level === level).length);
  totals.offencesRegistered = state.status === 'none' ? 0n : 1n;
  totals.personsExposed = BigInt(state.suspects.size);
  totals.headsDetainedRepublican = heads('republican');
  totals.headsDetainedRegional = heads('regional');
  totals.headsDetainedCityDistrict = heads('cityDistrict');
  totals.organisedGroups = state.organisedGroup === undefined ? 0n : 1n;
  totals.systemicFacts = BigInt(state.systemicFacts.size);
  totals.officialsChargedForSystemicFacts = BigInt(officialsChargedForSystemicFacts(state).size);
  totals.damage = state.damage;
  totals.recovered = state.recovered;
  return totals;
};

const addTotals = (a: Totals, b: Totals): Totals =>
  Object.fromEntries(CASE_STATISTICS_FIGURES.map((figure) => [figure, a[figure] + b[figure]])) as Totals;

/** The figures of a region summed over all its year documents. */
const projected = (documents: ReadonlyMap<string, CaseStatisticsDocument>, region: RegionCode): Totals => {
  let totals = zero();
  for (const document of documents.values()) {
    if (document.kind !== 'year' || document.region !== region) continue;
    const one = zero();
    for (const figure of CASE_STATISTICS_FIGURES) one[figure] = BigInt(document[figure]);
    totals = addTotals(totals, one);
  }
  return totals;
};

describe('case statistics: properties', () => {
  it('each region’s figures, over all years, are the sums of what its cases’ states say', () => {
    fc.assert(
      fc.property(histories, fc.array(fc.nat(), { maxLength: 200 }), (cases, schedule) => {
        const documents = project(interleave(cases, schedule));
        for (const region of REGIONS) {
          const expected = cases
            .filter((history) => history.region === region)
            .reduce((sum, history) => addTotals(sum, derived(history.state)), zero());
          expect(projected(documents, region)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the interleaving of cases changes no figure, and every figure is the sum of its evidence', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.nat(), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        (cases, first, second) => {
          const one = project(interleave(cases, first));
          const other = project(interleave(cases, second));
          const figuresOf = (documents: ReadonlyMap<string, CaseStatisticsDocument>) =>
            [...documents].filter(([, document]) => document.kind !== 'evidence');
          expect(new Map(figuresOf(one))).toEqual(new Map(figuresOf(other)));
          const evidence = [...one.values()].flatMap((document) =>
            document.kind === 'evidence' ? [document] : [],
          );
          for (const document of one.values()) {
            if (document.kind !== 'year') continue;
            for (const figure of CASE_STATISTICS_FIGURES) {
              const behind = evidence.filter(
                (e) => e.figure === figure && e.year === document.year && e.region === document.region,
              );
              const sum = behind.reduce<bigint>((total, e) => total + (e.amount ?? BigInt(e.count ?? 0)), 0n);
              expect(sum).toBe(BigInt(document[figure]));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the random histories reach every figure, so the properties are not vacuous', () => {
    const samples = fc.sample(histories, { numRuns: 300, seed: 7 });
    const reached = new Set<CaseStatisticsFigure>();
    for (const cases of samples)
      for (const history of cases) {
        const totals = derived(history.state);
        for (const figure of CASE_STATISTICS_FIGURES) if (totals[figure] > 0n) reached.add(figure);
      }
    expect([...reached].sort()).toEqual([...CASE_STATISTICS_FIGURES].sort());
  });
});
