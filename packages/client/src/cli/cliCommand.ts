import type * as E from 'fp-ts/lib/Either.js';
import type { CliIo } from './CliIo.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT_CODES_HELP } from './exitCodes.js';

/**
 * One subcommand of `adal`: its name, one-line summary, synopsis and help, and what it does. `run` returns
 * the exit code of a result (for `verify`, 1 is a result: the log was altered) or the failure to report.
 *
 * @category cli
 * @since 0.1.0
 */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly synopsis: string;
  readonly help: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<E.Either<CliFailure, ExitCode>>;
}

/** How every command that opens a store is told which one; part of each command's help. */
export const STORE_HELP = `Store:
  --store <url|dir>   postgres://user@host:5432/db (a server), or a PGlite folder (a path, or
                      pglite:<dir>); default $ADAL_STORE, else ./.adal (where pnpm demo writes)
  --schema <name>     the schema holding Adal's tables; default $ADAL_SCHEMA, else adal
  Passwords belong in the URL only if nothing else is possible: node-postgres also reads PGPASSWORD
  and ~/.pgpass. The CLI never prints a password or a key.`;

/** The full help of a command: synopsis, what it does, its own options, the store options, exit codes. */
export const commandHelp = (parts: {
  readonly synopsis: string;
  readonly description: string;
  readonly options?: string;
  readonly store?: boolean;
}): string =>
  [
    `Usage: ${parts.synopsis}`,
    parts.description,
    `Options:\n${parts.options === undefined ? '' : `${parts.options}\n`}  -h, --help          this help`,
    ...(parts.store === false ? [] : [STORE_HELP]),
    EXIT_CODES_HELP,
  ].join('\n\n') + '\n';
