import { parseArgs } from 'node:util';
import type { AnyProjection } from '@adal/core';
import { readModelProjections } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ProjectionRunner, RunnerError } from '../projections/ProjectionRunner.js';
import { createProjectionRunner } from '../projections/ProjectionRunner.js';
import { protectEventStore } from '../protection/protectEventStore.js';
import { receiptIndexProjection } from '../receipts/receiptIndex.js';
import type { CliCommand } from './cliCommand.js';
import { commandHelp } from './cliCommand.js';
import type { CliIo } from './CliIo.js';
import { expectPositionals, parseCommandArgs, STORE_OPTIONS } from './commandArgs.js';
import type { CliFailure, ExitCode } from './exitCodes.js';
import { EXIT, operationFailure, usageFailure } from './exitCodes.js';
import { loadMasterKey } from './keyMaterial.js';
import { openKeys, openStore } from './openStore.js';
import { progressBar } from './progressBar.js';
import { describeTarget, storeTarget } from './storeTarget.js';
import { formatCount } from './textTable.js';

/** Every projection the CLI can rebuild: the six read models and the client's receipt index. */
const PROJECTIONS: readonly AnyProjection[] = [...readModelProjections(), receiptIndexProjection];
const NAMES = PROJECTIONS.map((projection) => projection.name);

/** Store failures in a row after which the rebuild gives up (the runner itself would retry forever). */
const MAX_RETRIES = 3;

const SYNOPSIS = 'adal rebuild <projection> [--master-key <file>] [--interval <s>] [--store <url|dir>]';

/**
 * `adal rebuild <projection>`: rebuilds one read model from the start of the log through the projection
 * runner, beside the live one (which keeps serving), showing progress; the new one replaces the old when it
 * has caught up.
 *
 * @category cli
 * @since 0.1.0
 */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'rebuild one read model from the log, with progress',
  synopsis: SYNOPSIS,
  help: commandHelp({
    synopsis: SYNOPSIS,
    description: `Rebuilds a read model from the first event of the log into a new generation, beside the
live one, which keeps answering queries until the new one has caught up and replaces it in one
step. Progress goes to stderr: a bar on a terminal, a line every few seconds otherwise.

Projections: ${NAMES.join(', ')}.

Only one instance runs a projection at a time: on a PostgreSQL server a running portal holds it,
and the rebuild must then be started there. A PGlite folder belongs to one process: stop the
portal first. The CLI builds with Adal's default calendars and policies; a portal that gives
createAdalClient its own (holidays, regional policies) rebuilds reports-map and
deadline-compliance from its own code (runner.rebuild).`,
    options: `  --master-key <file>  the key store's master key (32 bytes: raw, hex or base64), needed to read
                       personal data when the key store has one; default $ADAL_MASTER_KEY_FILE,
                       else $ADAL_MASTER_KEY
  --interval <s>       seconds between progress lines when stderr is not a terminal (default 2)`,
  }),
  run: async (args, io) => {
    const parsed = parseCommandArgs(() =>
      parseArgs({
        args: [...args],
        options: { ...STORE_OPTIONS, 'master-key': { type: 'string' }, interval: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      }),
    );
    if (E.isLeft(parsed)) return parsed;
    const { values, positionals } = parsed.right;
    if (values.help === true) {
      io.out(rebuildCommand.help);
      return E.right(EXIT.ok);
    }
    const checked = expectPositionals(positionals, ['projection']);
    if (E.isLeft(checked)) return checked;
    const name = checked.right[0] ?? '';
    const projection = PROJECTIONS.find((candidate) => candidate.name === name);
    if (projection === undefined) {
      return E.left(usageFailure(`no projection named ${JSON.stringify(name)}; one of: ${NAMES.join(', ')}`));
    }
    const interval = values.interval === undefined ? undefined : Number(values.interval);
    if (interval !== undefined && !(Number.isFinite(interval) && interval > 0)) {
      return E.left(usageFailure(`--interval: expected a number of seconds above 0, got ${values.interval}`));
    }
    const target = storeTarget(values, io.env, io.cwd);
    if (E.isLeft(target)) return target;
    const masterKey = loadMasterKey(values['master-key'], io.env);
    if (E.isLeft(masterKey)) return masterKey;
    const opened = await openStore(target.right);
    if (E.isLeft(opened)) return opened;
    try {
      const keys = await openKeys(opened.right, masterKey.right?.key);
      if (E.isLeft(keys)) return keys;
      const { store } = opened.right;
      io.err(`rebuilding ${name} in ${describeTarget(target.right)}\n`);
      let retries = 0;
      let lastRetry = '';
      const runner = createProjectionRunner({
        // Events are read decrypted, as the portal's runner reads them: projections decode the reporter.
        store: protectEventStore(store, { keys: keys.right }),
        readModels: store,
        leases: store,
        projections: [projection],
        onEvent: (event) => {
          if (event._tag === 'Retrying') {
            retries += 1;
            lastRetry = event.message;
          } else if (event._tag === 'Committed') retries = 0;
        },
      });
      return await runRebuild(runner, name, io, {
        intervalMs: interval === undefined ? undefined : interval * 1000,
        gaveUp: () => (retries >= MAX_RETRIES ? lastRetry : undefined),
      });
    } finally {
      await opened.right.close();
    }
  },
};

