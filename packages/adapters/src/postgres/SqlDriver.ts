import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * A query runner: one SQL text with `$1`-style parameters, one round trip, the rows back.
 *
 * @category postgres
 * @since 0.1.0
 */
export type Query = <Row = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<Row[]>;

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
  readonly close: () => Promise<void>;
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
  return {
    kind: 'pg',
    query: run(pool),
    transaction: async (body) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await body(run(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (channel, onNotify) => {
      const client = await pool.connect();
      const handler = (message: { channel: string }) => {
        if (message.channel === channel) onNotify();
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
};

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
    db.transaction((tx) => body(async <Row>(text: string, params: readonly unknown[] = []) => (await tx.query<Row>(text, [...params])).rows)),
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
