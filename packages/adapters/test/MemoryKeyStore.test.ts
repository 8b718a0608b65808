import { describe, expect, it } from 'vitest';
import { createMemoryKeyStore } from '../src/memory.js';
import { describeKeyStoreContract } from './support/keyStoreContract.js';

describeKeyStoreContract('memory', async () => ({ keys: createMemoryKeyStore() }));

describe('memory key store', () => {
  it('stamps keys and tombstones with its clock, and counts subjects', async () => {
    const at = new Date('2026-04-01T10:00:00Z');
    const keys = createMemoryKeyStore({ clock: () => at });
    const created = await keys.createKey('citizen-1')();
    expect(created._tag === 'Right' && created.right.createdAt.toISOString()).toBe(at.toISOString());
    const forgotten = await keys.deleteKey('citizen-2')();
    expect(forgotten._tag === 'Right' && forgotten.right.forgottenAt.toISOString()).toBe(at.toISOString());
    expect(keys.size()).toBe(2);
  });
});
