import * as t from 'io-ts/lib/index.js';

/**
 * What a fast decoder returns for an input its codec refuses. Internal: not exported from the package.
 *
 * @internal
 */
export const REFUSED: unique symbol = Symbol('refused');

/**
 * A codec's decoding without its `Either` and without error messages: the decoded value, or {@link REFUSED}.
 * It accepts exactly what the codec's `validate` accepts and gives the same value; a caller that gets
 * `REFUSED` decodes again with the codec itself, which says why. Reading a long stream decodes every event,
 * and most of that cost was the wrappers (`Right`s and contexts) around values that were never refused.
 * Internal: not exported from the package.
 *
 * @internal
 */
export type FastDecoder = (input: unknown) => unknown;

const decoders = new WeakMap<t.Mixed, FastDecoder>();

/** An empty context: the codecs of this package look at the context only to say why they refuse. */
const NO_CONTEXT: t.Context = [];

/**
 * Gives `codec` its own fast decoder, which must accept exactly what `codec.validate` accepts and give the
 * same value. Returns the codec. Internal: not exported from the package.
 *
 * @internal
 */
export const withFastDecoder = <C extends t.Mixed>(codec: C, decoder: FastDecoder): C => {
  decoders.set(codec, decoder);
  return codec;
};

/**
 * The fast decoder of a codec: its own when it was given one, its guard when its decoding is
 * `is(u) ? success(u) : failure(…)` (a keyof's guard written out), else its `validate` with the `Right`
 * unwrapped. Internal: not exported from the package.
 *
 * @internal
 */
export const fastDecoderOf = (codec: t.Mixed): FastDecoder => {
  const known = decoders.get(codec);
  if (known !== undefined) return known;
  const decoder: FastDecoder =
    codec instanceof t.KeyofType
      ? keyofDecoder((codec as t.KeyofType<Record<string, unknown>>).keys)
      : decodesToItself(codec)
        ? (input) => (codec.is(input) ? input : REFUSED)
        : (input) => {
            const result = codec.validate(input, NO_CONTEXT);
            return result._tag === 'Right' ? result.right : REFUSED;
          };
  decoders.set(codec, decoder);
  return decoder;
};

/** `t.keyof(keys)`'s guard, `string.is(u) && hasOwnProperty.call(keys, u)`, without its two calls. */
const keyofDecoder =
  (keys: object): FastDecoder =>
  (input) =>
    typeof input === 'string' && Object.prototype.hasOwnProperty.call(keys, input) ? input : REFUSED;

/**
 * Codecs whose decoding is `is(u) ? success(u) : failure(…)` (io-ts's primitives, literals and keyofs, and
 * refinements and brands of them), so a value that passes the guard decodes to itself.
 */
const decodesToItself = (codec: t.Mixed): boolean =>
  codec instanceof t.StringType ||
  codec instanceof t.NumberType ||
  codec instanceof t.BooleanType ||
  codec instanceof t.LiteralType ||
  codec instanceof t.KeyofType ||
  (codec instanceof t.RefinementType && decodesToItself((codec as t.RefinementType<t.Mixed>).type));
