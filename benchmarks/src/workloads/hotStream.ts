/**
 * Workload 2: one report, many writers. Each writer posts follow-ups to the same stream; most appends meet
 * a stale revision and are retried by the library's own mechanism (Adal's `maxRetries`, Emmett's
 * `retry.onVersionConflict`), each retry re-loading the lengthening stream.
 */
import type { BenchContext } from '../BenchContext.js';
import { openContender, targetFor } from '../BenchContext.js';
import type { BenchResult, Library, StoreKind } from '../BenchResult.js';
import { figures, runClients } from '../measure.js';
import { reportStream } from '../reportCommands.js';

/** Enough tries that no command gives up under 8 writers: a failure would end the run. */
const MAX_RETRIES = 200;

export const hotStream = async (
  context: BenchContext,
  store: StoreKind,
  library: Exclude<Library, 'sql'>,
): Promise<BenchResult> => {
  const { hotWriters, hotCommandsPerWriter, warmUp } = context.sizes;
  const contender = await openContender(library, await targetFor(context, store, `hot_${library}`), {
    maxRetries: MAX_RETRIES,
  });
  try {
    const warmStream = reportStream();
    await contender.submit(warmStream);
    await runClients(hotWriters, Math.min(warmUp, hotWriters * 4), () => contender.followUp(warmStream));
    const conflictsBefore = contender.conflicts();

    const stream = reportStream();
    await contender.submit(stream);
    const operations = hotWriters * hotCommandsPerWriter;
    const timed = await runClients(hotWriters, operations, () => contender.followUp(stream));
    const storedEvents = await contender.storedEvents([stream]);
    const expected = operations + 1;
    return {
      workload: 'hot-stream',
      variant: `${hotWriters} writers, 1 stream`,
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
