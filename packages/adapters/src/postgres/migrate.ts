import { MIGRATIONS } from './migrations.js';
import type { SqlDriver } from './SqlDriver.js';
import { quoteIdentifier, quoteLiteral } from './SqlDriver.js';

/**
 * Applies the migrations a schema lacks, in order, each in the transaction that records it. An advisory
 * lock keyed by the schema's name makes processes that start together take turns, so each migration runs
 * once. Returns the versions it applied.
 *
 * @category postgres
 * @since 0.1.0
 */
export const migrate = async (driver: SqlDriver, schema: string): Promise<number[]> => {
  const s = quoteIdentifier(schema);
  return driver.transaction(async (query) => {
    await query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`adal-migrations:${schema}`]);
    await query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await query(
      `CREATE TABLE IF NOT EXISTS ${s}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await query<{ version: number }>(`SELECT version FROM ${s}.migrations`)).map((r) => Number(r.version)),
    );
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      const sql = migration.sql
        .replaceAll('{schema}', s)
        .replaceAll('{channel}', quoteLiteral(`${schema}_events`));
      for (const statement of splitStatements(sql)) await query(statement);
      await query(`INSERT INTO ${s}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
};

/**
 * Splits a migration into statements at semicolons that end a line, leaving dollar-quoted function bodies
 * whole (node-postgres runs one statement per parameterised query; PGlite's query does too).
 */
const splitStatements = (sql: string): string[] => {
  const statements: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (/^\s*--/.test(line) && !inBody) continue;
    current += `${line}\n`;
    if ((line.match(/\$fn\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim() !== '') statements.push(current.trim());
  return statements;
};
