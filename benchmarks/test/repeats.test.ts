/**
 * `--repeat`: each reported figure is the median round of its own workload, store and library, with every
 * round's throughput kept, and the table shows the spread.
 */
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../src/BenchResult.js';
import { medianRounds } from '../src/repeats.js';
import { formatTable, ratiosOf } from '../src/table.js';

const result = (library: BenchResult['library'], throughput: number, p50Ms: number): BenchResult => ({
  workload: 'command',
  variant: '1 client',
  store: 'memory',
  library,
  operations: 100,
  unit: 'ops/s',
  seconds: 100 / throughput,
  throughput,
  p50Ms,
  p99Ms: p50Ms * 2,
  peakHeapMb: 10,
  peakRssMb: 20,
  storedEvents: 100,
});

describe('medianRounds', () => {
  it('reports the median round of each library, in the order first run, with every round kept', () => {
    // Three rounds of the same plan: Adal then Emmett each time.
    const measured = [
      result('adal', 300, 1),
      result('emmett', 250, 2),
      result('adal', 100, 3),
      result('emmett', 400, 4),
      result('adal', 200, 5),
      result('emmett', 150, 6),
    ];
    const medians = medianRounds(measured);
    expect(medians.map((r) => [r.library, r.throughput, r.p50Ms, r.rounds])).toEqual([
      ['adal', 200, 5, [300, 100, 200]],
      ['emmett', 250, 2, [250, 400, 150]],
    ]);
    expect(ratiosOf(medians[0] as BenchResult, medians).oursOverTheirs).toBe(0.8);
    const table = formatTable(medians).split('\n');
    expect(table[0]).toContain('rounds (min–max)');
    expect(table[2]).toContain('100–300');
    expect(table[3]).toContain('150–400');
  });

  it('takes the lower middle round of an even count, and leaves a single run as it was', () => {
    const medians = medianRounds([result('adal', 300, 1), result('adal', 100, 2), result('emmett', 50, 3)]);
    expect(medians[0]).toMatchObject({ throughput: 100, rounds: [300, 100] });
    expect(medians[1]).toEqual(result('emmett', 50, 3));
    expect(formatTable([result('adal', 1, 1)])).not.toContain('rounds');
  });
});
