/**
 * The comparison: ours against theirs on the same workload and store, and every PostgreSQL command
 * result against the hand-written SQL floor. A ratio above 1 means Adal (or the library) is faster.
 */
import type { BenchResult } from './BenchResult.js';
import { comparisonKey } from './BenchResult.js';

export interface Ratios {
  /** Adal's throughput over Emmett's, on Adal's rows. */
  readonly oursOverTheirs?: number;
  /** The row's throughput over the SQL floor's, on PostgreSQL command rows. */
  readonly overFloor?: number;
}

const SNAPSHOT = ', snapshot';

export const ratiosOf = (result: BenchResult, all: readonly BenchResult[]): Ratios => {
  const find = (library: BenchResult['library'], variant: string) =>
    all.find((r) => r.library === library && comparisonKey(r) === comparisonKey({ ...result, variant }));
  // Emmett has no snapshots: Adal's snapshot load is compared with Emmett's full load.
  const theirs = result.library === 'adal' ? find('emmett', result.variant.replace(SNAPSHOT, '')) : undefined;
  const floor = result.library === 'sql' ? undefined : find('sql', result.variant);
  return {
    ...(theirs === undefined ? {} : { oursOverTheirs: ratio(result.throughput, theirs.throughput) }),
    ...(floor === undefined ? {} : { overFloor: ratio(result.throughput, floor.throughput) }),
  };
};

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

const show = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined ? '—' : value.toLocaleString('en', { maximumFractionDigits: digits });

/** A fixed-width table for the terminal (and the README), one row per result. */
export const formatTable = (results: readonly BenchResult[]): string => {
  // Repeated runs show the lowest and highest round beside the median.
  const repeated = results.some((r) => (r.rounds?.length ?? 0) > 1);
  const header = [
    'workload',
    'variant',
    'store',
    'library',
    'throughput',
    ...(repeated ? ['rounds (min–max)'] : []),
    'p50 ms',
    'p99 ms',
    'heap MB',
    'RSS MB',
    'events',
    'ours/theirs',
    '÷ floor',
  ];
  const rows = results.map((r) => {
    const ratios = ratiosOf(r, results);
    return [
      r.workload,
      r.variant,
      r.store,
      r.library,
      `${show(r.throughput, 0)} ${r.unit}`,
      ...(repeated
        ? [
            r.rounds === undefined
              ? '—'
              : `${show(Math.min(...r.rounds), 0)}–${show(Math.max(...r.rounds), 0)}`,
          ]
        : []),
      show(r.p50Ms),
      show(r.p99Ms),
      show(r.peakHeapMb, 0),
      show(r.peakRssMb, 0),
      `${show(r.storedEvents, 0)}${r.conflicts === undefined ? '' : ` (${r.conflicts} conflicts)`}`,
      show(ratios.oursOverTheirs),
      show(ratios.overFloor),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
};