/** Starts the runner, rebuilds (or builds for the first time) and follows it to the end. */
const runRebuild = async (
  runner: ProjectionRunner,
  name: string,
  io: CliIo,
  options: { readonly intervalMs: number | undefined; readonly gaveUp: () => string | undefined },
): Promise<E.Either<CliFailure, ExitCode>> => {
  const before = await runner.status();
  const fresh = (before[0]?.generations.length ?? 0) === 0;
  await runner.start();
  let interrupted = false;
  const stopListening = io.onInterrupt(() => {
    interrupted = true;
  });
  try {
    const owner = await waitForOwnership(runner);
    if (owner !== undefined) return E.left(operationFailure(owner));
    let generation: number;
    let done: Promise<E.Either<RunnerError, void>>;
    if (fresh) {
      // Never built: the runner builds the live generation from the start; a rebuild would do it twice.
      generation = (await runner.status())[0]?.generations[0]?.generation ?? 1;
      done = runner.waitUntilCaughtUp({ names: [name], timeoutMs: 24 * 3_600_000 });
      io.err(`${name} was never built: building it from the first event\n`);
    } else {
      const started = await runner.rebuild(name);
      if (E.isLeft(started)) return E.left(operationFailure(started.left.message));
      ({ generation, done } = started.right);
    }
    const bar = progressBar(io, {
      label: name,
      ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    });
    const startedAt = Date.now();
    let settled: E.Either<RunnerError, void> | undefined;
    void done.then((result) => {
      settled = result;
    });
    let progress = { done: 0, total: 0 };
    for (;;) {
      const status = (await runner.status())[0];
      const current = status?.generations.find((g) => g.generation === generation);
      if (current !== undefined) {
        progress = { done: current.eventsHandled, total: current.eventsHandled + current.eventsBehind };
      }
      if (settled !== undefined) break;
      const gaveUp = options.gaveUp();
      if (gaveUp !== undefined) {
        bar.finish(progress);
        return E.left(operationFailure(`the store keeps failing, gave up: ${gaveUp}`));
      }
      if (interrupted) {
        bar.finish(progress);
        return E.left({
          _tag: 'CliFailure',
          code: EXIT.interrupted,
          message: `interrupted: generation ${generation} of ${name} stays half-built beside the live one; the next runner of ${name} (the portal's, or adal rebuild) takes it up again`,
        });
      }
      bar.update(progress);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    if (E.isLeft(settled)) {
      bar.finish(progress);
      return E.left(operationFailure(`the rebuild of ${name} failed: ${settled.left.message}`));
    }
    progress = { done: progress.total, total: progress.total };
    bar.finish(progress);
    const seconds = (Date.now() - startedAt) / 1000;
    io.out(
      `✓ rebuilt ${name}: generation ${generation} is live, ${formatCount(progress.done)} events in ${seconds.toFixed(1)} s (${formatCount(Math.round(progress.done / Math.max(seconds, 0.001)))} events/s)\n`,
    );
    return E.right(EXIT.ok);
  } finally {
    stopListening();
    await runner.stop();
  }
};

/** Waits briefly for this runner to own the projection; why not, when it does not. */
const waitForOwnership = async (runner: ProjectionRunner): Promise<string | undefined> => {
  for (let attempt = 0; ; attempt += 1) {
    const status = (await runner.status())[0];
    if (status === undefined) return 'the projection is not known to the runner';
    if (status.state === 'running') return undefined;
    if (status.state === 'failed') {
      return `${status.name} is failed: ${status.error ?? 'unknown reason'}; fix the cause, then rebuild`;
    }
    // The runner retries a held lease every second: give another instance's lease a few tries to go.
    if (attempt >= 25) {
      return `${status.name} is run by another instance (a portal holds its lease): run the rebuild there, or stop that instance first`;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
