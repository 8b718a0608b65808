import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type {
  ActiveKey,
  Forgetting,
  KeyStore,
  KeyStoreError,
  StoreUnavailable,
  SubjectKey,
  ValidationError,
} from '@adal/core';
import {
  checkSubject,
  checkSubjects,
  storeUnavailable,
  SUBJECT_KEY_BYTES,
  subjectForgotten,
  validationError,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { unsafeSetting } from './durability.js';
import { migrate } from './migrate.js';
import type { SqlDriver } from './SqlDriver.js';
import { quoteIdentifier } from './SqlDriver.js';

/**
 * Options of the PostgreSQL key store.
 *
 * - `schema`: where the `subject_keys` table is (`adal` by default). Use the event store's schema, or a
 *   schema, or a database, of its own: the migrations make the whole Adal schema wherever the key store opens.
 * - `masterKey`: 32 bytes (keep them outside the database: a secrets manager, an HSM-held secret, a file
 *   only the portal reads). With it, every key is stored wrapped (AES-256-GCM, bound to its subject), so a
 *   copy of the table alone opens nothing. Without it, keys are stored as they are.
 * - `previousMasterKeys`: master keys replaced by `masterKey`, still accepted when reading, until
 *   {@link PostgresKeyStore.rewrapKeys} has moved every key to the current one.
 * - `ownsDriver`: `close()` closes the driver (false by default: a driver shared with the event store stays open).
 * - `unsafe`: accept a server with `fsync=off` or `synchronous_commit=off` (a key lost in a crash makes the
 *   events written with it unreadable).
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresKeyStoreOptions {
  readonly driver: SqlDriver;
  readonly schema?: string;
  readonly masterKey?: Uint8Array;
  readonly previousMasterKeys?: readonly Uint8Array[];
  readonly ownsDriver?: boolean;
  readonly unsafe?: boolean;
}

/**
 * The key store on PostgreSQL (a server or PGlite): the `subject_keys` table of migration 3.
 *
 * @category postgres
 * @since 0.1.0
 */
export interface PostgresKeyStore extends KeyStore {
  readonly schema: string;
  /**
   * Wraps every key with the current master key (keys stored unwrapped, or wrapped by a previous master
   * key); returns how many rows changed. Run it after giving a store its first master key or a new one.
   */
  readonly rewrapKeys: () => TE.TaskEither<StoreUnavailable, number>;
  /**
   * Rewrites the table (`VACUUM FULL`), so that the old row versions that still held forgotten keys leave
   * the table's files. Backups, WAL archives and replicas keep them until they expire: see the guide.
   */
  readonly purgeForgottenKeys: () => TE.TaskEither<StoreUnavailable, void>;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const WRAP_IV_BYTES = 12;
const WRAP_TAG_BYTES = 16;

interface KeyRow {
  readonly subject: string;
  readonly key: Uint8Array | null;
  readonly wrapped_by: string | null;
  readonly created_at: Date | string;
  readonly forgotten_at: Date | string | null;
}

/**
 * Opens the key store: checks the server's durability settings and the master keys, applies pending
 * migrations, and returns the store. Never throws.
 *
 * @example
 * import { openPostgresKeyStore } from '@adal/adapters/postgres';
 * // const keys = await openPostgresKeyStore({ driver: store.driver, schema: store.schema, masterKey })();
 *
 * @category postgres
 * @since 0.1.0
 */
export const openPostgresKeyStore =
  (options: PostgresKeyStoreOptions): TE.TaskEither<StoreUnavailable | ValidationError, PostgresKeyStore> =>
  async () => {
    const schema = options.schema ?? 'adal';
    if (!SCHEMA.test(schema)) {
      return E.left(
        validationError([
          { path: 'schema', message: `expected a lower-case SQL name, got ${JSON.stringify(schema)}` },
        ]),
      );
    }
    const badMasters = [
      ...(options.masterKey === undefined || isKey(options.masterKey) ? [] : ['masterKey']),
      ...(options.previousMasterKeys ?? []).flatMap((key, index) =>
        isKey(key) ? [] : [`previousMasterKeys.${index}`],
      ),
    ];
    if (badMasters.length > 0) {
      return E.left(
        validationError(
          badMasters.map((path) => ({ path, message: `expected ${SUBJECT_KEY_BYTES} bytes (a Uint8Array)` })),
        ),
      );
    }
    const { driver } = options;
    try {
      const unsafe = options.unsafe === true ? undefined : await unsafeSetting(driver);
      if (unsafe !== undefined) {
        const { setting } = unsafe;
        return E.left(
          storeUnavailable(
            `${setting}: the server runs with ${setting}=off, so a key could be lost in a crash and with it the data written under it; fix the server or pass unsafe: true (throw-away data only)`,
          ),
        );
      }
      await migrate(driver, schema);
    } catch (error) {
      return E.left(unavailable(error));
    }
    return E.right(postgresKeyStore(options, schema));
  };

const postgresKeyStore = (options: PostgresKeyStoreOptions, schema: string): PostgresKeyStore => {
  const { driver } = options;
  const s = quoteIdentifier(schema);
  const table = `${s}.subject_keys`;
  const current = options.masterKey === undefined ? undefined : Buffer.from(options.masterKey);
  const masters = new Map<string, Buffer>();
  for (const key of [options.masterKey, ...(options.previousMasterKeys ?? [])]) {
    if (key !== undefined) masters.set(masterKeyId(key), Buffer.from(key));
  }
  const currentId = current === undefined ? null : masterKeyId(current);

  const guarded =
    <A, L>(body: () => Promise<E.Either<L, A>>): TE.TaskEither<L | StoreUnavailable, A> =>
    async () => {
      try {
        return await body();
      } catch (error) {
        return E.left(unavailable(error));
      }
    };

  /** The stored form of a new key: wrapped by the current master key when there is one. */
  const seal = (subject: string, key: Buffer): { bytes: Buffer; wrappedBy: string | null } =>
    current === undefined || currentId === null
      ? { bytes: Buffer.from(key), wrappedBy: null }
      : { bytes: wrap(current, subject, key), wrappedBy: currentId };

  /** A row as the port gives it; a key that cannot be unwrapped is an error of the store, never "forgotten". */
  const toSubjectKey = (row: KeyRow): E.Either<StoreUnavailable, SubjectKey> => {
    if (row.forgotten_at !== null || row.key === null) {
      return E.right({
        _tag: 'Forgotten',
        subject: row.subject,
        forgottenAt: new Date(row.forgotten_at ?? 0),
      });
    }
    const opened = openRow(row);
    return E.map((key: Uint8Array): SubjectKey => ({
      _tag: 'Active',
      subject: row.subject,
      key,
      createdAt: new Date(row.created_at),
    }))(opened);
  };

  const openRow = (row: KeyRow): E.Either<StoreUnavailable, Uint8Array> => {
    const bytes = Buffer.from(row.key ?? new Uint8Array());
    if (row.wrapped_by === null) {
      return bytes.length === SUBJECT_KEY_BYTES
        ? E.right(new Uint8Array(bytes))
        : E.left(storeUnavailable(`the key of subject ${row.subject} is not ${SUBJECT_KEY_BYTES} bytes`));
    }
    const master = masters.get(row.wrapped_by);
    if (master === undefined) {
      return E.left(
        storeUnavailable(
          `the key of subject ${row.subject} is wrapped by master key ${row.wrapped_by}, which this key store was not opened with (${currentId === null ? 'no master key' : `master key ${currentId}`})`,
        ),
      );
    }
    try {
      return E.right(new Uint8Array(unwrap(master, row.subject, bytes)));
    } catch (error) {
      return E.left(
        storeUnavailable(
          `the key of subject ${row.subject} failed to unwrap: its row was altered or moved`,
          error,
        ),
      );
    }
  };

  const COLUMNS = 'subject, key, wrapped_by, created_at, forgotten_at';

  const createKey: KeyStore['createKey'] = (subject) =>
    guarded<ActiveKey, KeyStoreError>(async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      const existing = await driver.query<KeyRow>(`SELECT ${COLUMNS} FROM ${table} WHERE subject = $1`, [
        subject,
      ]);
      let row = existing[0];
      if (row === undefined) {
        const fresh = randomBytes(SUBJECT_KEY_BYTES);
        const stored = seal(subject, fresh);
        fresh.fill(0);
        const inserted = await driver.query<KeyRow>(
          `INSERT INTO ${table} (subject, key, wrapped_by) VALUES ($1, $2, $3)
           ON CONFLICT (subject) DO NOTHING RETURNING ${COLUMNS}`,
          [subject, stored.bytes, stored.wrappedBy],
        );
        // Another process made the key first: its key, committed, is everyone's.
        row =
          inserted[0] ??
          (await driver.query<KeyRow>(`SELECT ${COLUMNS} FROM ${table} WHERE subject = $1`, [subject]))[0];
      }
      if (row === undefined) return E.left(storeUnavailable(`no key row for subject ${subject}`));
      const key = toSubjectKey(row);
      if (E.isLeft(key)) return key;
      return key.right._tag === 'Forgotten'
        ? E.left(subjectForgotten(subject, key.right.forgottenAt))
        : E.right(key.right);
    });

  const getKeys: KeyStore['getKeys'] = (subjects) =>
    guarded<ReadonlyMap<string, SubjectKey>, StoreUnavailable | ValidationError>(async () => {
      const checked = checkSubjects(subjects);
      if (E.isLeft(checked)) return checked;
      const found = new Map<string, SubjectKey>();
      if (checked.right.length === 0) return E.right(found);
      const rows = await driver.query<KeyRow>(
        `SELECT ${COLUMNS} FROM ${table} WHERE subject = ANY($1::text[])`,
        [[...new Set(checked.right)]],
      );
      for (const row of rows) {
        const key = toSubjectKey(row);
        if (E.isLeft(key)) return key;
        found.set(row.subject, key.right);
      }
      return E.right(found);
    });

  const deleteKey: KeyStore['deleteKey'] = (subject) =>
    guarded<Forgetting, StoreUnavailable | ValidationError>(async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      const forgetting = await driver.transaction(async (query): Promise<Forgetting> => {
        const [row] = await query<{ has_key: boolean; forgotten_at: Date | string | null }>(
          `SELECT key IS NOT NULL AS has_key, forgotten_at FROM ${table} WHERE subject = $1 FOR UPDATE`,
          [subject],
        );
        if (row?.forgotten_at !== undefined && row.forgotten_at !== null) {
          return {
            subject,
            forgottenAt: new Date(row.forgotten_at),
            hadKey: false,
            alreadyForgotten: true,
          };
        }
        const [done] =
          row === undefined
            ? await query<{ forgotten_at: Date | string }>(
                `INSERT INTO ${table} (subject, key, wrapped_by, forgotten_at) VALUES ($1, NULL, NULL, now())
                 ON CONFLICT (subject) DO UPDATE SET key = NULL, wrapped_by = NULL, forgotten_at = now()
                 RETURNING forgotten_at`,
                [subject],
              )
            : await query<{ forgotten_at: Date | string }>(
                `UPDATE ${table} SET key = NULL, wrapped_by = NULL, forgotten_at = now() WHERE subject = $1
                 RETURNING forgotten_at`,
                [subject],
              );
        return {
          subject,
          forgottenAt: new Date(done?.forgotten_at ?? Date.now()),
          hadKey: row?.has_key === true,
          alreadyForgotten: false,
        };
      });
      return E.right(forgetting);
    });

  const isForgotten: KeyStore['isForgotten'] = (subject) =>
    guarded<boolean, StoreUnavailable | ValidationError>(async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      const [row] = await driver.query<{ forgotten: boolean }>(
        `SELECT forgotten_at IS NOT NULL AS forgotten FROM ${table} WHERE subject = $1`,
        [subject],
      );
      return E.right(row?.forgotten === true);
    });

  const rewrapKeys: PostgresKeyStore['rewrapKeys'] = () =>
    guarded<number, StoreUnavailable>(async () => {
      if (current === undefined) return E.right(0);
      return driver.transaction(async (query) => {
        const rows = await query<KeyRow>(
          `SELECT ${COLUMNS} FROM ${table}
            WHERE key IS NOT NULL AND wrapped_by IS DISTINCT FROM $1 FOR UPDATE`,
          [currentId],
        );
        for (const row of rows) {
          const opened = openRow(row);
          if (E.isLeft(opened)) return opened;
          const stored = seal(row.subject, Buffer.from(opened.right));
          await query(`UPDATE ${table} SET key = $2, wrapped_by = $3 WHERE subject = $1`, [
            row.subject,
            stored.bytes,
            stored.wrappedBy,
          ]);
        }
        return E.right<StoreUnavailable, number>(rows.length);
      });
    });

  const purgeForgottenKeys: PostgresKeyStore['purgeForgottenKeys'] = () =>
    guarded(async () => {
      await driver.query(`VACUUM FULL ${table}`);
      return E.right(undefined);
    });

  return {
    schema,
    createKey,
    getKeys,
    deleteKey,
    isForgotten,
    rewrapKeys,
    purgeForgottenKeys,
    close: async () => {
      if (options.ownsDriver === true) await driver.close();
    },
  };
};

