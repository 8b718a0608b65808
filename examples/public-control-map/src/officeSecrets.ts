/**
 * The office's secrets for the demo: the Ed25519 key that signs seals and acknowledgements, the two receipt
 * peppers and the key of the Digital Agent's rater pseudonyms.
 *
 * They must outlive a run: a second run extends the seal the first one signed, finds anonymous reports by
 * receipts derived under the same peppers, and refuses a second rating of the same service by the same
 * person only if the pseudonym key is the same. So the first run creates them and keeps them in a file
 * beside the data; a real office keeps them in a secret store, never next to the database.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the client is configured with. */
export interface OfficeSecrets {
  /** PKCS #8 PEM of the office's Ed25519 private key. */
  readonly signingKey: string;
  readonly peppers: { readonly lookup: Uint8Array; readonly verifier: Uint8Array };
  readonly pseudonymKey: Uint8Array;
}

interface StoredSecrets {
  readonly signingKey: string;
  readonly lookupPepper: string;
  readonly verifierPepper: string;
  readonly pseudonymKey: string;
}

const FILE = 'office-secrets.demo.json';

const isStored = (value: unknown): value is StoredSecrets =>
  typeof value === 'object' &&
  value !== null &&
  ['signingKey', 'lookupPepper', 'verifierPepper', 'pseudonymKey'].every(
    (key) => typeof (value as Record<string, unknown>)[key] === 'string',
  );

const decode = (stored: StoredSecrets): OfficeSecrets => ({
  signingKey: stored.signingKey,
  peppers: {
    lookup: Buffer.from(stored.lookupPepper, 'base64'),
    verifier: Buffer.from(stored.verifierPepper, 'base64'),
  },
  pseudonymKey: Buffer.from(stored.pseudonymKey, 'base64'),
});

/**
 * Reads the secrets kept in `dir`, or creates them there. Called after the store has opened the folder, so
 * that the database is created in an empty one. A file that does not read is an error, not a reason to
 * make new keys: new keys would fail every earlier seal and receipt.
 */
export const loadOrCreateOfficeSecrets = (
  dir: string,
): { readonly secrets: OfficeSecrets; readonly created: boolean; readonly path: string } | string => {
  const path = join(dir, FILE);
  if (existsSync(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      return `${path} is not JSON: ${String(error)}`;
    }
    return isStored(parsed)
      ? { secrets: decode(parsed), created: false, path }
      : `${path} does not hold the office's keys`;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const stored: StoredSecrets = {
    signingKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    lookupPepper: randomBytes(32).toString('base64'),
    verifierPepper: randomBytes(32).toString('base64'),
    pseudonymKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(path, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return { secrets: decode(stored), created: true, path };
};
