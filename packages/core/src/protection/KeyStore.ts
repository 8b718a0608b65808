import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StoreUnavailable } from '../StoreError.js';
import type { ValidationIssue, ValidationError } from '../ValidationError.js';
import { validationError } from '../ValidationError.js';
import { SubjectId } from './SubjectId.js';

/**
 * The length of a subject's key: 32 random bytes, an AES-256 key.
 *
 * @category personal data
 * @since 0.1.0
 */
export const SUBJECT_KEY_BYTES = 32;

/**
 * A subject's key, usable.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface ActiveKey {
  readonly _tag: 'Active';
  readonly subject: string;
  readonly key: Uint8Array;
  readonly createdAt: Date;
}

/**
 * A forgotten subject: the key was deleted, and the tombstone stays so that no new key is ever made for
 * the same subject id without anyone noticing.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface ForgottenKey {
  readonly _tag: 'Forgotten';
  readonly subject: string;
  readonly forgottenAt: Date;
}

/**
 * What a key store holds for one subject.
 *
 * @category personal data
 * @since 0.1.0
 */
export type SubjectKey = ActiveKey | ForgottenKey;

/**
 * A key asked for a subject that was forgotten. Personal data of a forgotten subject is never stored again
 * under the same id; a person who comes back is a new subject, with a new id.
 *
 * @category errors
 * @since 0.1.0
 */
export interface SubjectForgotten {
  readonly _tag: 'SubjectForgotten';
  readonly subject: string;
  readonly forgottenAt: Date;
  readonly message: string;
}

/**
 * What {@link KeyStore.deleteKey} did: `hadKey` is false when the subject never had a key (a tombstone is
 * written all the same), `alreadyForgotten` when it had been forgotten before (nothing changed).
 *
 * @category personal data
 * @since 0.1.0
 */
export interface Forgetting {
  readonly subject: string;
  readonly forgottenAt: Date;
  readonly hadKey: boolean;
  readonly alreadyForgotten: boolean;
}

/**
 * Every error of a key store's operations.
 *
 * @category errors
 * @since 0.1.0
 */
export type KeyStoreError = StoreUnavailable | SubjectForgotten | ValidationError;

/**
 * The key-store port: one AES-256 key per data subject, kept apart from the events so that deleting it
 * makes the subject's personal data unreadable everywhere it was stored (crypto-shredding). Adapters:
 * memory (`@adal/adapters/memory`) and PostgreSQL / PGlite (`@adal/adapters/postgres`, the `subject_keys`
 * table). Every operation is idempotent.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface KeyStore {
  /**
   * The subject's key, made (32 random bytes) if it has none; concurrent calls for one subject all get the
   * same key. `SubjectForgotten` when the subject was forgotten.
   */
  readonly createKey: (subject: string) => TE.TaskEither<KeyStoreError, ActiveKey>;
  /** What the store holds for each subject asked, in one round trip; subjects it never saw are absent. */
  readonly getKeys: (
    subjects: readonly string[],
  ) => TE.TaskEither<StoreUnavailable | ValidationError, ReadonlyMap<string, SubjectKey>>;
  /** Forgets a subject: deletes its key for good and leaves a tombstone (also when it had no key). */
  readonly deleteKey: (subject: string) => TE.TaskEither<StoreUnavailable | ValidationError, Forgetting>;
  /** Whether the subject was forgotten. */
  readonly isForgotten: (subject: string) => TE.TaskEither<StoreUnavailable | ValidationError, boolean>;
  /** Releases the store's resources. */
  readonly close: () => Promise<void>;
}

/**
 * @category constructors
 * @since 0.1.0
 */
export const subjectForgotten = (subject: string, forgottenAt: Date): SubjectForgotten => ({
  _tag: 'SubjectForgotten',
  subject,
  forgottenAt,
  message: `subject ${subject} was forgotten on ${forgottenAt.toISOString()}: no personal data is stored under this id again; give the person a new subject id`,
});

/**
 * Checks subject ids before a key store uses them: each a valid {@link SubjectId}. Adapters use it so every
 * key store refuses the same input alike.
 *
 * @example
 * import { checkSubjects } from '@adal/core';
 * checkSubjects(['citizen-1', ''])._tag; // 'Left'
 *
 * @category personal data
 * @since 0.1.0
 */
export const checkSubjects = (subjects: readonly unknown[]): E.Either<ValidationError, readonly string[]> => {
  if (!Array.isArray(subjects)) {
    return E.left(validationError([{ path: 'subjects', message: 'expected a list of subject ids' }]));
  }
  const issues: ValidationIssue[] = [];
  subjects.forEach((subject, index) => {
    if (!SubjectId.is(subject)) {
      issues.push({
        path: `subjects.${index}`,
        message: `expected a subject id (1 to 200 characters without blanks at either end), got ${JSON.stringify(subject) ?? String(subject)}`,
      });
    }
  });
  return issues.length > 0 ? E.left(validationError(issues)) : E.right(subjects as readonly string[]);
};

/**
 * Checks one subject id, as {@link checkSubjects} does, reporting it at `subject`.
 *
 * @category personal data
 * @since 0.1.0
 */
export const checkSubject = (subject: unknown): E.Either<ValidationError, string> =>
  SubjectId.is(subject)
    ? E.right(subject)
    : E.left(
        validationError([
          {
            path: 'subject',
            message: `expected a subject id (1 to 200 characters without blanks at either end), got ${JSON.stringify(subject) ?? String(subject)}`,
          },
        ]),
      );
