/**
 * `--repeat N`: the whole plan runs N times, one round after another, so each library's runs of a workload
 * are spread over the same stretch of time. A shared machine's speed drifts by tens of percent from one
 * minute to the next; one run each can put either library ahead. Each result reported is the round with the
 * median throughput (the lower of the two middle ones for an even count), with every round's throughput kept
 * beside it.
 */
import type { BenchResult } from './BenchResult.js';
import { comparisonKey } from './BenchResult.js';

export const medianRounds = (results: readonly BenchResult[]): BenchResult[] => {
  const byKey = new Map<string, BenchResult[]>();
  for (const result of results) {
    const key = `${comparisonKey(result)}\u0000${result.library}`;
    const runs = byKey.get(key);
    if (runs === undefined) byKey.set(key, [result]);
    else runs.push(result);
  }
  return [...byKey.values()].map((runs) => {
    if (runs.length === 1) return runs[0] as BenchResult;
    const sorted = [...runs].sort((a, b) => a.throughput - b.throughput);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as BenchResult;
    return { ...median, rounds: runs.map((run) => run.throughput) };
  });
};
