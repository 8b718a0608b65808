import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import type { AllFilter } from './EventStore.js';
import type { EventRegistry } from './EventRegistry.js';
import type { JsonValue } from './Json.js';
import type { RecordedEvent } from './RecordedEvent.js';
import type { ValidationError } from './ValidationError.js';
import { toValidationError } from './ValidationError.js';

/**
 * One change a projection makes to its documents: put (create or replace) or delete.
 *
 * @category projections
 * @since 0.1.0
 */
export type DocumentChange<Doc> =
  | { readonly op: 'put'; readonly id: string; readonly document: Doc }
  | { readonly op: 'delete'; readonly id: string };

/**
 * The documents a projection asked for with `reads`, as they stand before the event (absent: `undefined`).
 *
 * @category projections
 * @since 0.1.0
 */
export type DocumentView<Doc> = (id: string) => Doc | undefined;

/**
 * The events a projection reads, by stream category: `{ case: CorruptionCaseEvents }` reads the events of
 * `case-…` streams and decodes them with that registry (upcasting old schema versions).
 *
 * @category projections
 * @since 0.1.0
 */
export type ProjectionSources = Readonly<
  Record<string, EventRegistry<{ readonly type: string; readonly data: unknown }>>
>;

/**
 * The decoded events of a projection's sources.
 *
 * @category projections
 * @since 0.1.0
 */
export type SourceEvent<S extends ProjectionSources> =
  S[keyof S] extends EventRegistry<infer Ev> ? Ev : never;

/**
 * A projection: a pure reducer from events to read-model documents (JSON, keyed by id), run by the
 * client's projection runner over `$all` and stored with its checkpoint.
 *
 * For each event, the runner loads the documents named by `reads`, then calls `apply` with them and stores
 * the changes it returns (which may also create documents it did not read). Both functions are pure: the
 * same events always give the same documents, so a rebuild from the start reproduces the read model.
 *
 * Bump `version` whenever `apply` changes meaning: the runner then rebuilds the read model from the start
 * beside the old one, which keeps serving until the new one has caught up.
 *
 * @category projections
 * @since 0.1.0
 */
export interface Projection<S extends ProjectionSources = ProjectionSources, Doc = JsonValue> {
  /** Lower-case letters, digits and dashes, e.g. `case-statistics`. */
  readonly name: string;
  /** A positive integer, bumped when the reducer changes. */
  readonly version: number;
  readonly sources: S;
  /** How a document is stored (as JSON) and read back. */
  readonly document: t.Type<Doc, JsonValue, unknown>;
  /** The ids of the documents `apply` needs to see for this event. */
  readonly reads: (event: SourceEvent<S>, recorded: RecordedEvent) => readonly string[];
  /** The changes this event makes, given the documents named by `reads`. */
  readonly apply: (
    event: SourceEvent<S>,
    recorded: RecordedEvent,
    documents: DocumentView<Doc>,
  ) => readonly DocumentChange<Doc>[];
}

/**
 * A projection of any sources and document type: what a runner takes a list of.
 *
 * @category projections
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of projections holds different document types
export type AnyProjection = Projection<any, any>;

/**
 * Declares a projection, inferring its event and document types.
 *
 * @category projections
 * @since 0.1.0
 */
export const defineProjection = <S extends ProjectionSources, Doc>(
  projection: Projection<S, Doc>,
): Projection<S, Doc> => {
  if (!PROJECTION_NAME.test(projection.name)) {
    throw new Error(
      `a projection's name is lower-case letters, digits and dashes (up to 63), got ${JSON.stringify(projection.name)}`,
    );
  }
  if (!Number.isInteger(projection.version) || projection.version < 1) {
    throw new Error(
      `projection ${projection.name}: version must be a positive integer, got ${projection.version}`,
    );
  }
  return projection;
};

const PROJECTION_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * The common case: each event changes at most one document, found by `id`; `evolve` gives its new state
 * (`null` deletes it). Events for which `id` returns `undefined` are ignored.
 *
 * @example
 * import { documentProjection, CitizenReportEvents } from '@adal/core';
 * // documentProjection({ name: 'report-titles', version: 1, sources: { report: CitizenReportEvents },
 * //   document: t.string, id: (_, recorded) => recorded.streamName, evolve: (doc, event) => ... })
 *
 * @category projections
 * @since 0.1.0
 */
export const documentProjection = <S extends ProjectionSources, Doc>(definition: {
  readonly name: string;
  readonly version: number;
  readonly sources: S;
  readonly document: t.Type<Doc, JsonValue, unknown>;
  readonly id: (event: SourceEvent<S>, recorded: RecordedEvent) => string | undefined;
  readonly evolve: (document: Doc | undefined, event: SourceEvent<S>, recorded: RecordedEvent) => Doc | null;
}): Projection<S, Doc> =>
  defineProjection({
    name: definition.name,
    version: definition.version,
    sources: definition.sources,
    document: definition.document,
    reads: (event, recorded) => {
      const id = definition.id(event, recorded);
      return id === undefined ? [] : [id];
    },
    apply: (event, recorded, documents) => {
      const id = definition.id(event, recorded);
      if (id === undefined) return [];
      const next = definition.evolve(documents(id), event, recorded);
      return [next === null ? { op: 'delete', id } : { op: 'put', id, document: next }];
    },
  });

