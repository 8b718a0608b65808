import * as t from 'io-ts/lib/index.js';
import { fastDecoderOf, REFUSED, withFastDecoder } from './fastDecode.js';
import { requiredLiteral } from './strict.js';

/**
 * `t.union` of strict codecs told apart by a literal field (`type` by default), decoded in one step: the arm
 * whose literal the input carries is tried first, so a command does not fail through every other arm before
 * it reaches its own. When that arm refuses the input (or no arm has its literal), the whole union decodes it
 * as `t.union` does, so errors read exactly as they did. The arms' literals must be distinct; if they are not,
 * or an arm's literal is unknown, this is plain `t.union`.
 *
 * @example
 * import * as t from 'io-ts';
 * import { strict, taggedUnion } from '@adal/core';
 * const Shape = taggedUnion([
 *   strict({ type: t.literal('circle'), r: t.number }),
 *   strict({ type: t.literal('square'), side: t.number }),
 * ]);
 * Shape.decode({ type: 'square', side: 2 })._tag; // 'Right'
 *
 * @category codecs
 * @since 0.1.0
 */
export const taggedUnion = <CS extends [t.Mixed, t.Mixed, ...t.Mixed[]]>(
  codecs: CS,
  name?: string,
  key = 'type',
): t.UnionC<CS> => {
  const union = t.union(codecs, name);
  const byTag = new Map<unknown, number>();
  for (const [index, codec] of codecs.entries()) {
    const literal = requiredLiteral(codec, key);
    if (literal === undefined || byTag.has(literal.value)) return union;
    byTag.set(literal.value, index);
  }
  const arms = codecs.map(fastDecoderOf);
  const tagged = new t.UnionType(
    union.name,
    union.is,
    (input, context) => {
      if (typeof input === 'object' && input !== null && Object.prototype.hasOwnProperty.call(input, key)) {
        const index = byTag.get((input as Record<string, unknown>)[key]);
        const codec = index === undefined ? undefined : codecs[index];
        if (index !== undefined && codec !== undefined) {
          // Every other arm requires another literal, so this arm's success is the union's.
          const result = codec.validate(input, [
            ...context,
            { key: String(index), type: codec, actual: input },
          ]);
          if (result._tag === 'Right') return result;
        }
      }
      return union.validate(input, context);
    },
    union.encode,
    codecs,
  ) as t.UnionC<CS>;
  // The arm the tag names, or none: every other arm requires another literal.
  return withFastDecoder(tagged, (input) => {
    if (typeof input !== 'object' || input === null || !Object.prototype.hasOwnProperty.call(input, key)) {
      return REFUSED;
    }
    const index = byTag.get((input as Record<string, unknown>)[key]);
    const arm = index === undefined ? undefined : arms[index];
    return arm === undefined ? REFUSED : arm(input);
  });
};