const isKey = (key: unknown): key is Uint8Array =>
  key instanceof Uint8Array && key.length === SUBJECT_KEY_BYTES;

/**
 * A short public name of a master key (the first 8 bytes of an HMAC under it, in hex): stored beside each
 * wrapped key, so a store opened with the wrong master key says so instead of failing to decrypt.
 */
const masterKeyId = (masterKey: Uint8Array): string =>
  createHmac('sha256', masterKey).update('adal/master-key-id/1').digest('hex').slice(0, 16);

const wrapAd = (subject: string): Buffer => Buffer.from(JSON.stringify(['adal/subject-key/1', subject]));

/** AES-256-GCM under the master key, bound to the subject: nonce ‖ ciphertext ‖ tag. */
const wrap = (master: Buffer, subject: string, key: Buffer): Buffer => {
  const iv = randomBytes(WRAP_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(wrapAd(subject));
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, ct, cipher.getAuthTag()]);
};

const unwrap = (master: Buffer, subject: string, bytes: Buffer): Buffer => {
  const iv = bytes.subarray(0, WRAP_IV_BYTES);
  const tag = bytes.subarray(bytes.length - WRAP_TAG_BYTES);
  const ct = bytes.subarray(WRAP_IV_BYTES, bytes.length - WRAP_TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', master, iv);
  decipher.setAAD(wrapAd(subject));
  decipher.setAuthTag(tag);
  const key = Buffer.concat([decipher.update(ct), decipher.final()]);
  if (key.length !== SUBJECT_KEY_BYTES) throw new Error(`an unwrapped key is not ${SUBJECT_KEY_BYTES} bytes`);
  return key;
};

const unavailable = (error: unknown): StoreUnavailable =>
  storeUnavailable(`the key store failed: ${error instanceof Error ? error.message : String(error)}`, error);
