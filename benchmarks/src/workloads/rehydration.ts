/**
 * Workload 3: load one report with a long history (10,000 events by default) and nothing else. Adal runs
 * twice, from the events alone and from a snapshot (taken by its command handler after the seeding);
 * Emmett has no snapshots, so it is compared with the first.
 */
import type { BenchContext } from '../BenchContext.js';
import { loadCounts, openContender, targetFor } from '../BenchContext.js';
import type { BenchResult, Library, StoreKind } from '../BenchResult.js';
import { figures, runClients } from '../measure.js';
import { reportStream } from '../reportCommands.js';

export const rehydration = async (
  context: BenchContext,
  store: StoreKind,
  library: Exclude<Library, 'sql'>,
  snapshots: boolean,
): Promise<BenchResult> => {
  const { longStream } = context.sizes;
  const { loads, warmUp } = loadCounts(context.sizes, store);
  const name = `rehydrate_${library}${snapshots ? '_snapshot' : ''}`;
  const contender = await openContender(library, await targetFor(context, store, name), {
    snapshots,
    coldLoads: true,
  });
  try {
    const stream = reportStream();
    await contender.seedLongStream(stream, longStream);
    await runClients(1, warmUp, () => contender.rehydrate(stream));
    const timed = await runClients(1, loads, () => contender.rehydrate(stream));
    const storedEvents = await contender.storedEvents([stream]);
    return {
      workload: 'rehydration',
      variant: `${longStream.toLocaleString('en')} events${snapshots ? ', snapshot' : ''}`,
      store,
      library,
      unit: 'ops/s',
      ...figures(timed, loads),
      storedEvents,
      ...(storedEvents === longStream
        ? {}
        : { note: `expected ${longStream} events, found ${storedEvents}` }),
    };
  } finally {
    await contender.close();
  }
};
