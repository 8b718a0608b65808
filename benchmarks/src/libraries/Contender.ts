/**
 * What each library offers the workloads, behind one shape so that a workload is written once and run on
 * both. Every method throws on a failure the workload did not expect: a benchmark that counts a refused
 * command as done would flatter whoever refuses fastest.
 */
import type { Library } from '../BenchResult.js';

export interface Contender {
  readonly library: Exclude<Library, 'sql'>;
  /** Load → decide → append of `SubmitReport` on a new stream. */
  readonly submit: (stream: string) => Promise<void>;
  /** Load → decide → append of `PostFollowUp`; retries on a stale revision as the library does. */
  readonly followUp: (stream: string) => Promise<void>;
  /** Loads the report's state from its events (and Adal's snapshot, when enabled) and nothing else. */
  readonly rehydrate: (stream: string) => Promise<void>;
  /** Builds a submitted report with `events` events in all, appending in large batches. */
  readonly seedLongStream: (stream: string, events: number) => Promise<void>;
  /** How many events the library's store holds for these streams. */
  readonly storedEvents: (streams: readonly string[]) => Promise<number>;
  /**
   * A second writer on the same store as another portal instance would be: its own client (Adal: its own
   * cached states and turns) or its own command handler (Emmett), sharing only the store and the counts.
   */
  readonly otherProcess: () => Pick<Contender, 'followUp'>;
  /** Appends refused for a stale revision so far (then retried). */
  readonly conflicts: () => number;
  readonly close: () => Promise<void>;
}

/** Where a contender keeps its events: in the process, or in a database of the shared server. */
export type StoreTarget =
  | { readonly kind: 'memory' }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dir: string };

export interface ContenderOptions {
  /** Adal only: a snapshot policy on the report, and the store as snapshot store. */
  readonly snapshots?: boolean;
  /** Tries after a stale revision; the hot stream raises it so that no command gives up. */
  readonly maxRetries?: number;
  /**
   * Adal only: keep no stream states between commands, so every command and load reads its stream (the
   * rehydration workload measures loads, which a kept state would skip).
   */
  readonly coldLoads?: boolean;
}

/** The batch size of seeding: Adal's default limit of events per append. */
export const SEED_BATCH = 1000;

/**
 * Connections each library's pool may open on PostgreSQL: more than the 16 concurrent clients. With its
 * default pool of 10, Emmett 0.42's command handler deadlocks under 16 clients (each `withSession` holds a
 * connection while waiting for another from the same pool), so both libraries get this one size.
 */
export const POOL_SIZE = 20;
