/**
 * What `adal` does with its arguments: reads the subcommand, runs it and turns its outcome into output and an
 * exit code. The bin (`main.ts`) only hands it the process's arguments and streams.
 */
import * as E from 'fp-ts/lib/Either.js';
import packageJson from '../../package.json' with { type: 'json' };
import type { CliCommand } from './cliCommand.js';
import { STORE_HELP } from './cliCommand.js';
import type { CliIo } from './CliIo.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, EXIT_CODES_HELP } from './exitCodes.js';
import { forgetCommand } from './forget.js';
import { migrateCommand } from './migrate.js';
import { rebuildCommand } from './rebuild.js';
import { sealCommand } from './seal.js';
import { statsCommand } from './stats.js';
import { verifyCommand } from './verify.js';

const COMMANDS: readonly CliCommand[] = [
  verifyCommand,
  sealCommand,
  rebuildCommand,
  statsCommand,
  forgetCommand,
  migrateCommand,
];

const SYNOPSIS = 'adal <command> [options]';

const mainHelp = (): string =>
  [
    `Usage: ${SYNOPSIS}`,
    `The operator's command line of Adal (${packageJson.name} ${packageJson.version}).`,
    `Commands:\n${COMMANDS.map((command) => `  ${command.name.padEnd(9)}${command.summary}`).join('\n')}`,
    `Run adal <command> --help for a command's options.\n\nOptions:\n  -h, --help     this help\n  -v, --version  the version`,
    STORE_HELP,
    `Keys (read from files or the environment, never printed):
  seal signing key  --signing-key <file>, $ADAL_SIGNING_KEY_FILE, $ADAL_SIGNING_KEY (PEM)
  public keys       --public-key <file> (verify), $ADAL_PUBLIC_KEY_FILE
  master key        --master-key <file>, $ADAL_MASTER_KEY_FILE, $ADAL_MASTER_KEY (rebuild, forget)`,
    EXIT_CODES_HELP,
  ].join('\n\n') + '\n';

/**
 * Runs `adal` with its arguments (without `node` and the script) and returns the exit code. Never throws
 * for an expected failure: each is printed on stderr with the command's synopsis when it was bad usage.
 * It never exits the process and touches the outside world only through `io`, so that the bin and the
 * tests run the same code.
 *
 * @example
 * const code = await runCli(['verify', '--store', './.adal'], processIo());
 *
 * @category cli
 * @since 0.1.0
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = COMMANDS.find((candidate) => candidate.name === topic);
    if (first === undefined) {
      io.err(mainHelp());
      return EXIT.usage;
    }
    io.out(command?.help ?? mainHelp());
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out(`${packageJson.version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith('-')
      ? `unknown option ${first}`
      : `unknown command ${JSON.stringify(first)}`;
    io.err(
      `adal: ${what}\nUsage: ${SYNOPSIS}\nCommands: ${COMMANDS.map((c) => c.name).join(', ')}\nRun adal --help for more.\n`,
    );
    return EXIT.usage;
  }
  let outcome: E.Either<CliFailure, ExitCode>;
  try {
    outcome = await command.run(rest, io);
  } catch (error) {
    // A bug, not an expected failure: say so plainly, with the stack for the report.
    io.err(
      `adal ${command.name}: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failed;
  }
  if (E.isRight(outcome)) return outcome.right;
  const failure = outcome.left;
  io.err(`adal ${command.name}: ${failure.message}\n`);
  if (failure.showUsage === true) {
    io.err(`Usage: ${command.synopsis}\nRun adal ${command.name} --help for more.\n`);
  }
  return failure.code;
};
