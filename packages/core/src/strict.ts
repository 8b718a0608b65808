import * as t from 'io-ts/lib/index.js';
import { fastDecoderOf, REFUSED, withFastDecoder } from './fastDecode.js';

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

  // The fields in the order encode writes them (required, then optional), each with its fast decoder, looked
  // up once: decoding is on the path of every command and every event read.
  const fieldKeys = [...requiredFields, ...optionalFields].map(([key]) => key);
  const fieldDecoders = [...requiredFields, ...optionalFields].map(([, fieldCodec]) =>
    fastDecoderOf(fieldCodec),
  );
  const requiredCount = requiredFields.length;

  // Decoding without a word of why: the value validate gives, or REFUSED where validate refuses, which then
  // runs to say why. It makes no Either and no context, and reads the input in one `for…in` in the order
  // its fields were written (which V8 reads by position, where `input[key]` would be a lookup): an input
  // whose fields come in another order, or that holds anything else, is left to validate (REFUSED), so
  // what this accepts has the fields validate reads, and gives the same object, fields in the same order.
  const absent = (input: Record<string, unknown>, field: number): boolean =>
    field >= requiredCount && !hasOwn(input, fieldKeys[field] ?? '');
  const fast = (input: unknown): unknown => {
    if (!isPlainRecord(input)) return REFUSED;
    const output: Record<string, unknown> = {};
    let next = 0;
    let last: string | undefined;
    for (const key in input) {
      // An optional field may be absent: the input's next field is one further on. (An own field that
      // `for…in` does not give, one not enumerable, is read by validate.)
      while (next < fieldKeys.length && fieldKeys[next] !== key) {
        if (!absent(input, next)) return REFUSED;
        next += 1;
      }
      const decode = fieldDecoders[next];
      if (decode === undefined) return REFUSED;
      const value = input[key];
      // An optional field given as undefined reads as absent.
      if (value !== undefined || next < requiredCount) {
        const decoded = decode(value);
        if (decoded === REFUSED) return REFUSED;
        output[key] = decoded;
      }
      next += 1;
      last = key;
    }
    for (; next < fieldKeys.length; next++) if (!absent(input, next)) return REFUSED;
    // `for…in` gives the object's own fields first, then any inherited ones: when the last is its own, all are.
    return last === undefined || hasOwn(input, last) ? output : REFUSED;
  };

  // Why an input is refused: each field decoded in its own context, so that the errors name it.
  const field = (
    fieldCodec: t.Mixed,
    key: string,
    value: unknown,
    context: t.Context,
    errors: t.ValidationError[],
    output: Record<string, unknown>,
  ): void => {
    const result = fieldCodec.validate(value, [...context, { key, type: fieldCodec, actual: value }]);
    if (result._tag === 'Left') errors.push(...result.left);
    else output[key] = result.right;
  };

  const codec = new t.Type<StrictType<R, O>, StrictOutput<R, O>, unknown>(
    typeName,
    is,
    (input, context) => {
      const decoded = fast(input);
      if (decoded !== REFUSED) return t.success(decoded as StrictType<R, O>);
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
  return withFastDecoder(codec, fast);
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

const isPlainRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

// Fields named like members of Object.prototype (`constructor`, `toString`) must not be read from it.
const hasOwn = (record: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

const ownField = (record: Record<string, unknown>, key: string): unknown =>
  hasOwn(record, key) ? record[key] : undefined;

const describeKind = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u);
