/**
 * Workload 2: one report, many writers. Each writer posts follow-ups to the same stream; appends that meet
 * a stale revision are retried by the library's own mechanism (Adal's `maxRetries`, Emmett's
 * `retry.onVersionConflict`), each retry re-loading the lengthening stream. Two variants: the writers share
 * one client, as the requests of one portal instance do (Adal's commands on a stream then take turns and
 * never conflict), and each writer is a client of its own, as separate instances are (they meet only at the
 * store's expected revision).
 */
import type { BenchContext } from '../BenchContext.js';
import { commandCounts, openContender, targetFor } from '../BenchContext.js';
import type { BenchResult, Library, StoreKind } from '../BenchResult.js';
import { figures, runClients } from '../measure.js';
import { reportStream } from '../reportCommands.js';

/** Enough tries that no command gives up under 8 writers: a failure would end the run. */
const MAX_RETRIES = 200;

export const hotStream = async (
  context: BenchContext,
  store: StoreKind,
  library: Exclude<Library, 'sql'>,
  separate: boolean,
): Promise<BenchResult> => {
  const { hotWriters, hotCommandsPerWriter, warmUp } = context.sizes;
  const contender = await openContender(library, await targetFor(context, store, `hot_${library}`), {
    maxRetries: MAX_RETRIES,
  });
  try {
    const warmStream = reportStream();
    await contender.submit(warmStream);
    // In memory a command takes tens of microseconds: warm up as long as the command runs do, on a stream of
    // its own (Emmett re-reads its whole stream on every command, so the measured stream starts short).
    const warmUps =
      store === 'memory' ? commandCounts(context.sizes, store).warmUp : Math.min(warmUp, hotWriters * 4);
    await runClients(hotWriters, warmUps, () => contender.followUp(warmStream));
    const conflictsBefore = contender.conflicts();

    // One process whose writers share a client, or a process (a client of its own) per writer.
    const writers = Array.from({ length: hotWriters }, () =>
      separate ? contender.otherProcess() : contender,
    );
    const stream = reportStream();
    await contender.submit(stream);
    const operations = hotWriters * hotCommandsPerWriter;
    const timed = await runClients(hotWriters, operations, (_, writer) => {
      const by = writers[writer];
      if (by === undefined) throw new Error(`no writer ${writer}`);
      return by.followUp(stream);
    });
    const storedEvents = await contender.storedEvents([stream]);
    const expected = operations + 1;
    return {
      workload: 'hot-stream',
      variant: `${hotWriters} writers, ${separate ? `${hotWriters} processes` : '1 process'}`,
      store,
      library,
      unit: 'ops/s',
      ...figures(timed, operations),
      storedEvents,
      conflicts: contender.conflicts() - conflictsBefore,
      ...(storedEvents === expected ? {} : { note: `expected ${expected} events, found ${storedEvents}` }),
    };
  } finally {
    await contender.close();
  }
};
