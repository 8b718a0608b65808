/**
 * One measured figure: a workload run by one library on one store. Every row of the printed table and of
 * `results/latest.json` is one of these; ratios are computed from them afterwards, never stored twice.
 */
export type Library = 'adal' | 'emmett' | 'sql';
/** `pglite`: Adal's embedded default (PGlite in a folder), which Emmett has no store for. */
export type StoreKind = 'memory' | 'postgres' | 'pglite';
export type WorkloadName = 'command' | 'hot-stream' | 'rehydration' | 'catch-up' | 'floor';
export const WORKLOADS: readonly WorkloadName[] = [
  'command',
  'hot-stream',
  'rehydration',
  'catch-up',
  'floor',
];

export interface BenchResult {
  readonly workload: WorkloadName;
  /** What distinguishes runs of one workload: "1 client", "16 clients", "snapshot", "projection". */
  readonly variant: string;
  readonly store: StoreKind;
  readonly library: Library;
  /** Commands handled, aggregates loaded, or events read: what `throughput` counts. */
  readonly operations: number;
  readonly unit: 'ops/s' | 'events/s';
  readonly seconds: number;
  readonly throughput: number;
  /** Per operation; null where one operation is the whole run (a catch-up). */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Highest `heapUsed` and `rss` sampled during the measured part only (after a GC when exposed). */
  readonly peakHeapMb: number;
  readonly peakRssMb: number;
  /** Events the library's store holds (or read) afterwards: proof the work was really done. */
  readonly storedEvents: number;
  /** Appends refused for a stale revision and retried (hot stream only). */
  readonly conflicts?: number;
  readonly note?: string;
  /**
   * With `--repeat`: the throughput of every round, in the order run; the other figures are those of the
   * round with the median throughput.
   */
  readonly rounds?: readonly number[];
}

/** The key two results must share to be compared (ours against theirs, or against the SQL floor). */
export const comparisonKey = (result: BenchResult): string =>
  `${result.workload}\u0000${result.variant}\u0000${result.store}`;
