import type { SqlDriver } from './SqlDriver.js';

/**
 * The first setting of the server that could lose a committed write in a crash (`fsync=off` or
 * `synchronous_commit=off`), or `undefined` when both are on. PGlite has no such settings to check.
 */
export const unsafeSetting = async (
  driver: SqlDriver,
): Promise<{ readonly setting: 'fsync' | 'synchronous_commit'; readonly value: string } | undefined> => {
  if (driver.kind !== 'pg') return undefined;
  const [settings] = await driver.query<{ fsync: string; synchronous_commit: string }>(
    "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit",
  );
  for (const setting of ['fsync', 'synchronous_commit'] as const) {
    const value = settings?.[setting] ?? 'unknown';
    if (value === 'off') return { setting, value };
  }
  return undefined;
};
