import * as readline from 'node:readline/promises';

/**
 * What a command may touch of the outside world: its output streams, the environment, the working folder and
 * the terminal.
 * Commands take it as a value so that where they write, and whether they may ask, is decided in one place.
 *
 * @category cli
 * @since 0.1.0
 */
export interface CliIo {
  /** Results: what a script would pipe on (tables, CSV, summaries). */
  readonly out: (text: string) => void;
  /** Progress, notes and errors. */
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place there). */
  readonly errIsTty: boolean;
  /** Whether a person can answer a question on stdin. */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder a relative `--store` path is read from. */
  readonly cwd: string;
  /** Asks a question on the terminal; undefined when the input ended. */
  readonly ask: (question: string) => Promise<string | undefined>;
  /** Runs `onInterrupt` on Ctrl-C until the returned function is called. */
  readonly onInterrupt: (onInterrupt: () => void) => () => void;
}

/**
 * The process's own streams and environment.
 *
 * @category cli
 * @since 0.1.0
 */
export const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
  interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  ask: async (question) => {
    const terminal = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await terminal.question(question);
    } catch {
      // The input was closed (Ctrl-D): no answer, which the caller treats as "no".
      return undefined;
    } finally {
      terminal.close();
    }
  },
  onInterrupt: (onInterrupt) => {
    process.once('SIGINT', onInterrupt);
    return () => {
      process.off('SIGINT', onInterrupt);
    };
  },
});
