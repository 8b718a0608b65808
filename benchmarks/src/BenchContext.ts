/**
 * What every workload is given: the sizes for this run, where each library's store lives, and a way to
 * say what it is doing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Library, StoreKind } from './BenchResult.js';
import type { Contender, ContenderOptions, StoreTarget } from './libraries/Contender.js';
import { openAdal } from './libraries/adalContender.js';
import { openEmmett } from './libraries/emmettContender.js';
import type { BenchPostgres } from './postgresServer.js';

export interface Sizes {
  /** Commands per command-handling run on PostgreSQL (each client gets its share). */
  readonly commands: number;
  /**
   * Commands per command-handling run in memory, where one takes tens of microseconds: enough that the
   * measured part lasts about a second instead of a few milliseconds of timer and GC noise.
   */
  readonly memoryCommands: number;
  /** Commands each writer sends to the hot stream. */
  readonly hotCommandsPerWriter: number;
  readonly hotWriters: number;
  /** Events in the stream that is rehydrated, and how many times it is loaded. */
  readonly longStream: number;
  readonly loads: number;
  /**
   * The same in memory, and the loads before them: a load there takes milliseconds, and three of them would
   * measure code V8 has not optimised yet (the first loads of either library take several times longer).
   */
  readonly memoryLoads: number;
  readonly memoryLoadWarmUp: number;
  /** Events read by the catch-up from `$all`. */
  readonly catchUpEvents: number;
  /** Events the projection variants of the catch-up handle (each stores a checkpoint as it goes). */
  readonly projectionEvents: number;
  /**
   * Seconds a catch-up may read before it is stopped and its rate taken from what it read: a reader whose
   * pages get slower as the log grows (Emmett 0.42 has no index on its global order) would otherwise take
   * the rest of the day.
   */
  readonly catchUpSeconds: number;
  /** Operations run before measuring, on streams of their own. */
  readonly warmUp: number;
  /**
   * The same in memory: V8 compiles a function with its optimising compiler only after thousands of calls,
   * so a hundred commands would measure both libraries' unoptimised code.
   */
  readonly memoryWarmUp: number;
}

/** The commands and warm-up of a command-handling run on `store`. */
export const commandCounts = (sizes: Sizes, store: StoreKind): { commands: number; warmUp: number } =>
  store === 'memory'
    ? { commands: sizes.memoryCommands, warmUp: sizes.memoryWarmUp }
    : { commands: sizes.commands, warmUp: sizes.warmUp };

/** The loads and warm-up loads of a rehydration run on `store`. */
export const loadCounts = (sizes: Sizes, store: StoreKind): { loads: number; warmUp: number } =>
  store === 'memory'
    ? { loads: sizes.memoryLoads, warmUp: sizes.memoryLoadWarmUp }
    : { loads: sizes.loads, warmUp: 3 };

export const sizesFor = (quick: boolean, events: number | undefined): Sizes =>
  quick
    ? {
        commands: 100,
        memoryCommands: 200,
        hotCommandsPerWriter: 5,
        hotWriters: 8,
        longStream: 1_000,
        loads: 5,
        memoryLoads: 20,
        memoryLoadWarmUp: 10,
        catchUpEvents: events ?? 10_000,
        projectionEvents: Math.min(events ?? 10_000, 5_000),
        catchUpSeconds: 30,
        warmUp: 10,
        memoryWarmUp: 50,
      }
    : {
        commands: 2_000,
        memoryCommands: 20_000,
        hotCommandsPerWriter: 40,
        hotWriters: 8,
        longStream: 10_000,
        loads: 30,
        memoryLoads: 200,
        memoryLoadWarmUp: 50,
        catchUpEvents: events ?? 1_000_000,
        projectionEvents: Math.min(events ?? 1_000_000, 100_000),
        catchUpSeconds: 120,
        warmUp: 100,
        memoryWarmUp: 5_000,
      };

export interface BenchContext {
  readonly sizes: Sizes;
  readonly stores: readonly StoreKind[];
  /** The shared server, when the run includes PostgreSQL. */
  readonly postgres: BenchPostgres | undefined;
  readonly log: (line: string) => void;
}

/** A fresh store for one run: memory, or a new database named after the run. */
export const targetFor = async (
  context: BenchContext,
  store: StoreKind,
  name: string,
): Promise<StoreTarget> => {
  if (store === 'memory') return { kind: 'memory' };
  if (store === 'pglite') return { kind: 'pglite', dir: mkdtempSync(join(tmpdir(), `adal-bench-${name}-`)) };
  if (context.postgres === undefined) throw new Error('PostgreSQL was not started');
  return { kind: 'postgres', url: await context.postgres.database(name) };
};

export const openContender = (
  library: Exclude<Library, 'sql'>,
  target: StoreTarget,
  options: ContenderOptions = {},
): Promise<Contender> => (library === 'adal' ? openAdal(target, options) : openEmmett(target, options));

export const CONTENDERS: readonly Exclude<Library, 'sql'>[] = ['adal', 'emmett'];
