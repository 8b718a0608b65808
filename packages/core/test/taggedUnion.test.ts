import { submitReportInput } from './reports/commandInputs.js';
import * as fc from 'fast-check';
import * as t from 'io-ts/lib/index.js';
import { describe, expect, it } from 'vitest';
import {
  CitizenReportCommand,
  requiredLiteral,
  strict,
  taggedUnion,
  toValidationError,
} from '../src/index.js';

const arms = CitizenReportCommand.types;
const plain = t.union(arms);

const submit = submitReportInput;
const followUp = {
  type: 'PostFollowUp',
  at: '2026-03-04T06:30:00.000Z',
  author: 'office',
  text: { text: 'The inspection is planned', language: 'en' },
};

/** What a decode gives, comparable: the value, or the message users see. */
const outcome = (codec: t.Mixed, input: unknown) => {
  const decoded = codec.decode(input);
  return decoded._tag === 'Right'
    ? { right: decoded.right as unknown }
    : { left: toValidationError(decoded.left).message };
};

describe('taggedUnion', () => {
  it('decodes and refuses every input exactly as t.union of the same arms', () => {
    const field = fc.constantFrom('type', 'at', 'author', 'text', 'region', 'point', 'reporter', 'extra');
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('PostFollowUp', 'SubmitReport', 'MarkOverdue', 'Nope', undefined, 'office'),
    );
    const input = fc
      .tuple(
        fc.constantFrom<object>(submit, followUp, { type: 'MarkOverdue', at: submit.at }),
        fc.array(fc.tuple(field, value), { maxLength: 3 }),
      )
      .map(([base, changes]) =>
        changes.reduce<Record<string, unknown>>((o, [k, v]) => ({ ...o, [k]: v }), { ...base }),
      );
    fc.assert(
      fc.property(fc.oneof(input, fc.anything()), (u) => {
        expect(outcome(CitizenReportCommand, u)).toEqual(outcome(plain, u));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the arm by its literal, and falls back to t.union when arms share one', () => {
    const A = strict({ type: t.literal('a'), n: t.number });
    const B = strict({ type: t.literal('a'), s: t.string });
    expect(requiredLiteral(A, 'type')).toEqual({ value: 'a' });
    expect(requiredLiteral(t.string, 'type')).toBeUndefined();
    const AB = taggedUnion([A, B]);
    expect(AB.decode({ type: 'a', s: 'x' })).toEqual(t.union([A, B]).decode({ type: 'a', s: 'x' }));
  });
});
