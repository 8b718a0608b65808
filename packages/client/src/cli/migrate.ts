import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, storeFailure } from './exitCodes.js';
import { loadAdapters, openDriver } from './openStore.js';
import { describeTarget, storeTarget } from './storeTarget.js';

const SYNOPSIS = 'adal migrate [--store <url|dir>] [--schema <name>]';

/**
 * `adal migrate`: applies the PostgreSQL migrations the schema lacks (the same ones a portal applies when
 * it opens the store) and prints which it applied.
 *
 * @category cli
 * @since 0.1.0
 */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply the PostgreSQL migrations the schema lacks',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Applies, in order, the migrations of this version of Adal that the schema lacks, each in its
own transaction under an advisory lock (portal instances starting at the same time wait), and
prints which it applied. Running it again applies nothing. Migrations only add: stored events are
never rewritten. A portal applies them itself when it opens the store; run this ahead of a deploy
to apply them while you watch, with a user allowed to CREATE in the database.

On a PGlite folder that does not exist yet, it creates the database there.`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({ args: [...args], options: STORE_OPTIONS, strict: true, allowPositionals: true }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(migrateCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, []);
    if (E.isLeft(checked)) return checked;
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const adapters = await loadAdapters();
    if (E.isLeft(adapters)) return adapters;
    const created = target.right.kind === 'pglite' && !existsSync(join(target.right.dir, 'PG_VERSION'));
    const driver = await openDriver(target.right, adapters.right);
    if (E.isLeft(driver)) return driver;
    try {
      let applied: number[];
      try {
        applied = await adapters.right.migrate(driver.right, target.right.schema);
      } catch (error) {
        return E.left(
          storeFailure(
            `migrating ${describeTarget(target.right)} failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
      const names = new Map(adapters.right.MIGRATIONS.map((m) => [m.version, m.name]));
      const latest = Math.max(0, ...adapters.right.MIGRATIONS.map((m) => m.version));
      const lines = [
        ...(created
          ? [`created a new database in ${target.right.kind === 'pglite' ? target.right.dir : ''}`]
          : []),
        applied.length === 0
          ? `✓ ${describeTarget(target.right)} is up to date: version ${latest}, nothing to apply`
          : `✓ applied ${applied.length} migration(s) to ${describeTarget(target.right)}, now at version ${latest}:`,
        ...applied.map((version) => `  ${version}  ${names.get(version) ?? ''}`),
      ];
      io.out(`${lines.join('\n')}\n`);
      return E.right<CliFailure, ExitCode>(EXIT.ok);
    } finally {
      await driver.right.close();
    }
  },
};
