/**
 * "After forgetSubject, a scan of every table and read model finds none of the subject's plaintext bytes"
 * (issue 6), on memory: everything the store holds — events, snapshots, read-model documents — dumped as
 * JSON and searched for the subject's name, phone and IIN. The same scan finds them in an unprotected
 * control store, so it can fail; and before forgetting, reading through the protected store finds them,
 * so the data was there to be found.
 */
import type { EventStore, RecordedEvent, SnapshotStore } from '@adal/core';
import { allEvents, PERSONAL_DATA } from '@adal/core';
import type { MemoryEventStore } from '@adal/adapters/memory';
import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
import { describe, expect, it } from 'vitest';
import { forgetSubject } from '../../src/protection/index.js';
import { ok } from '../fixtures/modules.js';
import type { Portal } from './support.js';
import {
  AIGERIM,
  BOLAT,
  catchUp,
  dump,
  foundIn,
  LIST_EVENT_SPEC,
  LIST_SNAPSHOT_SPEC,
  needlesOf,
  OFFICER,
  PersonList,
  personalScenario,
  portal,
  readModelText,
  rebuildAll,
} from './support.js';

const LIST = 'list-KZ-71-0190f3c2-7b1e-7c4a-9d2e-0000000000ff';

/** Everything a memory store holds, as JSON text: its log, the snapshot of every stream, every document. */
const dumpMemory = async (raw: MemoryEventStore, client: Portal<MemoryEventStore>) => {
  const events: RecordedEvent[] = [];
  for await (const event of allEvents(raw, { max: 1000 })) events.push(event);
  const snapshots = [];
  for (const streamName of new Set(events.map((event) => event.streamName))) {
    snapshots.push(ok(await raw.readSnapshot(streamName)()));
  }
  const documents = await readModelText(client, raw);
  expect(events.length).toBeGreaterThan(5);
  expect(snapshots.filter((s) => s._tag === 'Some').length).toBeGreaterThan(0);
  expect(documents.count).toBeGreaterThan(0);
  return { all: [dump(events), dump(snapshots), documents.text].join('\n'), documents: documents.text };
};

/** Everything as a reader of the store sees it. */
const readThrough = async (store: EventStore & SnapshotStore) => {
  const events: RecordedEvent[] = [];
  for await (const event of allEvents(store, { max: 1000 })) events.push(event);
  const snapshots = [];
  for (const streamName of new Set(events.map((event) => event.streamName))) {
    snapshots.push(ok(await store.readSnapshot(streamName)()));
  }
  return dump({ events, snapshots });
};

const world = (protect: boolean) => {
  const raw = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const client = portal(
    raw,
    protect
      ? {
          keys,
          personalData: { ...PERSONAL_DATA, ...LIST_EVENT_SPEC },
          snapshotPersonalData: LIST_SNAPSHOT_SPEC,
        }
      : undefined,
  );
  return { raw, keys, store: client.store, client, time: client.time };
};

/** The report scenario, a list whose snapshots keep Aigerim's name, and the read models caught up. */
const fill = async ({ client, time }: ReturnType<typeof world>) => {
  await personalScenario(client, time);
  ok(
    await client.handleCommand(PersonList, LIST, {
      type: 'ListPerson',
      subjectId: AIGERIM.subjectId,
      name: AIGERIM.name,
    })(),
  );
  await catchUp(client);
};

const AIGERIMS = needlesOf(AIGERIM);

describe('forgetSubject: a scan of everything stored in memory', () => {
  it('finds the plaintext in an unprotected control store, so the scan can fail', async () => {
    const control = world(false);
    await fill(control);
    const dumped = await dumpMemory(control.raw, control.client);
    expect(foundIn(dumped.all, AIGERIMS)).toEqual(
      expect.arrayContaining([AIGERIM.name, AIGERIM.phone, AIGERIM.iin]),
    );
    expect(foundIn(dumped.all, [OFFICER.name])).toEqual([OFFICER.name]);
    // Read models hold no personal data even when nothing is encrypted: they are public-facing by design.
    expect(foundIn(dumped.documents, [...AIGERIMS, ...needlesOf(BOLAT), OFFICER.name])).toEqual([]);
  });

  it('finds none of the subject’s plaintext in a protected store, before and after forgetting', async () => {
    const protectedWorld = world(true);
    await fill(protectedWorld);
    const { raw, keys, store, client } = protectedWorld;

    // Before: nothing stored in the clear, everything readable through the protected store.
    const before = await dumpMemory(raw, client);
    expect(foundIn(before.all, [...AIGERIMS, ...needlesOf(BOLAT), OFFICER.name])).toEqual([]);
    expect(foundIn(await readThrough(store), AIGERIMS)).toEqual(
      expect.arrayContaining([AIGERIM.name, AIGERIM.phone, AIGERIM.iin]),
    );

    ok(await forgetSubject(keys, AIGERIM.subjectId)());
    // Read models rebuilt from the first event see only the erased form.
    await rebuildAll(client);

    const after = await dumpMemory(raw, client);
    expect(foundIn(after.all, AIGERIMS)).toEqual([]);
    expect(after.all.length).toBeGreaterThan(0);
    // Read through the store, Aigerim is gone everywhere; Bolat and the officer are still there.
    const readable = await readThrough(store);
    expect(foundIn(readable, AIGERIMS)).toEqual([]);
    expect(readable).toContain('{"$erased":true}');
    expect(foundIn(readable, [BOLAT.name, OFFICER.name])).toEqual([BOLAT.name, OFFICER.name]);
  });
});
