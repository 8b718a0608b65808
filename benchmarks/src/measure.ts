/**
 * Timing and memory sampling shared by every workload: latencies from `process.hrtime.bigint()`, peaks of
 * heap and RSS sampled on an interval while the measured part runs, and a pool of concurrent clients.
 */
const MB = 1024 * 1024;

export interface MemoryPeak {
  readonly heapMb: number;
  readonly rssMb: number;
}

/**
 * Samples memory every `intervalMs` until stopped. A forced GC first (when Node runs with --expose-gc, as
 * `pnpm bench` does) makes the peak the measured run's own, not garbage left by the one before.
 */
export const startMemorySampler = (intervalMs = 10): { stop: () => MemoryPeak } => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let heap = process.memoryUsage().heapUsed;
  let rss = process.memoryUsage().rss;
  const sample = () => {
    const usage = process.memoryUsage();
    heap = Math.max(heap, usage.heapUsed);
    rss = Math.max(rss, usage.rss);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { heapMb: round(heap / MB, 1), rssMb: round(rss / MB, 1) };
    },
  };
};

export const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** The value below which `p` (0..1) of the sorted sample lies, by the nearest-rank method. */
export const percentile = (sorted: readonly number[], p: number): number | null => {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? null;
};

export interface Timed {
  readonly seconds: number;
  /** One entry per operation, in milliseconds, sorted. */
  readonly latenciesMs: readonly number[];
  readonly memory: MemoryPeak;
}

/**
 * Runs `operations` calls of `operation` spread over `clients` concurrent loops (client `c` runs the
 * indexes `c, c + clients, …`), timing each call and the whole. A failed call fails the run: a benchmark
 * that silently skips work measures nothing.
 */
export const runClients = async (
  clients: number,
  operations: number,
  operation: (index: number, client: number) => Promise<void>,
): Promise<Timed> => {
  const latencies: number[] = [];
  const sampler = startMemorySampler();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = client; index < operations; index += clients) {
        const before = process.hrtime.bigint();
        await operation(index, client);
        latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = sampler.stop();
  latencies.sort((a, b) => a - b);
  return { seconds, latenciesMs: latencies, memory };
};

/** Times one call (a catch-up, a seeding) with the same memory sampling. */
export const timeOnce = async <A>(
  body: () => Promise<A>,
): Promise<{ value: A; seconds: number; memory: MemoryPeak }> => {
  const sampler = startMemorySampler();
  const started = process.hrtime.bigint();
  const value = await body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { value, seconds, memory: sampler.stop() };
};

/** The fields of a result that come from timing. */
export const figures = (timed: Timed, operations: number) => ({
  operations,
  seconds: round(timed.seconds, 6),
  throughput: round(operations / timed.seconds, 1),
  p50Ms: roundOrNull(percentile(timed.latenciesMs, 0.5)),
  p99Ms: roundOrNull(percentile(timed.latenciesMs, 0.99)),
  peakHeapMb: timed.memory.heapMb,
  peakRssMb: timed.memory.rssMb,
});

const roundOrNull = (value: number | null): number | null => (value === null ? null : round(value, 3));
