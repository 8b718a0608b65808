/**
 * Which runs a `pnpm bench` makes, in order: every workload on every store, each library in turn, the SQL
 * floor beside the PostgreSQL command runs. A plan is data, so the smoke test runs the same functions.
 */
import type { BenchContext } from './BenchContext.js';
import { CONTENDERS } from './BenchContext.js';
import type { BenchResult, WorkloadName } from './BenchResult.js';
import { catchUp } from './workloads/catchUp.js';
import { commandHandling } from './workloads/commandHandling.js';
import { floor } from './workloads/floor.js';
import { hotStream } from './workloads/hotStream.js';
import { rehydration } from './workloads/rehydration.js';

export interface PlannedRun {
  readonly workload: WorkloadName;
  readonly label: string;
  readonly run: () => Promise<BenchResult | undefined>;
}

const CLIENTS = [1, 16] as const;

export const plan = (context: BenchContext, only: WorkloadName | undefined): PlannedRun[] => {
  const runs: PlannedRun[] = [];
  const wants = (workload: WorkloadName) => only === undefined || only === workload;
  for (const store of context.stores) {
    // PGlite is Adal's embedded default, one connection in the process: Adal alone, one client, the command
    // path and loads (Emmett has no store on it).
    const embedded = store === 'pglite';
    const contenders = embedded ? (['adal'] as const) : CONTENDERS;
    for (const clients of embedded ? [1] : CLIENTS) {
      for (const library of contenders) {
        if (wants('command'))
          runs.push({
            workload: 'command',
            label: `command, ${clients} client(s), ${store}, ${library}`,
            run: () => commandHandling(context, store, library, clients),
          });
      }
      // The floor belongs to the command comparison: `--only command` runs it too.
      if (store === 'postgres' && (wants('command') || wants('floor')))
        runs.push({
          workload: 'floor',
          label: `floor, ${clients} client(s), hand-written SQL`,
          run: () => floor(context, clients),
        });
    }
    for (const separate of [false, true]) {
      for (const library of CONTENDERS) {
        if (wants('hot-stream') && !embedded)
          runs.push({
            workload: 'hot-stream',
            label: `hot stream${separate ? ', a process per writer' : ''}, ${store}, ${library}`,
            run: () => hotStream(context, store, library, separate),
          });
      }
    }
    for (const library of contenders) {
      if (!wants('rehydration')) continue;
      runs.push({
        workload: 'rehydration',
        label: `rehydration, ${store}, ${library}`,
        run: () => rehydration(context, store, library, false),
      });
      if (library === 'adal')
        runs.push({
          workload: 'rehydration',
          label: `rehydration with a snapshot, ${store}, adal`,
          run: () => rehydration(context, store, library, true),
        });
    }
    for (const variant of ['read $all', 'projection'] as const) {
      for (const library of CONTENDERS) {
        if (wants('catch-up') && !embedded)
          runs.push({
            workload: 'catch-up',
            label: `catch-up (${variant}), ${store}, ${library}`,
            run: () => catchUp(context, store, library, variant),
          });
      }
    }
  }
  return runs;
};
