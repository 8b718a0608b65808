/**
 * The harness itself, on the memory store with tiny counts: every workload runs on both libraries, returns
 * a well-formed result, and both libraries really stored (or read) the events the workload made. No
 * timing is asserted: this test proves the benchmark measures real work, not how fast the machine is.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { BenchContext, Sizes } from '../src/BenchContext.js';
import { CONTENDERS } from '../src/BenchContext.js';
import type { BenchResult } from '../src/BenchResult.js';
import { followUpPostedData, reportSubmittedData } from '../src/reportCommands.js';
import { formatTable, ratiosOf } from '../src/table.js';
import { catchUp } from '../src/workloads/catchUp.js';
import { commandHandling } from '../src/workloads/commandHandling.js';
import { hotStream } from '../src/workloads/hotStream.js';
import { rehydration } from '../src/workloads/rehydration.js';

const sizes: Sizes = {
  commands: 30,
  memoryCommands: 40,
  hotCommandsPerWriter: 3,
  hotWriters: 4,
  longStream: 1_205,
  loads: 2,
  memoryLoads: 3,
  memoryLoadWarmUp: 1,
  catchUpEvents: 2_500,
  projectionEvents: 1_500,
  catchUpSeconds: 60,
  warmUp: 10,
  memoryWarmUp: 20,
};
const context: BenchContext = { sizes, stores: ['memory'], postgres: undefined, log: () => undefined };

const wellFormed = (result: BenchResult, store: BenchResult['store'] = 'memory') => {
  expect(result.store).toBe(store);
  expect(result.operations).toBeGreaterThan(0);
  expect(result.seconds).toBeGreaterThan(0);
  expect(result.throughput).toBeGreaterThan(0);
  expect(result.peakHeapMb).toBeGreaterThan(0);
  expect(result.peakRssMb).toBeGreaterThanOrEqual(result.peakHeapMb);
  expect(result.note).toBeUndefined();
  if (result.workload === 'catch-up') expect(result.p50Ms).toBeNull();
  else {
    expect(result.p50Ms).toBeGreaterThanOrEqual(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms ?? 0);
  }
};

describe('the benchmark harness on the memory store', () => {
  it('gives both libraries events of the same data', () => {
    // Emmett's decider records exactly the JSON Adal's commands produce: the payloads weigh the same.
    expect(JSON.stringify(reportSubmittedData()).length).toBeGreaterThan(300);
    expect(followUpPostedData()).toEqual({
      at: expect.any(String),
      author: 'office',
      text: expect.any(Object),
    });
  });

  it.each(CONTENDERS)(
    'command handling (%s): 1 and 16 clients store one event per command',
    async (library) => {
      for (const clients of [1, 16]) {
        const result = await commandHandling(context, 'memory', library, clients);
        wellFormed(result);
        expect(result).toMatchObject({ workload: 'command', library, operations: sizes.memoryCommands });
        expect(result.storedEvents).toBe(sizes.memoryWarmUp + sizes.memoryCommands);
      }
    },
  );

  it.each(CONTENDERS.flatMap((library) => [true, false].map((separate) => [library, separate] as const)))(
    'hot stream (%s, a process per writer: %s): every writer’s command lands on the one stream',
    async (library, separate) => {
      const result = await hotStream(context, 'memory', library, separate);
      wellFormed(result);
      expect(result.storedEvents).toBe(1 + sizes.hotWriters * sizes.hotCommandsPerWriter);
      expect(result.variant).toBe(
        `${sizes.hotWriters} writers, ${separate ? `${sizes.hotWriters} processes` : '1 process'}`,
      );
      // Adal's commands on one stream take turns within a client: its writers sharing one never conflict.
      if (library === 'adal' && !separate) expect(result.conflicts).toBe(0);
    },
  );

  it('rehydration: both libraries load the long stream, Adal also from a snapshot', async () => {
    const results = [
      await rehydration(context, 'memory', 'adal', false),
      await rehydration(context, 'memory', 'adal', true),
      await rehydration(context, 'memory', 'emmett', false),
    ];
    for (const result of results) {
      wellFormed(result);
      expect(result.storedEvents).toBe(sizes.longStream);
      // In memory a load takes milliseconds: more of them, after a longer warm-up, than on a server.
      expect(result.operations).toBe(sizes.memoryLoads);
    }
    expect(ratiosOf(results[1] as BenchResult, results).oursOverTheirs).toBeGreaterThan(0);
  });

  it('PGlite: Adal loads the long stream from a snapshot in its embedded store, and the folder is removed', async () => {
    const result = await rehydration(context, 'pglite', 'adal', true);
    wellFormed(result, 'pglite');
    expect(result).toMatchObject({
      store: 'pglite',
      storedEvents: sizes.longStream,
      operations: sizes.loads,
    });
    const left = readdirSync(tmpdir()).filter((name) =>
      name.startsWith('adal-bench-rehydrate_adal_snapshot-'),
    );
    expect(left).toEqual([]);
  });

  it('catch-up: Adal reads every seeded event; Emmett has no in-memory $all reader', async () => {
    const read = await catchUp(context, 'memory', 'adal', 'read $all');
    const projected = await catchUp(context, 'memory', 'adal', 'projection');
    expect(read?.storedEvents).toBe(sizes.catchUpEvents);
    expect(projected?.storedEvents).toBe(sizes.projectionEvents);
    for (const result of [read, projected]) if (result !== undefined) wellFormed(result);
    expect(await catchUp(context, 'memory', 'emmett', 'read $all')).toBeUndefined();
  });

  it('prints one table row per result with ours/theirs ratios', async () => {
    const results = await Promise.all(
      CONTENDERS.map((library) => commandHandling(context, 'memory', library, 1)),
    );
    const table = formatTable(results).split('\n');
    expect(table).toHaveLength(2 + results.length);
    expect(ratiosOf(results[0] as BenchResult, results).oursOverTheirs).toBeGreaterThan(0);
  });
});
