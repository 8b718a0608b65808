import type {
  CheckpointMoved,
  DocumentChange,
  DocumentPage,
  GlobalPosition,
  JsonValue,
  Lease,
  LeaseManager,
  ProjectionGeneration,
  ReadModelStore,
  StoreUnavailable,
  ValidationError,
} from '@adal/core';
import { checkDocumentQuery, checkpointMoved, storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { inProcessLeases } from '../internal/inProcessLeases.js';
import type { ReservedConnection, SqlDriver } from './SqlDriver.js';
import { quoteIdentifier } from './SqlDriver.js';

interface GenerationRow {
  readonly name: string;
  readonly generation: string;
  readonly version: number;
  readonly status: 'live' | 'building';
  readonly position: string | null;
  readonly events_handled: string;
  readonly started_at: Date | string;
  readonly updated_at: Date | string;
}

const toGeneration = (row: GenerationRow): ProjectionGeneration => ({
  name: row.name,
  generation: Number(row.generation),
  version: row.version,
  status: row.status,
  position: (row.position ?? undefined) as GlobalPosition | undefined,
  eventsHandled: Number(row.events_handled),
  startedAt: new Date(row.started_at),
  updatedAt: new Date(row.updated_at),
});

const COLUMNS =
  'name, generation::text, version, status, position, events_handled::text, started_at, updated_at';

/**
 * The read-model store on PostgreSQL: each batch of a projection is one statement that moves the
 * checkpoint (only if it stands where the runner expects) and writes the documents, so a crash leaves
 * either the whole batch or none of it.
 */
export const postgresReadModelStore = (driver: SqlDriver, schema: string): ReadModelStore => {
  const s = quoteIdentifier(schema);
  const task =
    <A>(body: () => Promise<A>): TE.TaskEither<StoreUnavailable, A> =>
    async () => {
      try {
        return E.right(await body());
      } catch (error) {
        return E.left(storeUnavailable(error instanceof Error ? error.message : String(error), error));
      }
    };

  /** Deletes retired generations (their documents go with them). */
  const sweep = (query = driver.query) => query(`DELETE FROM ${s}.projections WHERE status = 'retired'`);

  return {
    listGenerations: () =>
      task(async () =>
        (
          await driver.query<GenerationRow>(
            `SELECT ${COLUMNS} FROM ${s}.projections WHERE status <> 'retired' ORDER BY name, generation`,
          )
        ).map(toGeneration),
      ),
    startGeneration: (name, version) =>
      task(async () => {
        await sweep();
        const [row] = await driver.transaction(async (query) => {
          await query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
            `adal-generation:${schema}:${name}`,
          ]);
          await query(`DELETE FROM ${s}.projections WHERE name = $1 AND status <> 'live'`, [name]);
          return query<GenerationRow>(
            `INSERT INTO ${s}.projections (name, version, status)
             SELECT $1, $2, CASE WHEN EXISTS (SELECT 1 FROM ${s}.projections WHERE name = $1 AND status = 'live')
                                 THEN 'building' ELSE 'live' END
             RETURNING ${COLUMNS}`,
            [name, version],
          );
        });
        if (row === undefined) throw new Error('the new generation was not returned');
        return toGeneration(row);
      }),
    loadDocuments: (name, generation, ids) =>
      task(async () => {
        const rows = await driver.query<{ id: string; document: JsonValue }>(
          `SELECT id, document FROM ${s}.projection_documents
            WHERE projection = $1 AND generation = $2 AND id = ANY($3::text[])`,
          [name, generation, ids],
        );
        return new Map(rows.map((row) => [row.id, row.document]));
      }),
    commit: (commit) => async () => {
      // The last change of each id is the one that counts.
      const last = new Map<string, DocumentChange<JsonValue>>();
      for (const change of commit.changes) last.set(change.id, change);
      const puts: { id: string; document: JsonValue }[] = [];
      const deletes: string[] = [];
      for (const change of last.values()) {
        if (change.op === 'put') puts.push({ id: change.id, document: change.document });
        else deletes.push(change.id);
      }
      try {
        const [row] = await driver.query<{ moved: boolean; exists: boolean; actual: string | null }>(
          `WITH moved AS (
             UPDATE ${s}.projections SET position = $4, events_handled = $5, updated_at = now()
              WHERE name = $1 AND generation = $2 AND status <> 'retired' AND position IS NOT DISTINCT FROM $3
             RETURNING name
           ), removed AS (
             DELETE FROM ${s}.projection_documents
              WHERE projection = $1 AND generation = $2 AND id = ANY($6::text[]) AND EXISTS (SELECT 1 FROM moved)
           ), written AS (
             INSERT INTO ${s}.projection_documents (projection, generation, id, document)
             SELECT $1, $2, x.id, x.document FROM jsonb_to_recordset($7::jsonb) AS x(id text, document jsonb)
              WHERE EXISTS (SELECT 1 FROM moved)
             ON CONFLICT (projection, generation, id) DO UPDATE SET document = EXCLUDED.document
           )
           SELECT EXISTS (SELECT 1 FROM moved) AS moved,
                  EXISTS (SELECT 1 FROM ${s}.projections WHERE name = $1 AND generation = $2 AND status <> 'retired') AS exists,
                  (SELECT position FROM ${s}.projections WHERE name = $1 AND generation = $2) AS actual`,
          [
            commit.name,
            commit.generation,
            commit.expected ?? null,
            commit.position,
            commit.eventsHandled,
            deletes,
            JSON.stringify(puts),
          ],
        );
        if (row?.moved === true) return E.right(undefined);
        const actual: CheckpointMoved['actual'] =
          row?.exists === true ? ((row.actual ?? undefined) as GlobalPosition | undefined) : 'no_generation';
        return E.left<StoreUnavailable | CheckpointMoved>(checkpointMoved(commit, actual));
      } catch (error) {
        return E.left(storeUnavailable(error instanceof Error ? error.message : String(error), error));
      }
    },
    promote: (name, generation) =>
      task(async () => {
        await driver.transaction(async (query) => {
          await query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
            `adal-generation:${schema}:${name}`,
          ]);
          await query(
            `UPDATE ${s}.projections SET status = 'retired', updated_at = now() WHERE name = $1 AND status = 'live' AND generation <> $2`,
            [name, generation],
          );
          await query(
            `UPDATE ${s}.projections SET status = 'live', updated_at = now() WHERE name = $1 AND generation = $2`,
            [name, generation],
          );
        });
        // The replaced generation's documents go after the switch, outside the transaction that made it.
        await sweep();
      }),
    dropGeneration: (name, generation) =>
      task(async () => {
        await driver.query(`DELETE FROM ${s}.projections WHERE name = $1 AND generation = $2`, [
          name,
          generation,
        ]);
      }),
    getDocument: (name, id) =>
      task(async () => {
        const [row] = await driver.query<{ document: JsonValue }>(
          `SELECT d.document FROM ${s}.projection_documents d
             JOIN ${s}.projections p ON p.name = d.projection AND p.generation = d.generation AND p.status = 'live'
            WHERE d.projection = $1 AND d.id = $2`,
          [name, id],
        );
        return row === undefined ? O.none : O.some(row.document);
      }),
    findDocuments:
      (name, query = {}) =>
      async () => {
        const checked = checkDocumentQuery(query);
        if (E.isLeft(checked)) return E.left<StoreUnavailable | ValidationError>(checked.left);
        const { limit } = checked.right;
        const params: unknown[] = [
          name,
          query.prefix === undefined ? null : `${escapeLike(query.prefix)}%`,
          query.after ?? null,
          limit + 1,
        ];
        const conditions = Object.entries(query.where ?? {}).map(([field, wanted]) => {
          const values: readonly unknown[] = Array.isArray(wanted) ? wanted : [wanted];
          params.push(
            field,
            values.map((value) => JSON.stringify(value)),
          );
          return `d.document -> $${params.length - 1}::text = ANY($${params.length}::jsonb[])`;
        });
        try {
          const rows = await driver.query<{ id: string; document: JsonValue }>(
            `SELECT d.id, d.document FROM ${s}.projection_documents d
             JOIN ${s}.projections p ON p.name = d.projection AND p.generation = d.generation AND p.status = 'live'
            WHERE d.projection = $1
              AND ($2::text IS NULL OR d.id LIKE $2::text)
              AND ($3::text IS NULL OR d.id > $3::text)
              ${conditions.map((c) => `AND ${c}`).join('\n              ')}
            ORDER BY d.id
            LIMIT $4`,
            params,
          );
          const documents = rows.slice(0, limit).map((row) => ({ id: row.id, document: row.document }));
          const last = documents[documents.length - 1]?.id;
          const page: DocumentPage =
            rows.length > limit && last !== undefined ? { documents, next: last } : { documents };
          return E.right(page);
        } catch (error) {
          return E.left(storeUnavailable(error instanceof Error ? error.message : String(error), error));
        }
      },
  };
};

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Leases as PostgreSQL session advisory locks, all held on one reserved connection: when this process
 * dies or its connection breaks, the server ends the session and the locks are free for another instance.
 * A heartbeat notices a connection that stopped answering. On PGlite (one process) leases are in-process.
 */
