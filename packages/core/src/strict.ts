import * as t from 'io-ts/lib/index.js';

/**
 * The type a strict codec decodes to: required fields as they are, optional fields that may be absent
 * (given as `undefined`, they read as absent).
 *
 * @category model
 * @since 0.1.0
 */
export type StrictType<R extends t.Props, O extends t.Props> = t.TypeOfProps<R> & t.TypeOfPartialProps<O>;

/**
 * The encoded form of a strict codec.
 *
 * @category model
 * @since 0.1.0
 */
export type StrictOutput<R extends t.Props, O extends t.Props> = t.OutputOfProps<R> &
  t.OutputOfPartialProps<O>;

/**
 * A strict codec: the io-ts type of an object codec that refuses unknown fields.
 *
 * @category model
 * @since 0.1.0
 */
export type StrictCodec<R extends t.Props, O extends t.Props = Record<never, t.Mixed>> = t.Type<
  StrictType<R, O>,
  StrictOutput<R, O>,
  unknown
>;

/**
 * An object codec that **refuses unknown fields** (io-ts `exact` would drop them silently, so a typo in a
 * field name would pass unnoticed). Each unknown field is reported at its own path as `unknown field`.
 * An optional field set to `undefined` reads as absent (and is left out of the decoded value); `null` is a
 * value and must be allowed by the field's own codec.
 *
 * @example
 * import * as t from 'io-ts';
 * import { strict } from '@adal/core';
 * const Point = strict({ lat: t.number, lon: t.number }, { label: t.string }, 'Point');
 * Point.decode({ lat: 51.1, lon: 71.4 })._tag; // 'Right'
 * Point.decode({ lat: 51.1, lon: 71.4, alt: 350 })._tag; // 'Left': alt: unknown field
 *
 * @category codecs
 * @since 0.1.0
 */
export function strict<R extends t.Props, O extends t.Props = Record<never, t.Mixed>>(
  required: R,
  optional?: O,
  name?: string,
): StrictCodec<R, O> {
  const opt = (optional ?? {}) as O;
  // The fields are listed once here, not on every call: decoding is on the path of every command and of
  // every event read.
  const requiredFields = Object.entries(required);
  const optionalFields = Object.entries(opt);
  const known = new Set([...Object.keys(required), ...Object.keys(opt)]);
  const typeName =
    name ??
    `{ ${[
      ...requiredFields.map(([k, c]) => `${k}: ${c.name}`),
      ...optionalFields.map(([k, c]) => `${k}?: ${c.name}`),
    ].join(', ')} }`;

  // The guard accepts exactly what decoding would give back: no unknown field, no optional field present
  // as `undefined`, and every field read from the object itself, never from its prototype.
  const is = (u: unknown): u is StrictType<R, O> => {
    if (!isPlainRecord(u)) return false;
    for (const k in u) if (hasOwn(u, k) && !known.has(k)) return false;
    for (const [k, codec] of requiredFields) if (!codec.is(ownField(u, k))) return false;
    for (const [k, codec] of optionalFields) {
      if (hasOwn(u, k) && u[k] !== undefined && !codec.is(u[k])) return false;
    }
    return true;
  };

  // A field is first decoded in the object's own context, which costs no allocation; only when it fails is
  // it decoded again in its own context, so that the errors name it. Codecs are pure, so the second run
  // fails exactly as the first.
  const field = (
    codec: t.Mixed,
    key: string,
    value: unknown,
    context: t.Context,
    errors: t.ValidationError[],
    output: Record<string, unknown>,
  ): void => {
    // io-ts's own primitive codecs decode a value their guard accepts to itself: the guard is enough.
    if (isPlainCheck(codec) && codec.is(value)) {
      output[key] = value;
      return;
    }
    const fast = codec.validate(value, context);
    if (fast._tag === 'Right') {
      output[key] = fast.right;
      return;
    }
    const result = codec.validate(value, [...context, { key, type: codec, actual: value }]);
    if (result._tag === 'Left') errors.push(...result.left);
    else output[key] = result.right;
  };

  const codec = new t.Type<StrictType<R, O>, StrictOutput<R, O>, unknown>(
    typeName,
    is,
    (input, context) => {
      if (!isPlainRecord(input))
        return t.failure(input, context, `expected an object, got ${describeKind(input)}`);
      const errors: t.ValidationError[] = [];
      const output: Record<string, unknown> = {};
      for (const key in input) {
        if (hasOwn(input, key) && !known.has(key)) {
          errors.push({
            value: input[key],
            context: [...context, { key, type: t.never, actual: input[key] }],
            message: 'unknown field',
          });
        }
      }
      for (const [key, codec] of requiredFields) {
        field(codec, key, ownField(input, key), context, errors, output);
      }
      for (const [key, codec] of optionalFields) {
        if (!hasOwn(input, key)) continue;
        const value = input[key];
        // A form handler writes `{ reason: form.reason }` whether or not there is one: an optional field set
        // to undefined reads as absent, and is left out of the decoded value.
        if (value === undefined) continue;
        field(codec, key, value, context, errors, output);
      }
      return errors.length > 0 ? t.failures(errors) : t.success(output as StrictType<R, O>);
    },
    (value) => {
      const record = value as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      for (const [key, codec] of requiredFields) output[key] = codec.encode(ownField(record, key));
      for (const [key, codec] of optionalFields) {
        const field = ownField(record, key);
        if (field !== undefined) output[key] = codec.encode(field);
      }
      return output as StrictOutput<R, O>;
    },
  );
  const tags = new Map<string, unknown>();
  for (const [key, fieldCodec] of requiredFields) {
    if (fieldCodec instanceof t.LiteralType)
      tags.set(key, (fieldCodec as t.LiteralType<string | number | boolean>).value);
  }
  if (tags.size > 0) literalFields.set(codec, tags);
  return codec;
}

