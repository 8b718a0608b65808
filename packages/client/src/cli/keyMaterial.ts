import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { keyIdOf } from '../audit/seals.js';
import type { CliFailure } from './exitCodes.js';
import { usageFailure } from './exitCodes.js';

/**
 * A key and where it came from, so that the CLI can say which source it used without showing the key.
 *
 * @category cli
 * @since 0.1.0
 */
export interface LoadedKey<K> {
  readonly key: K;
  /** `file /etc/adal/seal.pem (--signing-key)`, `$ADAL_SIGNING_KEY`, … — never the key itself. */
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The bytes of a secret, from a flag's file, else an env var naming a file, else an env var holding it. */
const secretBytes = (
  flag: { readonly name: string; readonly file: string | undefined },
  env: Env,
  vars: { readonly file: string; readonly value: string },
): E.Either<CliFailure, { readonly bytes: Buffer; readonly source: string } | undefined> => {
  const fromFile = (path: string, named: string) => {
    try {
      return E.right({ bytes: readFileSync(path), source: `file ${path} (${named})` });
    } catch (error) {
      const reason = (error as { readonly code?: unknown }).code ?? String(error);
      return E.left(usageFailure(`${named}: cannot read ${path} (${String(reason)})`));
    }
  };
  if (flag.file !== undefined) return fromFile(flag.file, flag.name);
  const path = env[vars.file];
  if (path !== undefined && path !== '') return fromFile(path, `$${vars.file}`);
  const value = env[vars.value];
  if (value !== undefined && value !== '') {
    return E.right({ bytes: Buffer.from(value, 'utf8'), source: `$${vars.value}` });
  }
  return E.right(undefined);
};

/**
 * The office's Ed25519 signing key (PKCS #8 PEM): `--signing-key <file>`, else the file named by
 * `ADAL_SIGNING_KEY_FILE`, else the PEM text in `ADAL_SIGNING_KEY`. Undefined when none is given.
 *
 * @category cli
 * @since 0.1.0
 */
export const loadSigningKey = (
  file: string | undefined,
  env: Env,
): E.Either<CliFailure, LoadedKey<KeyObject> | undefined> => {
  const found = secretBytes({ name: '--signing-key', file }, env, {
    file: 'ADAL_SIGNING_KEY_FILE',
    value: 'ADAL_SIGNING_KEY',
  });
  if (E.isLeft(found) || found.right === undefined) return found as E.Either<CliFailure, undefined>;
  const { bytes, source } = found.right;
  let key: KeyObject;
  try {
    key = createPrivateKey(bytes);
  } catch {
    // The parser's message may quote the input: say only what was expected.
    return E.left(usageFailure(`signing key from ${source}: not a private key in PEM (PKCS #8)`));
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    return E.left(
      usageFailure(
        `signing key from ${source}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`,
      ),
    );
  }
  return E.right({ key, source });
};

/**
 * The public keys seals are checked with, by key id: each `--public-key <file>` (PEM; a private key's file
 * gives its public key), else the file named by `ADAL_PUBLIC_KEY_FILE`.
 *
 * @category cli
 * @since 0.1.0
 */
export const loadPublicKeys = (
  files: readonly string[],
  env: Env,
): E.Either<CliFailure, readonly LoadedKey<KeyObject>[]> => {
  const envFile = env['ADAL_PUBLIC_KEY_FILE'];
  const sources =
    files.length > 0
      ? files.map((path) => ({ path, named: '--public-key' }))
      : envFile !== undefined && envFile !== ''
        ? [{ path: envFile, named: '$ADAL_PUBLIC_KEY_FILE' }]
        : [];
  const keys: LoadedKey<KeyObject>[] = [];
  for (const { path, named } of sources) {
    let text: Buffer;
    try {
      text = readFileSync(path);
    } catch (error) {
      const reason = (error as { readonly code?: unknown }).code ?? String(error);
      return E.left(usageFailure(`${named}: cannot read ${path} (${String(reason)})`));
    }
    try {
      keys.push({ key: createPublicKey(text), source: `file ${path} (${named})` });
    } catch {
      return E.left(usageFailure(`${named}: ${path} does not hold a public key in PEM`));
    }
  }
  return E.right(keys);
};

/**
 * The keys as `verifyLog` takes them: by the key id seals name.
 *
 * @category cli
 * @since 0.1.0
 */
export const byKeyId = (keys: readonly LoadedKey<KeyObject>[]): Record<string, KeyObject> =>
  Object.fromEntries(keys.map(({ key }) => [keyIdOf(key), key]));

const MASTER_KEY_BYTES = 32;

/**
 * The key store's master key: 32 bytes from `--master-key <file>`, else the file named by
 * `ADAL_MASTER_KEY_FILE`, else `ADAL_MASTER_KEY`. A file may hold the 32 bytes themselves; a file or the
 * variable may hold them as 64 hex digits or as base64.
 *
 * @category cli
 * @since 0.1.0
 */
export const loadMasterKey = (
  file: string | undefined,
  env: Env,
): E.Either<CliFailure, LoadedKey<Uint8Array> | undefined> => {
  const found = secretBytes({ name: '--master-key', file }, env, {
    file: 'ADAL_MASTER_KEY_FILE',
    value: 'ADAL_MASTER_KEY',
  });
  if (E.isLeft(found) || found.right === undefined) return found as E.Either<CliFailure, undefined>;
  const { bytes, source } = found.right;
  const key = masterKeyBytes(bytes);
  return key === undefined
    ? E.left(
        usageFailure(
          `master key from ${source}: expected ${MASTER_KEY_BYTES} bytes (raw, 64 hex digits or base64)`,
        ),
      )
    : E.right({ key, source });
};

const masterKeyBytes = (bytes: Buffer): Uint8Array | undefined => {
  const text = bytes.toString('utf8').trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return new Uint8Array(Buffer.from(text, 'hex'));
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const decoded = Buffer.from(text, 'base64');
    if (decoded.length === MASTER_KEY_BYTES) return new Uint8Array(decoded);
  }
  return bytes.length === MASTER_KEY_BYTES ? new Uint8Array(bytes) : undefined;
};
