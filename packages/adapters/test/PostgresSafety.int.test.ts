import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, openPostgresEventStore, pgDriver } from '../src/postgres.js';
import type { TestPostgres } from './support/postgres.js';
import { endPool, randomSchema, startPostgres } from './support/postgres.js';

describe('a server that could lose acknowledged appends', () => {
  let postgres: TestPostgres;
  let pool: Pool;

  beforeAll(async () => {
    // Always our own server: the settings under test are the server's.
    postgres = await startPostgres({
      embedded: true,
      postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    });
    pool = new Pool({ connectionString: postgres.url });
  }, 120_000);

  afterAll(async () => {
    await endPool(pool);
    await postgres.stop();
  }, 60_000);

  it('is refused at start with UnsafeDatabase naming the setting, and nothing is created', async () => {
    const schema = randomSchema();
    const opened = await openPostgresEventStore({ driver: pgDriver(pool), schema })();
    expect(opened._tag === 'Left' && opened.left).toMatchObject({
      _tag: 'UnsafeDatabase',
      setting: 'fsync',
      value: 'off',
    });
    expect(opened._tag === 'Left' ? opened.left.message : '').toMatch(/^fsync: /);
    const schemas = await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      schema,
    ]);
    expect(schemas.rowCount).toBe(0);
  });

  it('is accepted with unsafe: true', async () => {
    const schema = randomSchema();
    const opened = await openPostgresEventStore({ driver: pgDriver(pool), schema, unsafe: true })();
    expect(opened._tag).toBe('Right');
    if (opened._tag === 'Right') await opened.right.close();
  });
});

describe('migrations', () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    await postgres.stop();
  }, 60_000);

  it('run once when several processes start at once, and again changes nothing', async () => {
    const schema = randomSchema();
    // Each opener has its own pool, so the migrations race on separate server connections.
    const pools = Array.from({ length: 6 }, () => new Pool({ connectionString: postgres.url, max: 2 }));
    try {
      const opened = await Promise.all(
        pools.map((pool) => openPostgresEventStore({ driver: pgDriver(pool), schema })()),
      );
      for (const result of opened) expect(result._tag).toBe('Right');
      const [first] = pools;
      if (first === undefined) throw new Error('no pool');
      const applied = await first.query(`SELECT version FROM ${schema}.migrations ORDER BY version`);
      expect(applied.rows.map((r: { version: number }) => r.version)).toEqual(
        MIGRATIONS.map((m) => m.version),
      );
      const again = await openPostgresEventStore({ driver: pgDriver(first), schema })();
      expect(again._tag).toBe('Right');
      const after = await first.query(`SELECT count(*)::int AS n FROM ${schema}.migrations`);
      expect(after.rows[0]).toEqual({ n: MIGRATIONS.length });
      for (const result of opened) if (result._tag === 'Right') await result.right.close();
      await first.query(`DROP SCHEMA ${schema} CASCADE`);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  }, 60_000);
});
