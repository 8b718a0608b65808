import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * A query runner: one SQL text with `$1`-style parameters, one round trip, the rows back.
 *
 * @category postgres
 * @since 0.1.0
 */
export type Query = <Row = Record<string, unknown>>(
  text: string,
  params?: readonly unknown[],
) => Promise<Row[]>;

/**
 * The small interface the PostgreSQL adapter runs on, so the same SQL serves a PostgreSQL server (through
 * node-postgres) and PGlite (PostgreSQL compiled to WebAssembly, in the process).
 *
 * @category postgres
 * @since 0.1.0
 */
export interface SqlDriver {
  readonly kind: 'pg' | 'pglite';
  readonly query: Query;
  /** Runs `body` in one transaction (on one connection), committing when it resolves. */
  readonly transaction: <A>(body: (query: Query) => Promise<A>) => Promise<A>;
  /** Calls `onNotify` on each notification on `channel`; resolves to a function that stops listening. */
  readonly listen: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  /**
   * Takes one connection out of the pool for the caller alone (session state such as advisory locks lives
   * on it). Absent when the driver has a single connection (PGlite).
   */
  readonly reserve?: () => Promise<ReservedConnection>;
  readonly close: () => Promise<void>;
}

/**
 * A connection held by one caller. `lost` resolves when the connection breaks (the server then ends its
 * session, releasing whatever the session held); `release` hands it back, or closes it when it broke.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface ReservedConnection {
  readonly query: Query;
  readonly lost: Promise<void>;
  readonly release: () => Promise<void>;
}

/**
 * A driver over a node-postgres pool. The pool is the caller's: `close` ends it only when `ownsPool`.
 *
 * @category postgres
 * @since 0.1.0
 */
export const pgDriver = (pool: Pool, ownsPool = false): SqlDriver => {
  const run =
    (client: Pool | PoolClient): Query =>
    async <Row>(text: string, params: readonly unknown[] = []) =>
      (await client.query(text, [...params])).rows as Row[];
  // Not `pool.query`: it hands the pool back any error, and the pool then closes that connection — also for
  // an error the server raised in the statement, after which the connection is fine. A refused append
  // (WrongExpectedRevision, routine under contention) would then cost a new connection each time.
  const query: Query = async <Row>(text: string, params: readonly unknown[] = []) => {
    const client = await pool.connect();
    // A connection lost while checked out emits 'error' (the query rejects too); unheard, it would crash.
    const onError = () => undefined;
    client.on('error', onError);
    let broken: Error | undefined;
    try {
      return (await client.query(text, [...params])).rows as Row[];
    } catch (error) {
      // Kept only when the statement failed and no transaction is left open on the connection.
      if (!isStatementError(error) || client.getTransactionStatus?.() !== 'I') {
        broken = error instanceof Error ? error : new Error(String(error));
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  };
  return {
    kind: 'pg',
    query,
    transaction: async (body) => {
      const client = await pool.connect();
      const onError = () => undefined;
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await body(run(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release();
      }
    },
    listen: async (channel, onNotify) => {
      const client = await pool.connect();
      // The listening connection stays checked out: if it is lost, notifications stop (subscriptions still
      // poll), and the client's 'error' event must have a listener or it would crash the process.
      const onError = () => undefined;
      client.on('error', onError);
      const handler = (message: { channel: string }) => {
        if (message.channel === channel) onNotify();
      };
      client.on('notification', handler);
      try {
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      } catch (error) {
        client.off('notification', handler);
        client.off('error', onError);
        client.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
        client.off('error', onError);
        client.release();
      };
    },
    reserve: async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      let markLost: () => void = () => undefined;
      const lost = new Promise<void>((resolve) => {
        markLost = resolve;
      });
      const onBroken = (error?: unknown) => {
        broken ??= error instanceof Error ? error : new Error('the connection ended');
        markLost();
      };
      client.on('error', onBroken);
      client.on('end', onBroken);
      return {
        query: async <Row>(text: string, params: readonly unknown[] = []) => {
          try {
            return (await client.query(text, [...params])).rows as Row[];
          } catch (error) {
            if (!isStatementError(error)) onBroken(error);
            throw error;
          }
        },
        lost,
        release: async () => {
          client.off('error', onBroken);
          client.off('end', onBroken);
          // A connection whose session held state is closed rather than handed back, unless the caller
          // cleared it; a broken one is always closed.
          client.release(broken ?? true);
          await Promise.resolve();
        },
      };
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
};

/**
 * An error the server reported for one statement (severity ERROR): the statement failed, the connection is
 * still usable. FATAL and PANIC end the session; errors without a severity come from the connection itself.
 */
const isStatementError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { severity?: unknown }).severity === 'ERROR';

/**
 * A driver over a PGlite database (one connection, in the process).
 *
 * @category postgres
 * @since 0.1.0
 */
export const pgliteDriver = (db: PGlite, ownsDb = false): SqlDriver => ({
  kind: 'pglite',
  query: async <Row>(text: string, params: readonly unknown[] = []) =>
    (await db.query<Row>(text, [...params])).rows,
  transaction: (body) =>
    db.transaction((tx) =>
      body(
        async <Row>(text: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(text, [...params])).rows,
      ),
    ),
  listen: async (channel, onNotify) => {
    const unlisten = await db.listen(channel, () => onNotify());
    return unlisten;
  },
  close: async () => {
    if (ownsDb) await db.close();
  },
});

/** Quotes an identifier for SQL (schema, channel). */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Quotes a text literal for SQL. */
export const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;
