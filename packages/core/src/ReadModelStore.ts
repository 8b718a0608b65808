import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import type { Option } from 'fp-ts/lib/Option.js';
import type { GlobalPosition } from './GlobalPosition.js';
import type { JsonValue } from './Json.js';
import type { DocumentChange } from './Projection.js';
import type { StoreUnavailable } from './StoreError.js';
import type { ValidationError, ValidationIssue } from './ValidationError.js';
import { validationError } from './ValidationError.js';

/**
 * Where one generation of a projection stands. A projection has at most one `live` generation (the one
 * queries read) and, during a rebuild, one `building` generation filling up beside it.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ProjectionGeneration {
  readonly name: string;
  readonly generation: number;
  /** The projection's version that built this generation. */
  readonly version: number;
  readonly status: 'live' | 'building';
  /** The position of the last event applied (absent before the first). */
  readonly position: GlobalPosition | undefined;
  /** How many events of its sources this generation has applied. */
  readonly eventsHandled: number;
  readonly startedAt: Date;
  readonly updatedAt: Date;
}

/**
 * A commit of a batch: the generation's documents change and its checkpoint moves, together, but only if
 * the checkpoint still stands at `expected` (so a runner that lost its lease, or two runners at once, can
 * never apply an event twice).
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReadModelCommit {
  readonly name: string;
  readonly generation: number;
  readonly expected: GlobalPosition | undefined;
  readonly position: GlobalPosition;
  readonly eventsHandled: number;
  readonly changes: readonly DocumentChange<JsonValue>[];
}

/**
 * The commit was refused: the checkpoint had moved (another runner applied these events) or the generation
 * is gone (retired by a rebuild). Nothing was written.
 *
 * @category read models
 * @since 0.1.0
 */
export interface CheckpointMoved {
  readonly _tag: 'CheckpointMoved';
  readonly name: string;
  readonly generation: number;
  readonly expected: GlobalPosition | undefined;
  readonly actual: GlobalPosition | undefined | 'no_generation';
  readonly message: string;
}

/**
 * Which documents of a live read model to list: ids starting with `prefix`, whose top-level fields equal
 * the values of `where` (a list of values matches any of them; values are scalars), after the id `after`, at most `limit`
 * (100 by default, 10,000 at most), in id order.
 *
 * @category read models
 * @since 0.1.0
 */
export interface DocumentQuery {
  readonly prefix?: string;
  readonly where?: Readonly<Record<string, FieldValue | readonly FieldValue[]>>;
  readonly after?: string;
  readonly limit?: number;
}

/**
 * A value a query compares a top-level field with.
 *
 * @category read models
 * @since 0.1.0
 */
export type FieldValue = string | number | boolean | null;

/**
 * One page of documents. `next` is the `after` of the following page; absent at the end.
 *
 * @category read models
 * @since 0.1.0
 */
export interface DocumentPage {
  readonly documents: readonly { readonly id: string; readonly document: JsonValue }[];
  readonly next?: string;
}

/**
 * The read-model store port: documents of projections, kept per generation, committed together with the
 * generation's checkpoint (in one transaction on PostgreSQL), and queried from the live generation.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReadModelStore {
  /** The generations of every projection the store holds. */
  readonly listGenerations: () => TE.TaskEither<StoreUnavailable, readonly ProjectionGeneration[]>;
  /**
   * Starts a new generation of a projection: `live` when it has none, else `building` (a rebuild). A
   * building generation that already exists is dropped first (a rebuild started again starts over).
   */
  readonly startGeneration: (
    name: string,
    version: number,
  ) => TE.TaskEither<StoreUnavailable, ProjectionGeneration>;
  /** Loads documents of one generation by id (absent ids are absent from the map). */
  readonly loadDocuments: (
    name: string,
    generation: number,
    ids: readonly string[],
  ) => TE.TaskEither<StoreUnavailable, ReadonlyMap<string, JsonValue>>;
  /** Applies a batch's changes and moves the checkpoint, atomically, if the checkpoint is as expected. */
  readonly commit: (commit: ReadModelCommit) => TE.TaskEither<StoreUnavailable | CheckpointMoved, void>;
  /**
   * Makes a building generation live, in one step: queries read it from then on, and the generation that
   * was live is deleted with its documents.
   */
  readonly promote: (name: string, generation: number) => TE.TaskEither<StoreUnavailable, void>;
  /** Deletes a projection's generation and its documents. */
  readonly dropGeneration: (name: string, generation: number) => TE.TaskEither<StoreUnavailable, void>;
  /** One document of the live generation. */
  readonly getDocument: (name: string, id: string) => TE.TaskEither<StoreUnavailable, Option<JsonValue>>;
  /** A page of documents of the live generation; a bad query (such as a `limit` out of range) is a `ValidationError`. */
  readonly findDocuments: (
    name: string,
    query?: DocumentQuery,
  ) => TE.TaskEither<StoreUnavailable | ValidationError, DocumentPage>;
}