/**
 * The literal a codec requires at `key` (a strict codec's `type: t.literal('SubmitReport')`), if it is known
 * to refuse every input without it.
 *
 * @example
 * import * as t from 'io-ts';
 * import { requiredLiteral, strict } from '@adal/core';
 * requiredLiteral(strict({ type: t.literal('Opened'), at: t.string }), 'type'); // { value: 'Opened' }
 *
 * @category codecs
 * @since 0.1.0
 */
export const requiredLiteral = (codec: t.Mixed, key: string): { readonly value: unknown } | undefined => {
  const tags = literalFields.get(codec);
  return tags !== undefined && tags.has(key) ? { value: tags.get(key) } : undefined;
};

/**
 * Declares that `outer` accepts only what `inner` accepts (a refinement of it), so it requires the same
 * literals.
 *
 * @example
 * import * as t from 'io-ts';
 * import { refines, requiredLiteral, strict } from '@adal/core';
 * const Opened = strict({ type: t.literal('Opened'), at: t.string });
 * const Checked = refines(t.refinement(Opened, (o) => o.at.length > 0), Opened);
 * requiredLiteral(Checked, 'type'); // { value: 'Opened' }
 *
 * @category codecs
 * @since 0.1.0
 */
export const refines = <C extends t.Mixed>(outer: C, inner: t.Mixed): C => {
  const tags = literalFields.get(inner);
  if (tags !== undefined) literalFields.set(outer, tags);
  return outer;
};

/** The literal fields of strict codecs: what lets a union pick its arm by a tag. */
const literalFields = new WeakMap<t.Mixed, ReadonlyMap<string, unknown>>();

/**
 * Codecs whose decoding is `is(u) ? success(u) : failure(…)` (io-ts's primitives, literals and keyofs), so a
 * value that passes the guard decodes to itself.
 */
const isPlainCheck = (codec: t.Mixed): boolean =>
  codec instanceof t.StringType ||
  codec instanceof t.NumberType ||
  codec instanceof t.BooleanType ||
  codec instanceof t.LiteralType ||
  codec instanceof t.KeyofType;

const isPlainRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

// Fields named like members of Object.prototype (`constructor`, `toString`) must not be read from it.
const hasOwn = (record: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

const ownField = (record: Record<string, unknown>, key: string): unknown =>
  hasOwn(record, key) ? record[key] : undefined;

const describeKind = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u);
