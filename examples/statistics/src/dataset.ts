/**
 * The article's year as a dataset: corruption cases in eight regions, registered, investigated and
 * costed through `client.cases.*` commands only, so that the case statistics of 2018 give the article's
 * figures exactly — and only if the projection counts by the rules (a person once per case, heads by level,
 * officials charged for systemic corruption once, every figure in the year of its own event's date).
 *
 * Around the figures sits what must *not* count in 2018: 300 cases of 2016 (the base of the 23 % fall),
 * cases registered in December 2017 with some suspects named in 2017, a second naming of the same person,
 * heads named but not detained (or detained only in 2019), officials linked to a systemic fact but never
 * charged, non-heads detained, damage of 2017 and a recovery of 2019.
 *
 * Every date comes from the commands' `at`; a client built with {@link datasetIds} and a fixed clock makes
 * the same events, ids included, on every run.
 */
import type { AdalClient, CommandError, IdGenerator } from '@adal/client';
import { createUuidV7 } from '@adal/client';
import type { CorruptionCaseError, OfficialLevel, RegionCode, Tiyn } from '@adal/core';
import { tenge } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/** The article's figures for its year, as the agency reported them. */
export const ARTICLE = {
  year: 2018,
  baseYear: 2016,
  personsExposed: 1290,
  headsDetained: { republican: 25, regional: 91, cityDistrict: 142 },
  organisedGroups: 4,
  systemicFacts: 87,
  officialsChargedForSystemicFacts: 288,
  damage: tenge(21_000_000_000),
  recoveryRate: 89,
  offencesChange: -23,
} as const;

/** Offences registered in the base year and in the article's year: 231 is 23 % below 300. */
export const OFFENCES = { 2016: 300, 2018: 231 } as const;

/** The regions the cases are spread over. */
export const DATASET_REGIONS: readonly RegionCode[] = [
  'KZ-71',
  'KZ-75',
  'KZ-79',
  'KZ-35',
  'KZ-55',
  'KZ-63',
  'KZ-31',
  'KZ-61',
];

/** What the dataset did. */
export interface DatasetSummary {
  readonly commands: number;
  readonly events: number;
  readonly cases: number;
}

/** A command of the dataset was refused: a bug in the dataset or in the domain. */
export interface DatasetCommandRefused {
  readonly _tag: 'DatasetCommandRefused';
  readonly step: string;
  readonly message: string;
  readonly error: CommandError<CorruptionCaseError>;
}

/**
 * Ids that are the same on every run: UUIDv7 with a fixed time and a seeded counter in place of random bits.
 */
export const datasetIds = (seed = 2018): IdGenerator => {
  let state = seed >>> 0 || 1;
  return createUuidV7(
    () => Date.UTC(2019, 0, 15),
    (bytes) => {
      for (let i = 0; i < bytes.length; i += 1) {
        // xorshift32: deterministic filler for the "random" bits.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        bytes[i] = state & 0xff;
      }
    },
  );
};

const en = (text: string) => ({ text, language: 'en' as const });

/** 10:00 in Kazakhstan on `date` plus `days`. */
const at = (date: string, days = 0): Date =>
  new Date(new Date(`${date}T10:00:00+05:00`).getTime() + days * 86_400_000);

const LEVELS: readonly OfficialLevel[] = ['republican', 'regional', 'cityDistrict'];

/**
 * The heads detained in 2018, one level each: 25 republican, 91 regional, 142 city-district, spread over
 * the cases by a fixed permutation (7 and 258 are coprime) rather than in blocks.
 */
const headLevels = (): OfficialLevel[] => {
  const { republican, regional, cityDistrict } = ARTICLE.headsDetained;
  const ordered = [
    ...Array<OfficialLevel>(republican).fill('republican'),
    ...Array<OfficialLevel>(regional).fill('regional'),
    ...Array<OfficialLevel>(cityDistrict).fill('cityDistrict'),
  ];
  return ordered.map((_, i) => ordered[(i * 7) % ordered.length] ?? 'regional');
};

/** `total` split over `count` parts by weights 1..7, the remainder on the last part. */
const split = (total: bigint, count: number): bigint[] => {
  const weights = Array.from({ length: count }, (_, i) => BigInt((i % 7) + 1));
  const sum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((w) => (total * w) / sum);
  const last = parts.length - 1;
  parts[last] = (parts[last] ?? 0n) + total - parts.reduce((a, b) => a + b, 0n);
  return parts;
};

/**
 * Issues the dataset's commands through `client.cases` and returns how many it issued, or the first
 * refusal.
 */
