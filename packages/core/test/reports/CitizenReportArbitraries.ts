/**
 * fast-check generators of CitizenReport histories: plain data describing a command (so fast-check shrinks
 * and prints it well), turned into the command itself once its instant is known.
 */
import fc from 'fast-check';
import { REGIONS, REGION_CODES, addDays } from '../../src/index.js';
import type { LocalDate, RegionCode } from '../../src/index.js';
import type { CitizenReportCommand } from '../../src/reports/index.js';
import { EVIDENCE, RECEIPT } from './CitizenReportFixtures.js';

const CHANNELS = ['map', 'mobileApp', 'portal', 'callCentre1424', 'eGov'] as const;
const CATEGORIES = [
  'procurement',
  'constructionQuality',
  'misuseOfFunds',
  'briberyOrExtortion',
  'publicServiceQuality',
  'other',
] as const;
const OUTCOMES = ['confirmed', 'partlyConfirmed', 'notConfirmed', 'referred'] as const;

export type CommandSpec =
  | {
      readonly kind: 'SubmitReport';
      readonly region: RegionCode;
      readonly anonymous: boolean;
      readonly channel: (typeof CHANNELS)[number];
      readonly category: (typeof CATEGORIES)[number];
      readonly amount: bigint | null;
    }
  | { readonly kind: 'ExtendDeadline'; readonly daysAhead: number; readonly position: 'head' | 'deputyHead' }
  | { readonly kind: 'CloseReport'; readonly outcome: (typeof OUTCOMES)[number] }
  | { readonly kind: 'WithdrawReport'; readonly withReason: boolean }
  | {
      readonly kind: 'PostFollowUp';
      readonly author: 'reporter' | 'office';
      readonly receipt: 'right' | 'wrong' | 'none';
    }
  | { readonly kind: 'AssignReport'; readonly officer: number }
  | { readonly kind: PlainKind };

/** The commands whose fields the generator does not vary. */
type PlainKind =
  | 'AttachEvidence'
  | 'RegisterReport'
  | 'NotifyReporterOfExtension'
  | 'RedirectReport'
  | 'RecordAnswer'
  | 'MarkDuplicate'
  | 'RejectReport'
  | 'EscalateToCase'
  | 'ReopenReport'
  | 'MarkOverdue';

export interface Step {
  /** Calendar days after the previous command (0: the same day). */
  readonly advanceDays: number;
  /** Minute of the local day the command is issued at. */
  readonly minute: number;
  readonly spec: CommandSpec;
}

const submitSpec: fc.Arbitrary<CommandSpec> = fc.record({
  kind: fc.constant('SubmitReport' as const),
  region: fc.constantFrom(...REGION_CODES),
  anonymous: fc.boolean(),
  channel: fc.constantFrom(...CHANNELS),
  category: fc.constantFrom(...CATEGORIES),
  amount: fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n }), { nil: null }),
});

const plain = (kind: PlainKind): fc.Arbitrary<CommandSpec> => fc.constant({ kind });

// Weighted towards the commands that move a report forward, so that long histories are common.
const commandSpec: fc.Arbitrary<CommandSpec> = fc.oneof(
  { weight: 1, arbitrary: submitSpec },
  { weight: 1, arbitrary: plain('AttachEvidence') },
  { weight: 4, arbitrary: plain('RegisterReport') },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('AssignReport' as const),
      officer: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('ExtendDeadline' as const),
      daysAhead: fc.integer({ min: 0, max: 75 }),
      position: fc.constantFrom('head' as const, 'deputyHead' as const),
    }),
  },
  { weight: 2, arbitrary: plain('NotifyReporterOfExtension') },
  { weight: 1, arbitrary: plain('RedirectReport') },
  { weight: 3, arbitrary: plain('RecordAnswer') },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('CloseReport' as const),
      outcome: fc.constantFrom(...OUTCOMES),
    }),
  },
  { weight: 1, arbitrary: plain('MarkDuplicate') },
  { weight: 1, arbitrary: plain('RejectReport') },
  { weight: 1, arbitrary: plain('EscalateToCase') },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('WithdrawReport' as const), withReason: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('PostFollowUp' as const),
      author: fc.constantFrom('reporter' as const, 'office' as const),
      receipt: fc.constantFrom('right' as const, 'wrong' as const, 'none' as const),
    }),
  },
  { weight: 3, arbitrary: plain('ReopenReport') },
  { weight: 3, arbitrary: plain('MarkOverdue') },
);

