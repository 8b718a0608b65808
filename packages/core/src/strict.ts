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
  const known = new Set([...Object.keys(required), ...Object.keys(opt)]);
  const typeName =
    name ??
    `{ ${[
      ...Object.entries(required).map(([k, c]) => `${k}: ${c.name}`),
      ...Object.entries(opt).map(([k, c]) => `${k}?: ${c.name}`),
    ].join(', ')} }`;

  // The guard accepts exactly what decoding would give back: no unknown field, no optional field present
  // as `undefined`, and every field read from the object itself, never from its prototype.
  const is = (u: unknown): u is StrictType<R, O> =>
    isPlainRecord(u) &&
    Object.keys(u).every((k) => known.has(k)) &&
    Object.entries(required).every(([k, codec]) => codec.is(ownField(u, k))) &&
    Object.entries(opt).every(([k, codec]) => !hasOwn(u, k) || u[k] === undefined || codec.is(u[k]));

  return new t.Type<StrictType<R, O>, StrictOutput<R, O>, unknown>(
    typeName,
    is,
    (input, context) => {
      if (!isPlainRecord(input))
        return t.failure(input, context, `expected an object, got ${describeKind(input)}`);
      const errors: t.ValidationError[] = [];
      const output: Record<string, unknown> = {};
      for (const key of Object.keys(input)) {
        if (!known.has(key)) {
          errors.push({
            value: input[key],
            context: [...context, { key, type: t.never, actual: input[key] }],
            message: 'unknown field',
          });
        }
      }
      for (const [key, codec] of Object.entries(required)) {
        const value = ownField(input, key);
        const result = codec.validate(value, [...context, { key, type: codec, actual: value }]);
        if (result._tag === 'Left') errors.push(...result.left);
        else output[key] = result.right;
      }
      for (const [key, codec] of Object.entries(opt)) {
        if (!hasOwn(input, key)) continue;
        const value = input[key];
        // A form handler writes `{ reason: form.reason }` whether or not there is one: an optional field set
        // to undefined reads as absent, and is left out of the decoded value.
        if (value === undefined) continue;
        const result = codec.validate(value, [...context, { key, type: codec, actual: value }]);
        if (result._tag === 'Left') errors.push(...result.left);
        else output[key] = result.right;
      }
      return errors.length > 0 ? t.failures(errors) : t.success(output as StrictType<R, O>);
    },
    (value) => {
      const record = value as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      for (const [key, codec] of Object.entries(required)) output[key] = codec.encode(ownField(record, key));
      for (const [key, codec] of Object.entries(opt)) {
        const field = ownField(record, key);
        if (field !== undefined) output[key] = codec.encode(field);
      }
      return output as StrictOutput<R, O>;
    },
  );
}

const isPlainRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

// Fields named like members of Object.prototype (`constructor`, `toString`) must not be read from it.
const hasOwn = (record: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(record, key);

const ownField = (record: Record<string, unknown>, key: string): unknown =>
  hasOwn(record, key) ? record[key] : undefined;

const describeKind = (u: unknown): string => (u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u);
