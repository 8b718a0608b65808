import type {
  CheckpointMoved,
  DocumentPage,
  ValidationError,
  DocumentQuery,
  JsonValue,
  ProjectionGeneration,
  ReadModelStore,
  StoreUnavailable,
} from '@adal/core';
import { checkDocumentQuery, checkpointMoved, matchesWhere } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/**
 * The in-memory read-model store: documents per projection generation with their checkpoint, each commit
 * applied whole (nothing else runs between its changes). For tests, demos and development; it keeps
 * nothing across restarts.
 *
 * @category memory
 * @since 0.1.0
 */
export const createMemoryReadModelStore = (clock: () => Date = () => new Date()): ReadModelStore => {
  interface Generation {
    info: ProjectionGeneration;
    documents: Map<string, JsonValue>;
  }
  const generations = new Map<string, Generation[]>();
  const of = (name: string): Generation[] => generations.get(name) ?? [];
  const find = (name: string, generation: number) => of(name).find((g) => g.info.generation === generation);
  const live = (name: string) => of(name).find((g) => g.info.status === 'live');
  // Documents are stored as JSON text: readers get copies, and a caller mutating what it passed or got
  // cannot change the store.
  const copy = (value: JsonValue): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue;
  const ok =
    <A>(value: A): TE.TaskEither<never, A> =>
    () =>
      Promise.resolve(E.right(value));

  return {
    listGenerations: () => ok([...generations.values()].flat().map((g) => g.info)),
    startGeneration: (name, version) => {
      const kept = of(name).filter((g) => g.info.status === 'live');
      const next = Math.max(0, ...of(name).map((g) => g.info.generation)) + 1;
      const now = clock();
      const info: ProjectionGeneration = {
        name,
        generation: next,
        version,
        status: kept.length === 0 ? 'live' : 'building',
        position: undefined,
        eventsHandled: 0,
        startedAt: now,
        updatedAt: now,
      };
      generations.set(name, [...kept, { info, documents: new Map() }]);
      return ok(info);
    },
    loadDocuments: (name, generation, ids) => {
      const documents = find(name, generation)?.documents;
      const found = new Map<string, JsonValue>();
      for (const id of ids) {
        const document = documents?.get(id);
        if (document !== undefined) found.set(id, copy(document));
      }
      return ok(found);
    },
    commit: (commit) => () => {
      const target = find(commit.name, commit.generation);
      if (target === undefined || target.info.position !== commit.expected) {
        const moved: CheckpointMoved = checkpointMoved(commit, target?.info.position ?? 'no_generation');
        return Promise.resolve(E.left<StoreUnavailable | CheckpointMoved>(moved));
      }
      for (const change of commit.changes) {
        if (change.op === 'put') target.documents.set(change.id, copy(change.document));
        else target.documents.delete(change.id);
      }
      target.info = {
        ...target.info,
        position: commit.position,
        eventsHandled: commit.eventsHandled,
        updatedAt: clock(),
      };
      return Promise.resolve(E.right(undefined));
    },
    promote: (name, generation) => {
      const target = find(name, generation);
      if (target !== undefined) {
        target.info = { ...target.info, status: 'live', updatedAt: clock() };
        generations.set(name, [target]);
      }
      return ok(undefined);
    },
    dropGeneration: (name, generation) => {
      generations.set(
        name,
        of(name).filter((g) => g.info.generation !== generation),
      );
      return ok(undefined);
    },
    getDocument: (name, id) => {
      const document = live(name)?.documents.get(id);
      return ok(document === undefined ? O.none : O.some(copy(document)));
    },
    findDocuments: (name, query: DocumentQuery = {}) => {
      const checked = checkDocumentQuery(query);
      if (E.isLeft(checked))
        return () => Promise.resolve(E.left<StoreUnavailable | ValidationError>(checked.left));
      const { limit } = checked.right;
      const documents = live(name)?.documents ?? new Map<string, JsonValue>();
      const ids = [...documents.keys()]
        .filter(
          (id) =>
            (query.prefix === undefined || id.startsWith(query.prefix)) &&
            (query.after === undefined || id > query.after),
        )
        .sort();
      const page: { id: string; document: JsonValue }[] = [];
      let more = false;
      for (const id of ids) {
        const document = documents.get(id);
        if (document === undefined || !matchesWhere(document, query.where)) continue;
        if (page.length === limit) {
          more = true;
          break;
        }
        page.push({ id, document: copy(document) });
      }
      const last = page[page.length - 1]?.id;
      const result: DocumentPage =
        more && last !== undefined ? { documents: page, next: last } : { documents: page };
      return ok(result);
    },
  };
};
