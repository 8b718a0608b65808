import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  CorruptionCase,
  CorruptionCaseCommand,
  CorruptionCaseEvents,
  DamageRecorded,
  OffenceArticle,
  SuspectId,
} from '../../src/cases/index.js';
import { localDate, toValidationError } from '../../src/index.js';

const good = {
  type: 'RegisterCase',
  at: '2026-02-02T05:00:00.000Z',
  offence: { article: '366', part: 4 },
  region: 'KZ-71',
  source: 'report',
  reportId: 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e',
};

const dataOf = (stored: unknown): unknown =>
  typeof stored === 'object' && stored !== null && 'data' in stored ? stored.data : undefined;

/** The readable message of a refused input, or '' when it was accepted. */
const messageOf = (input: unknown): string => {
  const result = CorruptionCaseCommand.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : '';
};

describe('CorruptionCaseCommand codec', () => {
  it('accepts a well-formed command and decodes the instant and the amounts', () => {
    const decoded = CorruptionCaseCommand.decode(good);
    expect(E.isRight(decoded)).toBe(true);
    const recovery = CorruptionCaseCommand.decode({
      type: 'RecordRecovery',
      at: good.at,
      amount: '2100000000000',
    });
    expect(recovery).toEqual(
      E.right({ type: 'RecordRecovery', at: new Date(good.at), amount: 2_100_000_000_000n }),
    );
  });

  it('is the codec of the aggregate', () => {
    expect(CorruptionCase.commands).toBe(CorruptionCaseCommand);
    expect(CorruptionCase.category).toBe('case');
  });

  it('refuses an unknown field, naming it', () => {
    expect(messageOf({ ...good, prosecutor: 'x' })).toBe('prosecutor: unknown field');
  });

  it('refuses a field of the wrong type, naming it', () => {
    expect(messageOf({ ...good, source: 'rumour' })).toBe('source: expected CaseSource, got "rumour"');
    expect(
      messageOf({ type: 'IdentifySuspect', at: good.at, personId: 'p-1', position: 'akim', head: 'yes' }),
    ).toBe('head: expected boolean, got "yes"');
  });

  it('refuses a negative amount, and an amount given as a number', () => {
    expect(messageOf({ type: 'RecordDamage', at: good.at, amount: '-100' })).toBe(
      'amount: must not be negative, got -100',
    );
    expect(messageOf({ type: 'RecordRecovery', at: good.at, amount: 100 })).toMatch(
      /^amount: expected an amount in tiyn as a decimal string/,
    );
  });

  it('refuses a wrong region code, and names the new code for an old one', () => {
    expect(messageOf({ ...good, region: 'KZ-99' })).toBe(
      'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
    );
    expect(messageOf({ ...good, region: 'KZ-AST' })).toBe('region: KZ-AST is an old code: use KZ-71');
  });

  it('refuses an offence that is not an article of the Criminal Code', () => {
    expect(messageOf({ ...good, offence: { article: 'bribery' } })).toMatch(
      /^offence\.article: expected an article of the Criminal Code/,
    );
    expect(messageOf({ ...good, offence: { article: '366', part: 0 } })).toBe(
      'offence.part: expected PartNumber(1..20), got 0',
    );
    expect(E.isRight(OffenceArticle.decode({ article: '249-1', part: 3, paragraph: 1 }))).toBe(true);
  });

  it('refuses a head without an official level, pointing at the level', () => {
    expect(
      messageOf({ type: 'IdentifySuspect', at: good.at, personId: 'p-1', position: 'akim', head: true }),
    ).toBe('level: a head must have an official level');
    expect(
      messageOf({
        type: 'IdentifySuspect',
        at: good.at,
        personId: 'p-1',
        position: 'contractor',
        head: false,
      }),
    ).toBe('');
  });

  it('refuses an IIN in place of a pseudonymous person id', () => {
    expect(messageOf({ type: 'DetainSuspect', at: good.at, personId: '900101300123' })).toBe(
      'personId: must be a pseudonymous id, not an IIN',
    );
    expect(SuspectId.is('900101300123')).toBe(false);
  });

  it('refuses an empty or repeating list of persons', () => {
    expect(messageOf({ type: 'MarkOrganisedGroup', at: good.at, members: [] })).toBe(
      'members: expected SuspectIds (1 to 500, each once), got []',
    );
    expect(messageOf({ type: 'MarkOrganisedGroup', at: good.at, members: ['p-1', 'p-1'] })).toMatch(
      /^members: expected SuspectIds/,
    );
  });

  it('refuses an unknown command type, listing the known ones', () => {
    expect(messageOf({ type: 'ArrestSuspect', at: good.at, personId: 'p-1' })).toMatch(
      /^type: expected "RegisterCase" \| "StartInvestigation"/,
    );
  });

  it('round-trips any amount of tiyn through JSON, in commands and in events', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), (amount) => {
        const input = { type: 'RecordDamage', at: good.at, amount: amount.toString() };
        const command = CorruptionCaseCommand.decode(JSON.parse(JSON.stringify(input)));
        expect(command).toEqual(E.right({ type: 'RecordDamage', at: new Date(good.at), amount }));
        const event = DamageRecorded.make({
          at: new Date(good.at),
          amount,
          recordedOn: localDate(new Date(good.at)),
        });
        const stored = JSON.parse(JSON.stringify(CorruptionCaseEvents.encode(event))) as unknown;
        expect(
          CorruptionCaseEvents.decode({ type: 'DamageRecorded', schemaVersion: 1, data: dataOf(stored) }),
        ).toEqual(E.right(event));
      }),
    );
  });
});