export const postgresLeases = (
  driver: SqlDriver,
  schema: string,
  options: { readonly heartbeatMs?: number } = {},
): LeaseManager & { readonly close: () => Promise<void> } => {
  if (driver.reserve === undefined) return { ...inProcessLeases(), close: () => Promise.resolve() };
  const reserve = driver.reserve;
  const heartbeatMs = options.heartbeatMs ?? 2000;
  let session: Promise<ReservedConnection> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const held = new Map<string, () => void>();

  const drop = (connection: ReservedConnection) => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    session = undefined;
    for (const markLost of held.values()) markLost();
    held.clear();
    void connection.release();
  };

  const connect = (): Promise<ReservedConnection> => {
    session ??= reserve().then((connection) => {
      void connection.lost.then(() => drop(connection));
      timer = setInterval(() => {
        const answered = connection.query('SELECT 1');
        const late = new Promise<'late'>((resolve) =>
          setTimeout(() => resolve('late'), heartbeatMs * 2).unref(),
        );
        void Promise.race([answered, late]).then(
          (result) => {
            if (result === 'late') drop(connection);
          },
          () => drop(connection),
        );
      }, heartbeatMs);
      timer.unref();
      return connection;
    });
    session.catch(() => {
      session = undefined;
    });
    return session;
  };

  return {
    tryAcquire: (key) => async () => {
      // A session may take its own advisory lock again: runners sharing this store are kept apart here.
      if (held.has(key)) return E.right(O.none);
      try {
        const connection = await connect();
        const [row] = await connection.query<{ taken: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken',
          [`${schema}:${key}`],
        );
        if (row?.taken !== true || held.has(key)) return E.right(O.none);
        let markLost: () => void = () => undefined;
        const lost = new Promise<void>((resolve) => {
          markLost = resolve;
        });
        held.set(key, markLost);
        const lease: Lease = {
          key,
          lost,
          release: async () => {
            if (held.get(key) !== markLost) return;
            held.delete(key);
            await connection
              .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`${schema}:${key}`])
              .catch(() => undefined);
          },
        };
        return E.right(O.some(lease));
      } catch (error) {
        return E.left(storeUnavailable(error instanceof Error ? error.message : String(error), error));
      }
    },
    close: async () => {
      const current = session;
      if (current === undefined) return;
      const connection = await current.catch(() => undefined);
      if (connection !== undefined) drop(connection);
    },
  };
};
