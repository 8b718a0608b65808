import * as t from 'io-ts/lib/index.js';
import { DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';

/**
 * The codec of one command: a strict object with `type` (the command's name, also the codec's name) and
 * `at` (the instant the client stamps), plus the command's own fields.
 *
 * @example
 * import * as t from 'io-ts';
 * import { commandCodec } from '@adal/core';
 * const CloseCase = commandCodec('CloseCase', {}, { note: t.string });
 *
 * @category domain
 * @since 0.1.0
 */
export const commandCodec = <T extends string, R extends t.Props, O extends t.Props = Record<never, t.Mixed>>(
  type: T,
  required: R,
  optional?: O,
) => strict({ type: t.literal(type), at: DateFromIsoString, ...required }, optional, type);
