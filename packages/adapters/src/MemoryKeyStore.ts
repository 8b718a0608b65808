import { randomBytes } from 'node:crypto';
import type { ActiveKey, Forgetting, KeyStore, SubjectKey } from '@adal/core';
import { checkSubject, checkSubjects, SUBJECT_KEY_BYTES, subjectForgotten } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * The in-memory key store: for tests, demos and development. Its keys live as long as the process, so
 * everything it encrypted becomes unreadable on restart: never pair it with a store that persists.
 *
 * @category memory
 * @since 0.1.0
 */
export interface MemoryKeyStore extends KeyStore {
  /** How many subjects the store knows (with a key or forgotten). */
  readonly size: () => number;
}

/**
 * Creates an empty in-memory key store.
 *
 * @example
 * import { createMemoryKeyStore } from '@adal/adapters/memory';
 * const keys = createMemoryKeyStore();
 * // const key = await keys.createKey('citizen-1')();
 *
 * @category memory
 * @since 0.1.0
 */
export const createMemoryKeyStore = (options: { readonly clock?: () => Date } = {}): MemoryKeyStore => {
  const clock = options.clock ?? (() => new Date());
  const entries = new Map<string, { key: Uint8Array | undefined; createdAt: Date; forgottenAt?: Date }>();

  // Callers get copies: zeroing or changing a key they hold never changes the stored one.
  const active = (subject: string, key: Uint8Array, createdAt: Date): ActiveKey => ({
    _tag: 'Active',
    subject,
    key: new Uint8Array(key),
    createdAt: new Date(createdAt.getTime()),
  });

  return {
    createKey: (subject) => async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      const entry = entries.get(subject);
      if (entry?.forgottenAt !== undefined) return E.left(subjectForgotten(subject, entry.forgottenAt));
      if (entry?.key !== undefined) return E.right(active(subject, entry.key, entry.createdAt));
      const created = { key: new Uint8Array(randomBytes(SUBJECT_KEY_BYTES)), createdAt: clock() };
      entries.set(subject, created);
      return E.right(active(subject, created.key, created.createdAt));
    },
    getKeys: (subjects) => async () => {
      const checked = checkSubjects(subjects);
      if (E.isLeft(checked)) return checked;
      const found = new Map<string, SubjectKey>();
      for (const subject of checked.right) {
        const entry = entries.get(subject);
        if (entry === undefined) continue;
        found.set(
          subject,
          entry.forgottenAt !== undefined
            ? { _tag: 'Forgotten', subject, forgottenAt: new Date(entry.forgottenAt.getTime()) }
            : active(subject, entry.key ?? new Uint8Array(), entry.createdAt),
        );
      }
      return E.right(found);
    },
    deleteKey: (subject) => async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      const entry = entries.get(subject);
      if (entry?.forgottenAt !== undefined) {
        return E.right<never, Forgetting>({
          subject,
          forgottenAt: new Date(entry.forgottenAt.getTime()),
          hadKey: false,
          alreadyForgotten: true,
        });
      }
      const forgottenAt = clock();
      // The bytes are overwritten, not only dropped: a heap dump taken later shows zeros.
      entry?.key?.fill(0);
      entries.set(subject, { key: undefined, createdAt: entry?.createdAt ?? forgottenAt, forgottenAt });
      return E.right<never, Forgetting>({
        subject,
        forgottenAt: new Date(forgottenAt.getTime()),
        hadKey: entry?.key !== undefined,
        alreadyForgotten: false,
      });
    },
    isForgotten: (subject) => async () => {
      const checked = checkSubject(subject);
      if (E.isLeft(checked)) return checked;
      return E.right(entries.get(subject)?.forgottenAt !== undefined);
    },
    size: () => entries.size,
    close: async () => undefined,
  };
};
