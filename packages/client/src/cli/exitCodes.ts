/**
 * The exit codes of the `adal` command, and the failure every command returns instead of throwing.
 *
 * The codes are part of the CLI's contract: a cron job or a monitoring check tells "the log was tampered
 * with" (1) apart from "you called it wrong" (2) and "the database could not be reached" (3), and alerts
 * differently on each.
 */

/**
 * Exit codes of `adal`.
 *
 * @category cli
 * @since 0.1.0
 */
export const EXIT = {
  /** The command did what it was asked (for `verify`: the log is intact). */
  ok: 0,
  /** `verify` found the log altered: the first bad event is named. */
  tampered: 1,
  /** Bad usage: an unknown command or flag, a bad or missing value, a missing confirmation. */
  usage: 2,
  /** The store could not be opened or reached, or a package it needs is not installed. */
  store: 3,
  /** The store opened but the operation failed (a projection failed, a key was refused, …). */
  failed: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/**
 * One of {@link EXIT}'s codes.
 *
 * @category cli
 * @since 0.1.0
 */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Why a command stopped: the exit code and a message for the operator. `usage` asks for the command's
 * synopsis to be shown after the message.
 *
 * @category cli
 * @since 0.1.0
 */
export interface CliFailure {
  readonly _tag: 'CliFailure';
  readonly code: ExitCode;
  readonly message: string;
  readonly showUsage?: boolean;
}

/** A usage failure: shown with the command's synopsis. */
export const usageFailure = (message: string): CliFailure => ({
  _tag: 'CliFailure',
  code: EXIT.usage,
  message,
  showUsage: true,
});

/** A failure to open or reach the store. */
export const storeFailure = (message: string): CliFailure => ({
  _tag: 'CliFailure',
  code: EXIT.store,
  message,
});

/** An operation that could not be done. */
export const operationFailure = (message: string): CliFailure => ({
  _tag: 'CliFailure',
  code: EXIT.failed,
  message,
});

/** The table of exit codes, as every `--help` prints it. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done (verify: the log is intact)
  1    verify: the log was altered (the first bad event is named)
  2    usage: unknown command or flag, bad or missing value, no confirmation
  3    the store could not be opened or reached, or a needed package is missing
  4    the operation failed (projection failed, key refused, lease held elsewhere)
  130  interrupted`;