/**
 * The `$all` filter that delivers a projection's events: its categories' streams and its registries' types.
 *
 * @category projections
 * @since 0.1.0
 */
export const projectionFilter = (projection: Pick<Projection, 'sources'>): AllFilter => {
  const categories = Object.keys(projection.sources);
  const types = new Set<string>();
  for (const registry of Object.values(projection.sources))
    for (const type of registry.types.keys()) types.add(type);
  return { streamPrefixes: categories.map((category) => `${category}-`), eventTypes: [...types].sort() };
};

/**
 * Why a projection could not apply an event: its data does not decode (a bug, or an event written by a
 * newer version of the domain), or the reducer threw.
 *
 * @category projections
 * @since 0.1.0
 */
export interface ProjectionFailed {
  readonly _tag: 'ProjectionFailed';
  readonly projection: string;
  readonly eventId: string;
  readonly streamName: string;
  readonly message: string;
}

/**
 * Decodes a recorded event for a projection: `Right(undefined)` when the projection does not read it
 * (another category, or a type its registry does not know), `Left` when its data is bad.
 *
 * @category projections
 * @since 0.1.0
 */
export const decodeForProjection = <S extends ProjectionSources>(
  projection: Pick<Projection<S, never>, 'name' | 'sources'>,
  recorded: RecordedEvent,
): E.Either<ProjectionFailed, SourceEvent<S> | undefined> => {
  const category = recorded.streamName.slice(0, Math.max(0, recorded.streamName.indexOf('-')));
  const registry = Object.hasOwn(projection.sources, category) ? projection.sources[category] : undefined;
  if (registry === undefined || !registry.has(recorded.type)) return E.right(undefined);
  const decoded: E.Either<ValidationError, unknown> = registry.decode(recorded);
  return E.isRight(decoded)
    ? E.right(decoded.right as SourceEvent<S>)
    : E.left(failed(projection.name, recorded, `its data does not decode: ${decoded.left.message}`));
};

/**
 * Applies one event to a projection over documents held in a map (the working set of a batch), returning
 * the changes. The map is updated in place. Used by the runner and by {@link projectEvents}.
 *
 * @category projections
 * @since 0.1.0
 */
export const applyToDocuments = <S extends ProjectionSources, Doc>(
  projection: Projection<S, Doc>,
  event: SourceEvent<S>,
  recorded: RecordedEvent,
  documents: Map<string, Doc | undefined>,
): E.Either<ProjectionFailed, readonly DocumentChange<Doc>[]> => {
  try {
    const changes = projection.apply(event, recorded, (id) => documents.get(id));
    for (const change of changes) {
      documents.set(change.id, change.op === 'put' ? change.document : undefined);
    }
    return E.right(changes);
  } catch (error) {
    return E.left(
      failed(
        projection.name,
        recorded,
        `the reducer threw: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
};

/**
 * Runs a projection over events in memory and returns its documents: what the runner would store, without
 * a store. Meant for tests and for small read models built on the fly.
 *
 * @example
 * import { projectEvents } from '@adal/core';
 * // const documents = projectEvents(caseStatistics, events); // Right(Map { 'year:2018:KZ-71' => {...} })
 *
 * @category projections
 * @since 0.1.0
 */
export const projectEvents = <S extends ProjectionSources, Doc>(
  projection: Projection<S, Doc>,
  events: Iterable<RecordedEvent>,
): E.Either<ProjectionFailed, ReadonlyMap<string, Doc>> => {
  const documents = new Map<string, Doc | undefined>();
  for (const recorded of events) {
    const decoded = decodeForProjection(projection, recorded);
    if (E.isLeft(decoded)) return decoded;
    if (decoded.right === undefined) continue;
    const applied = applyToDocuments(projection, decoded.right, recorded, documents);
    if (E.isLeft(applied)) return applied;
  }
  const result = new Map<string, Doc>();
  for (const [id, document] of documents) if (document !== undefined) result.set(id, document);
  return E.right(result);
};

/**
 * Encodes a projection's document changes to JSON for a read-model store, checking each document against
 * the projection's codec first (a reducer returning a malformed document is a bug, reported as such).
 *
 * @category projections
 * @since 0.1.0
 */
export const encodeChanges = <Doc>(
  projection: Pick<Projection<ProjectionSources, Doc>, 'name' | 'document'>,
  changes: Iterable<DocumentChange<Doc>>,
): E.Either<string, DocumentChange<JsonValue>[]> => {
  const encoded: DocumentChange<JsonValue>[] = [];
  for (const change of changes) {
    if (change.op === 'delete') {
      encoded.push(change);
      continue;
    }
    const json = projection.document.encode(change.document);
    const checked = projection.document.decode(json);
    if (E.isLeft(checked)) {
      return E.left(
        `projection ${projection.name} produced a bad document ${change.id}: ${toValidationError(checked.left).message}`,
      );
    }
    encoded.push({ op: 'put', id: change.id, document: json });
  }
  return E.right(encoded);
};

const failed = (projection: string, recorded: RecordedEvent, reason: string): ProjectionFailed => ({
  _tag: 'ProjectionFailed',
  projection,
  eventId: recorded.id,
  streamName: recorded.streamName,
  message: `projection ${projection} cannot apply event ${recorded.id} (${recorded.type} in ${recorded.streamName}): ${reason}`,
});
