/**
 * The key store on PostgreSQL beyond the contract, run on PGlite and on a server: what migration 3 made,
 * tombstones the database itself keeps, keys surviving a reopen, and master-key wrapping.
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { PostgresKeyStoreOptions, SqlDriver } from '../../src/postgres.js';
import { openPostgresKeyStore } from '../../src/postgres.js';
import { describeKeyStoreContract } from './keyStoreContract.js';
import { randomSchema } from './postgres.js';

const right = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export const describePostgresKeyStore = (name: string, driver: () => SqlDriver): void => {
  const open = async (options: Omit<PostgresKeyStoreOptions, 'driver'> & { readonly schema: string }) =>
    right(await openPostgresKeyStore({ driver: driver(), ...options })());
  const drop = (schema: string) => driver().query(`DROP SCHEMA ${schema} CASCADE`);
  const rowOf = async (schema: string, subject: string) =>
    (
      await driver().query<{ key: Uint8Array | null; wrapped_by: string | null; forgotten_at: unknown }>(
        `SELECT key, wrapped_by, forgotten_at FROM ${schema}.subject_keys WHERE subject = $1`,
        [subject],
      )
    )[0];

  describeKeyStoreContract(name, async () => {
    const schema = randomSchema();
    const keys = await open({ schema });
    return { keys, teardown: () => drop(schema).then(() => undefined) };
  });

  describeKeyStoreContract(`${name}, keys wrapped by a master key`, async () => {
    const schema = randomSchema();
    const keys = await open({ schema, masterKey: randomBytes(32) });
    return { keys, teardown: () => drop(schema).then(() => undefined) };
  });

  describe(`PostgreSQL key store: ${name}`, () => {
    it('keeps keys in a table of its own, made by migration 3', async () => {
      const schema = randomSchema();
      await open({ schema });
      const tables = await driver().query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      );
      expect(tables.map((t) => t.table_name)).toContain('subject_keys');
      const migrations = await driver().query<{ version: number; name: string }>(
        `SELECT version, name FROM ${schema}.migrations WHERE version = 3`,
      );
      expect(migrations[0]?.name).toMatch(/subject keys/);
      await drop(schema);
    });

    it('keeps its keys across a reopen', async () => {
      const schema = randomSchema();
      const first = await open({ schema });
      const key = right(await first.createKey('citizen-1')());
      await first.close();
      const reopened = await open({ schema });
      const again = right(await reopened.getKeys(['citizen-1'])()).get('citizen-1');
      expect(again?._tag === 'Active' && hex(again.key)).toBe(hex(key.key));
      await drop(schema);
    });

    it('stores a forgotten subject as a tombstone the database refuses to revive or delete', async () => {
      const schema = randomSchema();
      const keys = await open({ schema });
      right(await keys.createKey('citizen-t')());
      right(await keys.deleteKey('citizen-t')());
      const row = await rowOf(schema, 'citizen-t');
      expect(row?.key).toBeNull();
      expect(row?.forgotten_at).not.toBeNull();
      await expect(
        driver().query(`UPDATE ${schema}.subject_keys SET key = $2, forgotten_at = NULL WHERE subject = $1`, [
          'citizen-t',
          randomBytes(32),
        ]),
      ).rejects.toThrow(/adal:subject_forgotten:citizen-t/);
      await expect(
        driver().query(`DELETE FROM ${schema}.subject_keys WHERE subject = $1`, ['citizen-t']),
      ).rejects.toThrow(/adal:subject_forgotten/);
      right(await keys.createKey('citizen-kept')());
      await expect(
        driver().query(`DELETE FROM ${schema}.subject_keys WHERE subject = $1`, ['citizen-kept']),
      ).rejects.toThrow(/adal:subject_key_kept/);
      // A key and a tombstone at once is refused by the table itself.
      await expect(
        driver().query(`UPDATE ${schema}.subject_keys SET forgotten_at = now() WHERE subject = $1`, [
          'citizen-kept',
        ]),
      ).rejects.toThrow(/check/i);
      right(await keys.purgeForgottenKeys()());
      expect(right(await keys.isForgotten('citizen-t')())).toBe(true);
      await drop(schema);
    });

    it('wraps keys with the master key: the table alone opens nothing', async () => {
      const schema = randomSchema();
      const masterKey = randomBytes(32);
      const keys = await open({ schema, masterKey });
      const key = right(await keys.createKey('citizen-w')());
      const row = await rowOf(schema, 'citizen-w');
      expect(row?.wrapped_by).toMatch(/^[0-9a-f]{16}$/);
      const stored = Buffer.from(row?.key ?? new Uint8Array());
      expect(stored.length).toBe(12 + 32 + 16);
      expect(stored.includes(Buffer.from(key.key))).toBe(false);

      const withoutMaster = await open({ schema });
      const refused = await withoutMaster.getKeys(['citizen-w'])();
      expect(E.isLeft(refused) && refused.left.message).toMatch(
        /wrapped by master key [0-9a-f]{16}, which this key store was not opened with \(no master key\)/,
      );
      const wrongMaster = await open({ schema, masterKey: randomBytes(32) });
      const wrong = await wrongMaster.createKey('citizen-w')();
      expect(E.isLeft(wrong) && wrong.left._tag).toBe('StoreUnavailable');

      // A row moved to another subject fails to unwrap: the wrapping is bound to the subject.
      right(await keys.createKey('citizen-x')());
      await driver().query(
        `UPDATE ${schema}.subject_keys SET key = (SELECT key FROM ${schema}.subject_keys WHERE subject = 'citizen-w') WHERE subject = 'citizen-x'`,
      );
      const moved = await keys.getKeys(['citizen-x'])();
      expect(E.isLeft(moved) && moved.left.message).toMatch(/failed to unwrap/);
      await drop(schema);
    });

    it('moves keys to a new master key with rewrapKeys, reading the old one meanwhile', async () => {
      const schema = randomSchema();
      const plain = await open({ schema });
      const a = right(await plain.createKey('citizen-a')());
      const oldMaster = randomBytes(32);
      const wrapped = await open({ schema, masterKey: oldMaster });
      expect(right(await wrapped.rewrapKeys()())).toBe(1);
      const b = right(await wrapped.createKey('citizen-b')());
      right(await wrapped.deleteKey('citizen-gone')());

      const newMaster = randomBytes(32);
      const rotated = await open({ schema, masterKey: newMaster, previousMasterKeys: [oldMaster] });
      expect(right(await rotated.rewrapKeys()())).toBe(2);
      expect(right(await rotated.rewrapKeys()())).toBe(0);
      const onlyNew = await open({ schema, masterKey: newMaster });
      const found = right(await onlyNew.getKeys(['citizen-a', 'citizen-b', 'citizen-gone'])());
      const foundA = found.get('citizen-a');
      const foundB = found.get('citizen-b');
      expect(foundA?._tag === 'Active' && hex(foundA.key)).toBe(hex(a.key));
      expect(foundB?._tag === 'Active' && hex(foundB.key)).toBe(hex(b.key));
      expect(found.get('citizen-gone')?._tag).toBe('Forgotten');
      await drop(schema);
    });

    it('refuses a master key that is not 32 bytes, and a bad schema name', async () => {
      const short = await openPostgresKeyStore({ driver: driver(), masterKey: new Uint8Array(16) })();
      expect(E.isLeft(short) && short.left.message).toBe('masterKey: expected 32 bytes (a Uint8Array)');
      const old = await openPostgresKeyStore({ driver: driver(), previousMasterKeys: [new Uint8Array(3)] })();
      expect(E.isLeft(old) && old.left.message).toMatch(/^previousMasterKeys\.0: /);
      const schema = await openPostgresKeyStore({ driver: driver(), schema: 'Bad-Name' })();
      expect(E.isLeft(schema) && schema.left.message).toMatch(/^schema: /);
    });
  });
};
