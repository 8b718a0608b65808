import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { expect } from 'vitest';
import type { Decider, LocalDate, ValidationError } from '../../src/index.js';
import { LocalDate as LocalDateCodec, toValidationError } from '../../src/index.js';

/** An instant on a day in Astana (UTC+5), 10:00 unless told otherwise. */
export const at = (date: string, time = '10:00'): Date => new Date(`${date}T${time}:00+05:00`);

/** A calendar date, checked by its codec so that a typo in a test fails loudly. */
export const day = (date: string): LocalDate => decodeOrThrow(LocalDateCodec, date);

/** The SHA-256 of a text, as evidence and minutes are referenced. */
export const sha256 = (seed: string): string => createHash('sha256').update(seed).digest('hex');

/** Decodes test input through a codec, failing the test with the codec's own message when it is refused. */
export const decodeOrThrow = <A>(codec: t.Decoder<unknown, A>, input: unknown): A => {
  const result = codec.decode(input);
  if (E.isLeft(result)) throw new Error(toValidationError(result.left).message);
  return result.right;
};

/** The readable refusal of a codec for an input that must be refused. */
export const refusal = (codec: t.Decoder<unknown, unknown>, input: unknown): ValidationError => {
  const result = codec.decode(input);
  if (E.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return toValidationError(result.left);
};

/** The `_tag` of the error a command gets from a history, or undefined when the command is accepted. */
export const refusalTag = <C, Ev, S, Err extends { readonly _tag: string }>(
  decider: Decider<C, Ev, S, Err>,
  history: readonly Ev[],
  command: C,
): string | undefined => {
  const state = history.reduce(decider.evolve, decider.initialState);
  const result = decider.decide(command, state);
  return E.isLeft(result) ? result.left._tag : undefined;
};

/**
 * Checks one rule case: the refused command gets exactly the rule's tag, with a message to show, and the
 * nearest accepted command (a history and command one step away) is accepted, so the case fails both when
 * the rule is removed and when it is made stricter than it should be.
 */
export const expectRuleCase = <C, Ev, S, Err extends { readonly _tag: string; readonly message: string }>(
  decider: Decider<C, Ev, S, Err>,
  ruleCase: {
    readonly rule: string;
    readonly given: readonly Ev[];
    readonly refused: C;
    readonly acceptedGiven?: readonly Ev[];
    readonly accepted: C;
  },
): void => {
  const state = ruleCase.given.reduce(decider.evolve, decider.initialState);
  const result = decider.decide(ruleCase.refused, state);
  expect(E.isLeft(result) ? result.left._tag : 'accepted').toBe(ruleCase.rule);
  if (E.isLeft(result)) expect(result.left.message.length).toBeGreaterThan(10);
  expect(refusalTag(decider, ruleCase.acceptedGiven ?? ruleCase.given, ruleCase.accepted)).toBeUndefined();
};