export const buildArticleDataset = async (
  client: AdalClient,
): Promise<E.Either<DatasetCommandRefused, DatasetSummary>> => {
  const cases = client.cases;
  let commands = 0;
  let events = 0;
  let refused: DatasetCommandRefused | undefined;

  /** Runs one command unless an earlier one was refused; the case id on success. */
  const run = async (
    step: string,
    task: TE.TaskEither<
      CommandError<CorruptionCaseError>,
      { readonly id: string; readonly events: readonly unknown[] }
    >,
  ): Promise<string> => {
    if (refused !== undefined) return '';
    commands += 1;
    const result = await task();
    if (E.isLeft(result)) {
      refused = {
        _tag: 'DatasetCommandRefused',
        step,
        message: `${step}: ${result.left.message}`,
        error: result.left,
      };
      return '';
    }
    events += result.right.events.length;
    return result.right.id;
  };

  const register = (key: string, region: RegionCode, when: Date) =>
    run(
      `register ${key}`,
      cases.registerCase(
        {
          offence: { article: '366', part: 2 },
          region,
          source: 'ownDetection',
          registrationNumber: key,
          at: when,
        },
        // With a command id, the case's id is derived from it: the same on every run.
        { commandId: `article-dataset-${key}` },
      ),
    );

  // 2016: the base year of the change, registrations only.
  for (let c = 0; c < OFFENCES[2016]; c += 1) {
    await register(`2016-${c}`, regionOf(c), at('2016-01-11', c % 330));
  }

  // December 2017: cases whose first suspect is named in 2017 (not counted in 2018) and two more in January
  // 2018 (counted). Their damage is of 2017, their recovery of 2019: neither is 2018's.
  for (let c = 0; c < 12; c += 1) {
    const id = await register(`2017-${c}`, regionOf(c + 3), at('2017-12-01', c));
    await run(`start 2017-${c}`, cases.startInvestigation(id, { at: at('2017-12-02', c) }));
    const head = {
      position: 'head of the district land department',
      head: true,
      level: 'cityDistrict',
    } as const;
    await run(
      `identify 2017-${c}`,
      cases.identifySuspect(id, { personId: `p17-${c}-0`, ...head, at: at('2017-12-04', c) }),
    );
    await run(
      `detain 2017-${c}`,
      cases.detainSuspect(id, { personId: `p17-${c}-0`, at: at('2017-12-05', c) }),
    );
    for (const j of [1, 2]) {
      await run(
        `identify 2017-${c}-${j}`,
        cases.identifySuspect(id, {
          personId: `p17-${c}-${j}`,
          position: 'land surveyor',
          head: false,
          level: 'cityDistrict',
          at: at('2018-01-15', c),
        }),
      );
    }
    await run(
      `damage 2017-${c}`,
      cases.recordDamage(id, { amount: tenge(40_000_000), at: at('2017-12-20', c) }),
    );
    await run(
      `recovery 2017-${c}`,
      cases.recordRecovery(id, { amount: tenge(10_000_000), at: at('2019-02-01', c) }),
    );
  }

  // 2018: 231 cases with 1,266 suspects (111 cases of six, 120 of five).
  const heads = headLevels();
  let freeSlot = 0;
  const damages = split(ARTICLE.damage, 60);
  const recovered = split((ARTICLE.damage * BigInt(ARTICLE.recoveryRate)) / 100n, 60);
  for (let c = 0; c < OFFENCES[2018]; c += 1) {
    const key = `2018-${c}`;
    const registered = at('2018-01-09', c % 120);
    const day = (n: number) => new Date(registered.getTime() + n * 86_400_000);
    const id = await register(key, regionOf(c), registered);
    await run(`start ${key}`, cases.startInvestigation(id, { at: day(1) }));

    const size = c < 111 ? 6 : 5;
    // The first officials of the 87 systemic cases are linked to the case's fact and charged: four in the
    // first 27, three in the other 60 (288 in all). In 40 of them, one more official is linked, never charged.
    const systemic = c < ARTICLE.systemicFacts;
    const linkedAndCharged = systemic ? (c < 27 ? 4 : 3) : 0;
    const linkedOnly = systemic && c < 40 ? 1 : 0;
    const person = (j: number) => `p-${c}-${j}`;
    const levelOf = (j: number): OfficialLevel => LEVELS[(c + j) % LEVELS.length] ?? 'regional';

    const detentions: { personId: string; when: Date }[] = [];
    for (let j = 0; j < size; j += 1) {
      const personId = person(j);
      if (j < linkedAndCharged + linkedOnly) {
        await run(
          `identify ${personId}`,
          cases.identifySuspect(id, {
            personId,
            position: 'deputy head of the procurement department',
            head: false,
            level: levelOf(j),
            at: day(2),
          }),
        );
        continue;
      }
      // The other suspects, in the order they come: the 258 heads detained in 2018, then 5 heads detained
      // only in 2019, 20 heads never detained, 30 officials detained who head nothing, 40 officials charged
      // outside any systemic fact, then contractors who hold no office.
      const slot = freeSlot;
      freeSlot += 1;
      const level = heads[slot] ?? levelOf(j);
      if (slot < heads.length + 25) {
        await run(
          `identify ${personId}`,
          cases.identifySuspect(id, {
            personId,
            position: 'head of department',
            head: true,
            level,
            at: day(2),
          }),
        );
        if (slot < heads.length) detentions.push({ personId, when: day(3) });
        else if (slot < heads.length + 5) detentions.push({ personId, when: at('2019-01-21', c % 5) });
      } else if (slot < heads.length + 95) {
        await run(
          `identify ${personId}`,
          cases.identifySuspect(id, {
            personId,
            position: 'chief specialist',
            head: false,
            level,
            at: day(2),
          }),
        );
        if (slot < heads.length + 55) detentions.push({ personId, when: day(3) });
        else await run(`charge ${personId}`, cases.chargeSuspect(id, { personId, at: day(5) }));
      } else {
        await run(
          `identify ${personId}`,
          cases.identifySuspect(id, {
            personId,
            position: 'director of a contractor',
            head: false,
            at: day(2),
          }),
        );
      }
    }
    // Naming a person again exposes no one new.
    if (c % 23 === 0) {
      await run(
        `identify ${person(0)} again`,
        cases.identifySuspect(id, {
          personId: person(0),
          position: 'deputy head of the procurement department',
          head: false,
          level: levelOf(0),
          at: day(4),
        }),
      );
    }
    for (const { personId, when } of detentions) {
      // A detention in 2019 needs the case still under investigation then: the 2019 ones come last.
      if (when.getUTCFullYear() === ARTICLE.year) {
        await run(`detain ${personId}`, cases.detainSuspect(id, { personId, at: when }));
      }
    }

    if (systemic) {
      const officials = Array.from({ length: linkedAndCharged }, (_, j) => person(j));
      const charge = async (when: Date) => {
        for (const personId of officials) {
          await run(`charge ${personId}`, cases.chargeSuspect(id, { personId, at: when }));
        }
      };
      // Either order counts: charged before the fact is marked in even cases, after it in odd ones.
      if (c % 2 === 0) await charge(day(3));
      await run(
        `systemic ${key}`,
        cases.markSystemic(id, {
          factId: `fact-${key}`,
          description: en('kickbacks for awarding the district’s construction contracts'),
          officials,
          at: day(4),
        }),
      );
      if (c % 2 === 1) await charge(day(5));
      if (linkedOnly > 0) {
        await run(
          `link ${key}`,
          cases.markSystemic(id, {
            factId: `fact-${key}`,
            description: en('kickbacks for awarding the district’s construction contracts'),
            officials: [person(linkedAndCharged)],
            at: day(10),
          }),
        );
      }
    }

    // Four organised groups (one of which gains a member later); members are the first two suspects.
    if (c >= 100 && c < 100 + ARTICLE.organisedGroups) {
      await run(
        `group ${key}`,
        cases.markOrganisedGroup(id, { members: [person(0), person(1)], at: day(6) }),
      );
      if (c === 100) {
        await run(`group ${key} grows`, cases.markOrganisedGroup(id, { members: [person(2)], at: day(8) }));
      }
    }

    // Damage in 60 cases, 21 billion tenge in all, 89 % of it recovered within 2018; every fifth case in two
    // parts each.
    const money = c - 120;
    const damage = damages[money];
    const recovery = recovered[money];
    if (damage !== undefined && recovery !== undefined) {
      for (const [when, amount] of halves(damage, money % 5 === 0, day(30), day(45))) {
        await run(`damage ${key}`, cases.recordDamage(id, { amount, at: when }));
      }
      for (const [when, amount] of halves(recovery, money % 5 === 0, day(120), day(150))) {
        await run(`recovery ${key}`, cases.recordRecovery(id, { amount, at: when }));
      }
    }

    for (const { personId, when } of detentions) {
      if (when.getUTCFullYear() !== ARTICLE.year) {
        await run(`detain ${personId} in 2019`, cases.detainSuspect(id, { personId, at: when }));
      }
    }
    // A few suspects are named only in 2019.
    if (c % 50 === 1) {
      await run(
        `identify p-${c}-late`,
        cases.identifySuspect(id, {
          personId: `p-${c}-late`,
          position: 'accountant',
          head: false,
          at: at('2019-02-11', c % 7),
        }),
      );
    }
  }

  return refused === undefined
    ? E.right({ commands, events, cases: OFFENCES[2016] + 12 + OFFENCES[2018] })
    : E.left(refused);
};

const regionOf = (index: number): RegionCode => DATASET_REGIONS[index % DATASET_REGIONS.length] ?? 'KZ-71';

/** An amount as one part, or as two (the first half, then the rest) on two dates. */
const halves = (amount: Tiyn, inTwo: boolean, first: Date, second: Date): [Date, Tiyn][] =>
  inTwo
    ? [
        [first, amount / 2n],
        [second, amount - amount / 2n],
      ]
    : [[first, amount]];