/**
 * A lease held by one process: while held, no other process holds the same key. `lost` resolves if it
 * ends without `release` (the connection holding it broke); the holder must stop the work it guards.
 *
 * @category read models
 * @since 0.1.0
 */
export interface Lease {
  readonly key: string;
  readonly lost: Promise<void>;
  readonly release: () => Promise<void>;
}

/**
 * The lease port: one owner per projection when several portal instances share a store. PostgreSQL holds
 * a lease as a session advisory lock, which the server releases when the owner's connection dies.
 *
 * @category read models
 * @since 0.1.0
 */
export interface LeaseManager {
  /** Takes the lease if free (`Some`), or tells that another holder has it (`None`). */
  readonly tryAcquire: (key: string) => TE.TaskEither<StoreUnavailable, Option<Lease>>;
}

/** The largest page {@link ReadModelStore.findDocuments} returns. @category read models @since 0.1.0 */
export const MAX_DOCUMENT_PAGE = 10_000;

/** The page {@link ReadModelStore.findDocuments} returns without a `limit`. @category read models @since 0.1.0 */
export const DEFAULT_DOCUMENT_PAGE = 100;

/**
 * Checks a document query: `limit` a whole number from 1 to {@link MAX_DOCUMENT_PAGE} ({@link DEFAULT_DOCUMENT_PAGE}
 * when absent), `prefix` and `after` strings, `where` values scalars or lists of scalars. Every store checks
 * alike.
 *
 * @category read models
 * @since 0.1.0
 */
export const checkDocumentQuery = (
  query: DocumentQuery,
): Either<ValidationError, { readonly limit: number }> => {
  const issues: ValidationIssue[] = [];
  const { limit = DEFAULT_DOCUMENT_PAGE } = query;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_DOCUMENT_PAGE) {
    issues.push({
      path: 'limit',
      message: `expected a page size from 1 to ${MAX_DOCUMENT_PAGE}, got ${String(limit)}`,
    });
  }
  for (const field of ['prefix', 'after'] as const) {
    const value: unknown = query[field];
    if (value !== undefined && typeof value !== 'string') {
      issues.push({ path: field, message: `expected a string, got ${typeof value}` });
    }
  }
  for (const [field, wanted] of Object.entries(query.where ?? {})) {
    const values: readonly unknown[] = Array.isArray(wanted) ? wanted : [wanted];
    if (values.some((value) => value !== null && !['string', 'number', 'boolean'].includes(typeof value))) {
      issues.push({
        path: `where.${field}`,
        message: 'expected a string, number, boolean or null (or a list of them)',
      });
    }
  }
  return issues.length === 0 ? right({ limit }) : left(validationError(issues));
};

/**
 * Builds the refusal of a commit whose checkpoint had moved.
 *
 * @category read models
 * @since 0.1.0
 */
export const checkpointMoved = (
  commit: Pick<ReadModelCommit, 'name' | 'generation' | 'expected'>,
  actual: CheckpointMoved['actual'],
): CheckpointMoved => ({
  _tag: 'CheckpointMoved',
  name: commit.name,
  generation: commit.generation,
  expected: commit.expected,
  actual,
  message:
    actual === 'no_generation'
      ? `projection ${commit.name} has no generation ${commit.generation} any more (a rebuild replaced it)`
      : `projection ${commit.name} generation ${commit.generation} is at ${actual ?? 'the start'}, not at ${commit.expected ?? 'the start'}: another runner applied these events`,
});

/**
 * Whether a document matches a query's `where` (top-level fields equal to scalars; a list of values matches
 * any). The memory store filters with it; PostgreSQL gives the same answers with jsonb containment.
 *
 * @category read models
 * @since 0.1.0
 */
export const matchesWhere = (document: JsonValue, where: DocumentQuery['where']): boolean => {
  if (where === undefined) return true;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return false;
  const record = document as Readonly<Record<string, JsonValue>>;
  return Object.entries(where).every(([field, wanted]) => {
    if (!Object.hasOwn(record, field)) return false;
    const actual = record[field];
    const choices: readonly FieldValue[] = Array.isArray(wanted) ? wanted : [wanted as FieldValue];
    return choices.some((choice) => choice === actual);
  });
};
