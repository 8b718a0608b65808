/**
 * The command codecs of a report: what a portal sends as JSON is decoded, or refused with a message that
 * names the field path and the problem (the same message whether SubmitReport is decoded alone or through
 * the union of every command).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { iinCheckDigit, reportErrors, toValidationError } from '../../src/index.js';
import { CitizenReport, CitizenReportCommand, SubmitReport } from '../../src/reports/index.js';

// A submission as JSON, as a portal sends it: the instant as an ISO string, the amount in tiyn as a string.
const SUBMISSION = {
  type: 'SubmitReport',
  at: '2026-03-04T05:00:00.000Z',
  channel: 'map',
  region: 'KZ-71',
  point: { lat: 51.13, lon: 71.43 },
  category: 'misuseOfFunds',
  description: { text: 'Деньги на стройку школы уходят не туда', language: 'ru' },
  evidence: [{ sha256: 'a'.repeat(64), mediaType: 'image/jpeg', size: 482113 }],
  reporter: { kind: 'anonymous', receiptHash: 'scrypt$derived' },
  budgetObject: { name: 'School for 1,200 pupils', programmeCode: '099', amount: '152000000000' },
} as const;

const FIRST_11 = '90010130012';
const VALID_IIN = `${FIRST_11}${String(iinCheckDigit(FIRST_11))}`;
const WRONG_CHECK_DIGIT_IIN = `${FIRST_11}${String(((iinCheckDigit(FIRST_11) ?? 0) + 1) % 10)}`;

/** The message each codec gives for an input, or `undefined` when it is accepted. */
const messageOf = (codec: t.Decoder<unknown, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const BAD_SUBMISSIONS: readonly {
  readonly title: string;
  readonly input: object;
  readonly message: string;
}[] = [
  {
    title: 'a point outside Kazakhstan (Paris)',
    input: { ...SUBMISSION, point: { lat: 48.85, lon: 2.35 } },
    message: 'point.lon: 2.35 is outside Kazakhstan (longitude 46.5–87.4)',
  },
  {
    title: 'a point north of Kazakhstan (Omsk latitude)',
    input: { ...SUBMISSION, point: { lat: 55.6, lon: 73.4 } },
    message: 'point.lat: 55.6 is outside Kazakhstan (latitude 40.5–55.5)',
  },
  {
    title: 'a point in the wrong region (Almaty coordinates with region KZ-71)',
    input: { ...SUBMISSION, point: { lat: 43.24, lon: 76.89 } },
    message: 'point: (43.24, 76.89) is not in Astana (city) (KZ-71)',
  },
  {
    title: 'a negative amount',
    input: { ...SUBMISSION, budgetObject: { name: 'School', amount: '-5' } },
    message: 'budgetObject.amount: must not be negative, got -5',
  },
  {
    title: 'an amount as a float',
    input: { ...SUBMISSION, budgetObject: { name: 'School', amount: 12.5 } },
    message: 'budgetObject.amount: expected an amount in tiyn as a decimal string such as "150000", got 12.5',
  },
  {
    title: 'an amount as a decimal string with a fraction',
    input: { ...SUBMISSION, budgetObject: { name: 'School', amount: '12.5' } },
    message:
      'budgetObject.amount: expected an amount in tiyn as a decimal string such as "150000", got "12.5"',
  },
  {
    title: 'an IIN with a wrong check digit',
    input: {
      ...SUBMISSION,
      reporter: { kind: 'identified', subjectId: 'subject-1', name: 'Aigerim', iin: WRONG_CHECK_DIGIT_IIN },
    },
    message: 'reporter.iin: the check digit does not match',
  },
  {
    title: 'an old letter region code',
    input: { ...SUBMISSION, region: 'KZ-AST' },
    message: 'region: KZ-AST is an old code: use KZ-71',
  },
  {
    title: 'an unknown region code',
    input: { ...SUBMISSION, region: 'KZ-99' },
    message: 'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
  },
  {
    title: 'an unknown field',
    input: { ...SUBMISSION, colour: 'red' },
    message: 'colour: unknown field',
  },
  {
    title: 'an unknown field inside the point',
    input: { ...SUBMISSION, point: { lat: 51.13, lon: 71.43, alt: 350 } },
    message: 'point.alt: unknown field',
  },
  {
    title: 'a wrong type (the channel as a number)',
    input: { ...SUBMISSION, channel: 5 },
    message: 'channel: expected ReportChannel, got 5',
  },
  {
    title: 'an unknown category',
    input: { ...SUBMISSION, category: 'theft' },
    message: 'category: expected ReportCategory, got "theft"',
  },
  {
    title: 'a description in an unknown language',
    input: { ...SUBMISSION, description: { text: 'Geld', language: 'de' } },
    message: 'description.language: expected Language, got "de"',
  },
  {
    title: 'evidence with a bad SHA-256',
    input: { ...SUBMISSION, evidence: [{ sha256: 'XYZ', mediaType: 'image/jpeg', size: 1 }] },
    message: 'evidence.0.sha256: expected a SHA-256 as 64 lower-case hex digits',
  },
  {
    title: 'the instant as a number',
    input: { ...SUBMISSION, at: 1772600400000 },
    message: 'at: expected an ISO-8601 date-time, got 1772600400000',
  },
  {
    title: 'an anonymous reporter who gives a name',
    input: { ...SUBMISSION, reporter: { kind: 'anonymous', receiptHash: 'scrypt$derived', name: 'Aigerim' } },
    message: 'reporter.name: unknown field',
  },
];

describe('SubmitReport codec', () => {
  it('accepts the submission a portal sends, with the amount as a bigint and the instant as a Date', () => {
    const decoded = SubmitReport.decode(SUBMISSION);
    expect(E.isRight(decoded)).toBe(true);
    if (E.isRight(decoded)) {
      expect(decoded.right.budgetObject?.amount).toBe(152_000_000_000n);
      expect(decoded.right.at).toEqual(new Date('2026-03-04T05:00:00.000Z'));
      expect(SubmitReport.encode(decoded.right)).toEqual(SUBMISSION);
    }
  });

  it('accepts an identified reporter with a valid IIN', () => {
    const input = {
      ...SUBMISSION,
      reporter: { kind: 'identified', subjectId: 'subject-1', name: 'Aigerim', iin: VALID_IIN },
    };
    expect(messageOf(SubmitReport, input)).toBeUndefined();
    expect(messageOf(CitizenReportCommand, input)).toBeUndefined();
  });

  it.each(BAD_SUBMISSIONS)('refuses $title, naming the field', ({ input, message }) => {
    expect(messageOf(SubmitReport, input)).toBe(message);
  });

  it.each(BAD_SUBMISSIONS)(
    'gives the same message for $title through the union of every command',
    ({ input, message }) => {
      expect(messageOf(CitizenReport.commands, input)).toBe(message);
    },
  );

  it('refuses more than 20 pieces of evidence', () => {
    const evidence = Array.from({ length: 21 }, (_, i) => ({
      sha256: i.toString(16).padStart(64, '0'),
      mediaType: 'image/png',
      size: i,
    }));
    const result = SubmitReport.decode({ ...SUBMISSION, evidence });
    const issues = E.isLeft(result) ? reportErrors(result.left) : [];
    expect(issues.map((issue) => issue.path)).toEqual(['evidence']);
    expect(issues[0]?.message).toContain('at most 20 pieces of evidence');
    expect(messageOf(SubmitReport, { ...SUBMISSION, evidence: evidence.slice(0, 20) })).toBeUndefined();
  });

  it('takes an amount given as a bigint (a typed caller) and refuses a negative one, naming the field', () => {
    const input = { ...SUBMISSION, budgetObject: { name: 'School', amount: 152_000_000_000n } };
    const decoded = CitizenReport.commands.decode(input);
    expect(
      decoded._tag === 'Right' && decoded.right.type === 'SubmitReport' && decoded.right.budgetObject?.amount,
    ).toBe(152_000_000_000n);
    const negative = { ...SUBMISSION, budgetObject: { name: 'School', amount: -1n } };
    expect(messageOf(SubmitReport, negative)).toBe('budgetObject.amount: must not be negative, got -1');
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(
        fc.record({
          region: fc.anything({ withBigInt: true }),
          point: fc.record({
            lat: fc.anything({ withBigInt: true }),
            lon: fc.anything({ withBigInt: true }),
          }),
          budgetObject: fc.record({ name: fc.string(), amount: fc.anything({ withBigInt: true }) }),
        }),
        (overrides) => {
          expect(() => CitizenReport.commands.decode({ ...SUBMISSION, ...overrides })).not.toThrow();
        },
      ),
      {
        examples: [
          [
            {
              region: 'KZ-71',
              point: { lat: 51n, lon: 71.43 },
              budgetObject: { name: 'School', amount: '5' },
            },
          ],
        ],
      },
    );
  });

  it('reports every problem of one input, each on its own line', () => {
    const message = messageOf(SubmitReport, { ...SUBMISSION, region: 'KZ-ALA', channel: 'fax', extra: true });
    expect(message?.split('\n').sort()).toEqual(
      [
        'extra: unknown field',
        'channel: expected ReportChannel, got "fax"',
        'region: KZ-ALA is an old code: use KZ-75',
      ].sort(),
    );
  });

  it('checks the region of the point once the rest is valid, for every region', () => {
    // Shymkent's coordinates are in Turkistan region's box too (the boxes of neighbours overlap), but not
    // in Almaty's.
    expect(
      messageOf(SubmitReport, { ...SUBMISSION, region: 'KZ-75', point: { lat: 42.32, lon: 69.59 } }),
    ).toBe('point: (42.32, 69.59) is not in Almaty (city) (KZ-75)');
    expect(
      messageOf(SubmitReport, { ...SUBMISSION, region: 'KZ-79', point: { lat: 42.32, lon: 69.59 } }),
    ).toBeUndefined();
  });
});