const advance = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 25 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 120 }) },
);

const step = (spec: fc.Arbitrary<CommandSpec>): fc.Arbitrary<Step> =>
  fc.record({ advanceDays: advance, minute: fc.integer({ min: 0, max: 24 * 60 - 1 }), spec });

/** A start date from 2025 to 2030, and a submission followed by up to 40 commands of any type. */
export const history = fc.record({
  startDay: fc.integer({ min: 0, max: 6 * 365 }),
  steps: fc
    .tuple(step(submitSpec), fc.array(step(commandSpec), { maxLength: 40 }))
    .map(([first, rest]) => [first, ...rest]),
});

/** The middle of a region's box: inside the region and inside Kazakhstan. */
const pointIn = (region: RegionCode) => {
  const [south, west, north, east] = REGIONS[region].extent;
  return { lat: (south + north) / 2, lon: (west + east) / 2 };
};

const text = (value: string) => ({ text: value, language: 'kk' as const });

export const toCommand = (spec: CommandSpec, at: Date, today: LocalDate): CitizenReportCommand => {
  switch (spec.kind) {
    case 'SubmitReport': {
      const base = {
        type: spec.kind,
        at,
        channel: spec.channel,
        region: spec.region,
        point: pointIn(spec.region),
        category: spec.category,
        description: text('мектеп құрылысына бөлінген қаражат'),
        evidence: [EVIDENCE],
        reporter: spec.anonymous
          ? { kind: 'anonymous' as const, receiptHash: RECEIPT }
          : { kind: 'identified' as const, subjectId: 'subject-1', name: 'Aigerim' },
      };
      return spec.amount === null
        ? base
        : { ...base, budgetObject: { name: 'School No. 7', amount: spec.amount } };
    }
    case 'AttachEvidence':
      return { type: spec.kind, at, evidence: { ...EVIDENCE, sha256: 'c'.repeat(64) } };
    case 'RegisterReport':
      return { type: spec.kind, at, registrationNumber: 'REG-1' };
    case 'AssignReport':
      return { type: spec.kind, at, officerId: `officer-${spec.officer}`, unit: 'Prevention' };
    case 'ExtendDeadline':
      return {
        type: spec.kind,
        at,
        newDueOn: addDays(today, spec.daysAhead),
        decidedBy: { officerId: 'officer-9', name: 'Deputy', position: spec.position },
        reason: text('себебі'),
      };
    case 'NotifyReporterOfExtension':
      return { type: spec.kind, at, channel: 'receipt inbox' };
    case 'RedirectReport':
      return { type: spec.kind, at, competentBody: 'Audit Committee', reason: text('себебі') };
    case 'RecordAnswer':
      return { type: spec.kind, at, answer: text('жауап'), answeredBy: 'officer-1' };
    case 'CloseReport':
      return { type: spec.kind, at, outcome: spec.outcome };
    case 'MarkDuplicate':
      return { type: spec.kind, at, duplicateOf: 'report-KZ-71-other' };
    case 'RejectReport':
      return { type: spec.kind, at, reason: text('себебі') };
    case 'EscalateToCase':
      return { type: spec.kind, at, caseId: 'case-1', reason: text('себебі') };
    case 'WithdrawReport':
      return spec.withReason ? { type: spec.kind, at, reason: text('себебі') } : { type: spec.kind, at };
    case 'PostFollowUp': {
      const base = { type: spec.kind, at, author: spec.author, text: text('сұрақ') };
      return spec.receipt === 'none'
        ? base
        : { ...base, receiptHash: spec.receipt === 'right' ? RECEIPT : 'not-the-receipt' };
    }
    case 'ReopenReport':
      return { type: spec.kind, at, complaint: text('шағым') };
    case 'MarkOverdue':
      return { type: spec.kind, at };
  }
};
