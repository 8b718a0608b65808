import * as E from 'fp-ts/lib/Either.js';
import type { CliFailure } from './exitCodes.js';
import { usageFailure } from './exitCodes.js';

/**
 * The flags every command that opens a store takes, in the shape `parseArgs` wants.
 *
 * @category cli
 * @since 0.1.0
 */
export const STORE_OPTIONS = {
  store: { type: 'string' },
  schema: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Runs a `parseArgs` call and turns what it throws for bad input (an unknown flag, a missing value) into a
 * usage failure, so that no expected failure of the command line escapes as an exception.
 *
 * @category cli
 * @since 0.1.0
 */
export const parseCommandArgs = <A>(parse: () => A): E.Either<CliFailure, A> => {
  try {
    return E.right(parse());
  } catch (error) {
    return E.left(usageFailure(describeParseError(error)));
  }
};

/** Node's messages, shortened to what an operator needs: which flag, and what is wrong with it. */
const describeParseError = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { readonly code?: unknown } | undefined)?.code;
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    return /does not take an argument/.test(message) ? `${flag} takes no value` : `${flag} needs a value`;
  }
  return message.charAt(0).toLowerCase() + message.slice(1);
};

/**
 * Checks the number of positional arguments a command got.
 *
 * @category cli
 * @since 0.1.0
 */
export const expectPositionals = (
  positionals: readonly string[],
  names: readonly string[],
): E.Either<CliFailure, readonly string[]> => {
  if (positionals.length < names.length) {
    return E.left(
      usageFailure(
        `missing ${names
          .slice(positionals.length)
          .map((n) => `<${n}>`)
          .join(' ')}`,
      ),
    );
  }
  if (positionals.length > names.length) {
    return E.left(usageFailure(`unexpected argument ${JSON.stringify(positionals[names.length])}`));
  }
  return E.right(positionals);
};
