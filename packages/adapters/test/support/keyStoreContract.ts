/**
 * The key-store contract: what every `KeyStore` adapter (memory, PGlite, PostgreSQL) must do, run by each
 * adapter's test file against a factory of fresh stores.
 */
import type { KeyStore } from '@adal/core';
import { SUBJECT_KEY_BYTES } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';

export interface KeyStoreFixture {
  readonly keys: KeyStore;
  readonly teardown?: () => Promise<void>;
}

const right = <A>(result: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export const describeKeyStoreContract = (name: string, factory: () => Promise<KeyStoreFixture>): void => {
  const withStore = (body: (keys: KeyStore) => Promise<void>) => async () => {
    const fixture = await factory();
    try {
      await body(fixture.keys);
    } finally {
      await fixture.teardown?.();
    }
  };

  describe(`key store contract: ${name}`, () => {
    it(
      'makes a key of 32 random bytes per subject, and gives the same key again',
      withStore(async (keys) => {
        const first = right(await keys.createKey('citizen-1')());
        expect(first._tag).toBe('Active');
        expect(first.subject).toBe('citizen-1');
        expect(first.key).toBeInstanceOf(Uint8Array);
        expect(first.key.length).toBe(SUBJECT_KEY_BYTES);
        expect(first.createdAt).toBeInstanceOf(Date);
        const again = right(await keys.createKey('citizen-1')());
        expect(hex(again.key)).toBe(hex(first.key));
        const other = right(await keys.createKey('citizen-2')());
        expect(hex(other.key)).not.toBe(hex(first.key));
        expect(hex(first.key)).not.toBe('00'.repeat(SUBJECT_KEY_BYTES));
      }),
    );

    it(
      'gives every concurrent caller of one subject the same key',
      withStore(async (keys) => {
        const results = await Promise.all(Array.from({ length: 12 }, () => keys.createKey('citizen-race')()));
        const distinct = new Set(results.map((result) => hex(right(result).key)));
        expect(distinct.size).toBe(1);
      }),
    );

    it(
      'reads many subjects at once: active keys, forgotten subjects, and nothing for unknown ones',
      withStore(async (keys) => {
        const a = right(await keys.createKey('citizen-a')());
        right(await keys.createKey('citizen-b')());
        right(await keys.deleteKey('citizen-b')());
        const found = right(await keys.getKeys(['citizen-a', 'citizen-b', 'citizen-unknown', 'citizen-a'])());
        expect([...found.keys()].sort()).toEqual(['citizen-a', 'citizen-b']);
        const foundA = found.get('citizen-a');
        expect(foundA?._tag).toBe('Active');
        if (foundA?._tag === 'Active') expect(hex(foundA.key)).toBe(hex(a.key));
        expect(found.get('citizen-b')?._tag).toBe('Forgotten');
        expect(right(await keys.getKeys([])()).size).toBe(0);
      }),
    );

    it(
      'forgets a subject for good: the key is gone, a tombstone stays, and no new key is made',
      withStore(async (keys) => {
        right(await keys.createKey('citizen-f')());
        expect(right(await keys.isForgotten('citizen-f')())).toBe(false);
        const forgetting = right(await keys.deleteKey('citizen-f')());
        expect(forgetting).toMatchObject({ subject: 'citizen-f', hadKey: true, alreadyForgotten: false });
        expect(forgetting.forgottenAt).toBeInstanceOf(Date);
        expect(right(await keys.isForgotten('citizen-f')())).toBe(true);
        const [state] = right(await keys.getKeys(['citizen-f'])()).values();
        expect(state).toMatchObject({ _tag: 'Forgotten', subject: 'citizen-f' });
        expect(state !== undefined && 'key' in state).toBe(false);

        const refused = await keys.createKey('citizen-f')();
        expect(E.isLeft(refused) && refused.left._tag).toBe('SubjectForgotten');
        if (E.isLeft(refused)) expect(refused.left.message).toMatch(/citizen-f was forgotten/);

        const again = right(await keys.deleteKey('citizen-f')());
        expect(again).toMatchObject({ hadKey: false, alreadyForgotten: true });
        expect(again.forgottenAt.getTime()).toBe(forgetting.forgottenAt.getTime());
      }),
    );

    it(
      'leaves a tombstone for a subject forgotten before it ever had a key',
      withStore(async (keys) => {
        expect(right(await keys.isForgotten('citizen-never')())).toBe(false);
        const forgetting = right(await keys.deleteKey('citizen-never')());
        expect(forgetting).toMatchObject({ hadKey: false, alreadyForgotten: false });
        expect(right(await keys.isForgotten('citizen-never')())).toBe(true);
        const refused = await keys.createKey('citizen-never')();
        expect(E.isLeft(refused) && refused.left._tag).toBe('SubjectForgotten');
      }),
    );

    it(
      'forgetting one subject leaves the others',
      withStore(async (keys) => {
        const kept = right(await keys.createKey('citizen-kept')());
        right(await keys.createKey('citizen-gone')());
        right(await keys.deleteKey('citizen-gone')());
        const found = right(await keys.getKeys(['citizen-kept'])()).get('citizen-kept');
        expect(found?._tag === 'Active' && hex(found.key)).toBe(hex(kept.key));
      }),
    );

    it(
      'refuses bad subject ids with a ValidationError naming them',
      withStore(async (keys) => {
        for (const bad of ['', ' padded ', 'x'.repeat(201)]) {
          const created = await keys.createKey(bad)();
          expect(E.isLeft(created) && created.left._tag).toBe('ValidationError');
          const deleted = await keys.deleteKey(bad)();
          expect(E.isLeft(deleted) && deleted.left._tag).toBe('ValidationError');
          const asked = await keys.isForgotten(bad)();
          expect(E.isLeft(asked) && asked.left._tag).toBe('ValidationError');
        }
        const many = await keys.getKeys(['citizen-1', ''])();
        expect(E.isLeft(many) && many.left.message).toMatch(/^subjects\.1: /);
      }),
    );

    it(
      'keeps its key when a caller changes the bytes it was given',
      withStore(async (keys) => {
        const given = right(await keys.createKey('citizen-copy')());
        const before = hex(given.key);
        given.key.fill(0);
        expect(hex(right(await keys.createKey('citizen-copy')()).key)).toBe(before);
      }),
    );

    it(
      'keeps ids as they are: subjects differing in case or Unicode form are different subjects',
      withStore(async (keys) => {
        const lower = right(await keys.createKey('citizen-é')());
        const decomposed = right(await keys.createKey('citizen-e\u0301')());
        const upper = right(await keys.createKey('CITIZEN-É')());
        expect(new Set([hex(lower.key), hex(decomposed.key), hex(upper.key)]).size).toBe(3);
      }),
    );
  });
};
