import type { EventStore, InclusionProof, SealData, StoreError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createPublicKey } from 'node:crypto';
import type { MissingConfiguration } from '../modules/ratings.js';
import type { AuditProblem, KeyInput, TrustedSeal, VerifyReport } from './seals.js';
import { keyIdOf, proveEvent, sealLog, verifyLog } from './seals.js';

/**
 * The office's audit tools over the client's store: seal the log, verify it, prove one event.
 *
 * @category audit
 * @since 0.1.0
 */
export interface AuditModule {
  /** Seals everything appended since the last seal (needs `audit.signingKey`). */
  readonly seal: () => TE.TaskEither<StoreError | AuditProblem | MissingConfiguration, SealData>;
  /**
   * Verifies every event, chain and seal with the public keys of the signing key and of `audit.publicKeys`;
   * give the seals the office published (`trusted`) so that removed or rewritten seals are found too.
   */
  readonly verify: (options?: {
    readonly trusted?: readonly TrustedSeal[];
  }) => TE.TaskEither<StoreError, VerifyReport>;
  /** The inclusion proof of one sealed event, checkable with `verifyProof` and the public key alone. */
  readonly prove: (
    eventId: string,
  ) => TE.TaskEither<
    StoreError | AuditProblem | { readonly _tag: 'NotSealed'; readonly message: string },
    InclusionProof
  >;
  /** The public key to publish (PEM), when a signing key is configured. */
  readonly publicKey: string | undefined;
}

/**
 * The client's audit options.
 *
 * @category audit
 * @since 0.1.0
 */
export interface AuditOptions {
  /** The office's Ed25519 private key (KeyObject or PKCS #8 PEM): signs seals and acknowledgements. */
  readonly signingKey?: KeyInput;
  /** The signing key's id in seals; derived from the public key by default. */
  readonly keyId?: string;
  /** Earlier (rotated) public keys by key id, so their seals still verify. */
  readonly publicKeys?: Readonly<Record<string, KeyInput>>;
}

/** Builds `client.audit`. */
export const auditModule = (
  store: Pick<EventStore, 'readStream' | 'readAll' | 'appendToStream'>,
  options: AuditOptions,
  clock: () => Date,
): AuditModule => {
  const { signingKey } = options;
  const publicKeys: Record<string, KeyInput> = { ...(options.publicKeys ?? {}) };
  let publicKey: string | undefined;
  if (signingKey !== undefined) {
    const key = createPublicKey(signingKey);
    publicKeys[options.keyId ?? keyIdOf(key)] = key;
    publicKey = key.export({ type: 'spki', format: 'pem' }).toString();
  }
  return {
    seal: () =>
      signingKey === undefined
        ? () =>
            Promise.resolve(
              E.left<MissingConfiguration>({
                _tag: 'MissingConfiguration',
                setting: 'audit.signingKey',
                message:
                  'audit.signingKey: sealing needs the office’s Ed25519 private key (createAdalClient({ audit }))',
              }),
            )
        : sealLog(store, {
            signingKey,
            clock,
            ...(options.keyId === undefined ? {} : { keyId: options.keyId }),
          }),
    verify: (verifyOptions = {}) =>
      verifyLog(store, {
        publicKeys,
        ...(verifyOptions.trusted === undefined ? {} : { trusted: verifyOptions.trusted }),
      }),
    prove: (eventId) => proveEvent(store, eventId),
    publicKey,
  };
};
