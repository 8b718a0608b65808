/**
 * Workload 1: load → decide → append, the path of every command. Each client works on streams of its own
 * (no conflicts), each stream a report submitted and then followed up nine times, so every load reads a
 * short stream as a real report's would be.
 */
import type { BenchContext } from '../BenchContext.js';
import { commandCounts, openContender, targetFor } from '../BenchContext.js';
import type { BenchResult, Library, StoreKind } from '../BenchResult.js';
import type { Contender } from '../libraries/Contender.js';
import { figures, runClients } from '../measure.js';
import { reportStream } from '../reportCommands.js';

/** Commands per stream: one submit, then follow-ups. */
export const COMMANDS_PER_STREAM = 10;

export const clientsLabel = (clients: number): string => `${clients} client${clients === 1 ? '' : 's'}`;

/**
 * Runs `operations` commands over `clients` concurrent clients on fresh streams and returns the streams
 * used. Client-local numbering keeps each stream's submit before its follow-ups.
 */
export const handleCommands = async (
  contender: Contender,
  clients: number,
  operations: number,
): Promise<{
  readonly streams: readonly string[];
  readonly timed: Awaited<ReturnType<typeof runClients>>;
}> => {
  const streams: string[] = [];
  const current: string[] = [];
  const timed = await runClients(clients, operations, async (index, client) => {
    const local = (index - client) / clients;
    if (local % COMMANDS_PER_STREAM === 0) {
      const stream = reportStream();
      streams.push(stream);
      current[client] = stream;
      await contender.submit(stream);
      return;
    }
    const stream = current[client];
    if (stream === undefined) throw new Error('a follow-up before its report');
    await contender.followUp(stream);
  });
  return { streams, timed };
};

export const commandHandling = async (
  context: BenchContext,
  store: StoreKind,
  library: Exclude<Library, 'sql'>,
  clients: number,
): Promise<BenchResult> => {
  const { commands, warmUp } = commandCounts(context.sizes, store);
  const contender = await openContender(
    library,
    await targetFor(context, store, `cmd_${clients}_${library}`),
  );
  try {
    // The warm-up compiles the hot paths, fills the pools and (Emmett on PostgreSQL) creates the schema.
    const warm = await handleCommands(contender, clients, warmUp);
    const run = await handleCommands(contender, clients, commands);
    const storedEvents = await contender.storedEvents([...warm.streams, ...run.streams]);
    return {
      workload: 'command',
      variant: clientsLabel(clients),
      store,
      library,
      unit: 'ops/s',
      ...figures(run.timed, commands),
      storedEvents,
      ...(storedEvents === warmUp + commands
        ? {}
        : { note: `expected ${warmUp + commands} events, found ${storedEvents}` }),
    };
  } finally {
    await contender.close();
  }
};
