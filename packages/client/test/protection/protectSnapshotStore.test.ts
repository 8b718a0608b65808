/**
 * Protected snapshots: a snapshot state that keeps a person's name stores it encrypted (declared by
 * snapshot version), reads it back in the clear, reads it as erased once the person is forgotten — and the
 * command handler goes on working from it — and refuses a snapshot moved to another stream or revision.
 */
import { ERASED, isEncryptedField } from '@adal/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createCommandHandler, createUuidV7 } from '../../src/index.js';
import type { PersonalDataUnreadable } from '../../src/protection/index.js';
import {
  forgetSubject,
  personalDataProblem,
  protectEventStore,
  protectSnapshotStore,
} from '../../src/protection/index.js';
import { ok, on } from '../fixtures/modules.js';
import { dump, LIST_EVENT_SPEC, LIST_SNAPSHOT_SPEC, PersonList, storedSnapshot } from './support.js';

const NAME = 'Aruzhan Kairatkyzy Bekova';
const STREAM = 'list-KZ-71-0190f3c2-7b1e-7c4a-9d2e-000000000001';

const setup = () => {
  const raw = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const problems: PersonalDataUnreadable[] = [];
  const options = {
    keys,
    personalData: LIST_EVENT_SPEC,
    snapshotPersonalData: LIST_SNAPSHOT_SPEC,
    onUnreadable: (problem: PersonalDataUnreadable) => problems.push(problem),
  };
  const store = protectEventStore(raw, options);
  const clock = () => on('2026-03-04');
  const handle = createCommandHandler({
    store,
    snapshots: store,
    clock,
    newId: createUuidV7(() => clock().getTime()),
  });
  return { raw, keys, store, handle, problems, options };
};

describe('protected snapshots', () => {
  it('store the declared fields of a snapshot state encrypted and read them in the clear', async () => {
    const { raw, store, handle } = setup();
    ok(await handle(PersonList, STREAM, { type: 'ListPerson', subjectId: 'citizen-a', name: NAME })());
    const stored = await storedSnapshot(raw, STREAM);
    expect(stored?.version).toBe('list-v1');
    expect(dump(stored)).not.toContain('Aruzhan');
    expect(isEncryptedField((stored?.state as { lastName?: unknown }).lastName)).toBe(true);
    expect((await storedSnapshot(store, STREAM))?.state).toEqual({
      count: 1,
      lastSubject: 'citizen-a',
      lastName: NAME,
    });
  });

  it('after forgetSubject read the field as erased, and commands go on from the snapshot', async () => {
    const { raw, keys, store, handle } = setup();
    ok(await handle(PersonList, STREAM, { type: 'ListPerson', subjectId: 'citizen-a', name: NAME })());
    const before = dump(await storedSnapshot(raw, STREAM));
    ok(await forgetSubject(keys, 'citizen-a')());
    expect(dump(await storedSnapshot(raw, STREAM))).toBe(before);
    expect((await storedSnapshot(store, STREAM))?.state).toEqual({
      count: 1,
      lastSubject: 'citizen-a',
      lastName: ERASED,
    });

    const touched = ok(await handle(PersonList, STREAM, { type: 'Touch', note: 'still here' })());
    expect(touched.state).toEqual({ count: 1, lastSubject: 'citizen-a', lastName: ERASED });
    // The new snapshot keeps the erased marker as it is: there is nothing left to encrypt.
    expect((await storedSnapshot(raw, STREAM))?.state).toEqual({
      count: 1,
      lastSubject: 'citizen-a',
      lastName: ERASED,
    });
    expect(dump(await storedSnapshot(raw, STREAM))).not.toContain('Aruzhan');
  });

  it('refuse a snapshot moved to another stream or revision, and the handler replays the stream instead', async () => {
    const { raw, store, handle, problems, options } = setup();
    ok(await handle(PersonList, STREAM, { type: 'ListPerson', subjectId: 'citizen-a', name: NAME })());
    const stored = await storedSnapshot(raw, STREAM);
    if (stored === undefined) throw new Error('no snapshot');

    const other = 'list-KZ-71-0190f3c2-7b1e-7c4a-9d2e-000000000002';
    ok(await raw.writeSnapshot({ ...stored, streamName: other })());
    const moved = await store.readSnapshot(other)();
    expect(E.isLeft(moved) && personalDataProblem(moved.left)).toMatchObject({
      _tag: 'PersonalDataTampered',
      kind: 'snapshot',
      streamName: other,
      record: 'list-v1@0',
      path: 'lastName',
    });
    expect(problems).toHaveLength(1);

    // A snapshot of an older revision written over a newer one (a different version, so the store takes it).
    const rolled = { ...stored, version: 'list-v0' };
    const snapshots = protectSnapshotStore(raw, {
      ...options,
      snapshotPersonalData: { 'list-v0': LIST_SNAPSHOT_SPEC['list-v1'] ?? [] },
    });
    ok(await raw.writeSnapshot(rolled)());
    const rolledBack = await snapshots.readSnapshot(STREAM)();
    expect(E.isLeft(rolledBack) && personalDataProblem(rolledBack.left)?._tag).toBe('PersonalDataTampered');

    // The command handler skips a snapshot it cannot read, and the stream gives the right state.
    const listed = ok(
      await handle(PersonList, other, {
        type: 'ListPerson',
        subjectId: 'citizen-b',
        name: 'Yerlan Omarov',
      })(),
    );
    expect(listed.state).toEqual({ count: 1, lastSubject: 'citizen-b', lastName: 'Yerlan Omarov' });
  });

  it('does not write a snapshot holding personal data of a forgotten subject', async () => {
    const { raw, keys, store } = setup();
    ok(await forgetSubject(keys, 'citizen-gone')());
    const written = await store.writeSnapshot({
      streamName: STREAM,
      streamRevision: 3n,
      version: 'list-v1',
      state: { count: 4, lastSubject: 'citizen-gone', lastName: NAME },
    })();
    expect(E.isLeft(written) && written.left.message).toMatch(
      /^the snapshot was not written: state\.lastName: subject citizen-gone was forgotten/,
    );
    expect(await storedSnapshot(raw, STREAM)).toBeUndefined();
  });

  it('passes states of undeclared versions through as they are', async () => {
    const { raw, store } = setup();
    ok(
      await store.writeSnapshot({
        streamName: STREAM,
        streamRevision: 0n,
        version: 'other-v1',
        state: { count: 1 },
      })(),
    );
    expect((await storedSnapshot(raw, STREAM))?.state).toEqual({ count: 1 });
    expect((await storedSnapshot(store, STREAM))?.state).toEqual({ count: 1 });
  });
});