describe('the other command codecs', () => {
  const at = '2026-03-20T05:00:00.000Z';
  const decider = { officerId: 'officer-7', name: 'Dauren Sadykov', position: 'deputyHead' };
  const reason = { text: 'documents needed', language: 'en' };

  it('decodes an extension with its local due date and its head or deputy head', () => {
    expect(
      messageOf(CitizenReportCommand, {
        type: 'ExtendDeadline',
        at,
        newDueOn: '2026-04-20',
        decidedBy: decider,
        reason,
      }),
    ).toBeUndefined();
  });

  it.each([
    [
      'a decider who is neither head nor deputy head',
      {
        type: 'ExtendDeadline',
        at,
        newDueOn: '2026-04-20',
        decidedBy: { ...decider, position: 'officer' },
        reason,
      },
      'decidedBy.position: expected "head" | "deputyHead", got "officer"',
    ],
    [
      'a due date that does not exist',
      { type: 'ExtendDeadline', at, newDueOn: '2026-02-30', decidedBy: decider, reason },
      'newDueOn: expected a date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      'an extension without a reason',
      { type: 'ExtendDeadline', at, newDueOn: '2026-04-20', decidedBy: decider },
      'reason: expected an object, got undefined',
    ],
    [
      'an unknown outcome',
      { type: 'CloseReport', at, outcome: 'fine' },
      'outcome: expected ReportOutcome, got "fine"',
    ],
    [
      'a follow-up by someone else',
      { type: 'PostFollowUp', at, author: 'press', text: reason },
      'author: expected "reporter" | "office", got "press"',
    ],
    [
      'a blank registration number',
      { type: 'RegisterReport', at, registrationNumber: '  ' },
      'registrationNumber: must not be empty',
    ],
    ['an unknown field on MarkOverdue', { type: 'MarkOverdue', at, force: true }, 'force: unknown field'],
    [
      'a command without its instant',
      { type: 'AssignReport', officerId: 'o', unit: 'u' },
      'at: expected an ISO-8601 date-time, got nothing',
    ],
    [
      'an unknown command type',
      { type: 'DeleteReport', at },
      'type: expected "SubmitReport" | "AttachEvidence" | "RegisterReport" | "AssignReport" | "ExtendDeadline" | "NotifyReporterOfExtension" | "RedirectReport" | "RecordAnswer" | "CloseReport" | "MarkDuplicate" | "RejectReport" | "EscalateToCase" | "WithdrawReport" | "PostFollowUp" | "ReopenReport" | "MarkOverdue", got "DeleteReport"',
    ],
  ])('refuses %s', (_, input, message) => {
    expect(messageOf(CitizenReportCommand, input)).toBe(message);
  });

  it('is the codec the aggregate exposes', () => {
    expect(CitizenReport.commands).toBe(CitizenReportCommand);
  });
});
