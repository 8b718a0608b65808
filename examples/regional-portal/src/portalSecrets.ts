import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';

/**
 * The secrets a portal needs besides its database: the office's Ed25519 signing key (acknowledgements),
 * the two receipt peppers, the key for raters' pseudonyms and the master key that wraps personal-data keys.
 */
export interface PortalSecrets {
  readonly signingKeyPem: string;
  readonly lookupPepper: Buffer;
  readonly verifierPepper: Buffer;
  readonly pseudonymKey: Buffer;
  readonly masterKey: Buffer;
}

/** The environment variables that override the demo file, one per secret (base64, or PEM for the key). */
export const SECRET_VARIABLES = {
  signingKeyPem: 'OFFICE_SIGNING_KEY_PEM',
  lookupPepper: 'RECEIPT_LOOKUP_PEPPER',
  verifierPepper: 'RECEIPT_VERIFIER_PEPPER',
  pseudonymKey: 'RATER_PSEUDONYM_KEY',
  masterKey: 'PERSONAL_DATA_MASTER_KEY',
} as const;

const SECRET_BYTES = 32;
const FILE = 'demo-secrets.json';

const fresh = (): PortalSecrets => ({
  signingKeyPem: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
  lookupPepper: randomBytes(SECRET_BYTES),
  verifierPepper: randomBytes(SECRET_BYTES),
  pseudonymKey: randomBytes(SECRET_BYTES),
  masterKey: randomBytes(SECRET_BYTES),
});

/** The stored secrets, `undefined` when there is no file yet, or why the file cannot be used. */
const fromFile = (path: string): E.Either<string, PortalSecrets | undefined> => {
  if (!existsSync(path)) return E.right(undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return E.left(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const broken = E.left(
    `${path} lacks a secret: restore it from a backup (new secrets would void every receipt)`,
  );
  if (typeof parsed !== 'object' || parsed === null) return broken;
  const record = parsed as Readonly<Record<string, unknown>>;
  const bytes = (key: string) => {
    const value = record[key];
    return typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
  };
  const signingKeyPem = record.signingKeyPem;
  const lookupPepper = bytes('lookupPepper');
  const verifierPepper = bytes('verifierPepper');
  const pseudonymKey = bytes('pseudonymKey');
  const masterKey = bytes('masterKey');
  if (
    typeof signingKeyPem !== 'string' ||
    lookupPepper === undefined ||
    verifierPepper === undefined ||
    pseudonymKey === undefined ||
    masterKey === undefined
  )
    return broken;
  return E.right({ signingKeyPem, lookupPepper, verifierPepper, pseudonymKey, masterKey });
};

/**
 * Reads the portal's secrets: each from its environment variable when set, otherwise from
 * `<dir>/demo-secrets.json`, created on the first start so that the demo needs no setup.
 *
 * A demo convenience only: the file sits beside the database, where the anonymous-reports guide says the
 * peppers must never be (a copy of the folder could then test receipts). A real office sets the variables
 * from its secret store. The file is kept across restarts because new peppers would make every earlier
 * receipt unknown, and a new master key would make identified reporters' data unreadable.
 */
export const loadPortalSecrets = (
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): E.Either<string, PortalSecrets> => {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, FILE);
  const read = fromFile(path);
  if (E.isLeft(read)) return read;
  let stored = read.right;
  if (stored === undefined) {
    stored = fresh();
    const json = {
      note: 'Demo secrets of the regional portal. Production: set the environment variables instead.',
      signingKeyPem: stored.signingKeyPem,
      lookupPepper: stored.lookupPepper.toString('base64'),
      verifierPepper: stored.verifierPepper.toString('base64'),
      pseudonymKey: stored.pseudonymKey.toString('base64'),
      masterKey: stored.masterKey.toString('base64'),
    };
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  }
  const bytes = (name: string, fallback: Buffer) => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : Buffer.from(value, 'base64');
  };
  return E.right({
    signingKeyPem: env[SECRET_VARIABLES.signingKeyPem] ?? stored.signingKeyPem,
    lookupPepper: bytes(SECRET_VARIABLES.lookupPepper, stored.lookupPepper),
    verifierPepper: bytes(SECRET_VARIABLES.verifierPepper, stored.verifierPepper),
    pseudonymKey: bytes(SECRET_VARIABLES.pseudonymKey, stored.pseudonymKey),
    masterKey: bytes(SECRET_VARIABLES.masterKey, stored.masterKey),
  });
};
