/**
 * The protected event store on memory: what is stored is ciphertext, what is read is plaintext; forgetting
 * a subject makes its fields read as erased on every read path while the stored events stay as they were;
 * a ciphertext moved elsewhere is reported as tampering; and the decorator keeps every rule of the store
 * contract.
 */
import type { EventToAppend, JsonValue, RecordedEvent } from '@adal/core';
import { allEvents, ERASED, isEncryptedField, PERSONAL_DATA } from '@adal/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@adal/adapters/memory';
import { describeEventStoreContract } from '@adal/adapters/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { PersonalDataUnreadable, ProtectionOptions } from '../../src/protection/index.js';
import {
  forgetSubject,
  PersonalDataReadFailed,
  personalDataProblem,
  protectEventStore,
} from '../../src/protection/index.js';
import { ok, refused } from '../fixtures/modules.js';
import { AIGERIM, BOLAT, dump, needlesOf, OFFICER, personalScenario, portal } from './support.js';

const everyEvent = async (store: Parameters<typeof allEvents>[0]): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of allEvents(store, { max: 1000 })) events.push(event);
  return events;
};

const setup = (options: Partial<ProtectionOptions> = {}) => {
  const raw = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const problems: PersonalDataUnreadable[] = [];
  const client = portal(raw, {
    keys,
    onUnreadable: (problem) => problems.push(problem),
    ...options,
  });
  return { raw, keys, store: client.store, client, time: client.time, problems };
};

const submitted = (events: readonly RecordedEvent[], streamName: string) =>
  events.find((event) => event.streamName === streamName && event.type === 'ReportSubmitted');

describe('protectEventStore on memory', () => {
  it('stores personal fields encrypted and gives them back in the clear', async () => {
    const { raw, store, client, time, keys } = setup();
    const { aigerims, anonymous } = await personalScenario(client, time);

    const stored = await everyEvent(raw);
    const storedText = dump(stored);
    for (const needle of [...needlesOf(AIGERIM), ...needlesOf(BOLAT), OFFICER.name]) {
      expect(storedText).not.toContain(needle);
    }
    const sealed = submitted(stored, aigerims)?.data as { reporter: Record<string, JsonValue> };
    expect(sealed.reporter.kind).toBe('identified');
    expect(sealed.reporter.subjectId).toBe(AIGERIM.subjectId);
    for (const field of ['name', 'phone', 'iin']) {
      expect(isEncryptedField(sealed.reporter[field])).toBe(true);
      expect(sealed.reporter[field]).toMatchObject({ $pd: 1, subject: AIGERIM.subjectId });
    }
    const extension = stored.find((event) => event.type === 'DeadlineExtended');
    expect((extension?.data as { decidedBy: Record<string, JsonValue> }).decidedBy).toMatchObject({
      officerId: OFFICER.officerId,
      name: { $pd: 1, subject: OFFICER.officerId },
      position: 'deputyHead',
    });

    // Read through the protected store, everything is as the reporters gave it.
    const read = await everyEvent(store);
    expect(submitted(read, aigerims)?.data).toMatchObject({
      reporter: { kind: 'identified', ...AIGERIM },
    });
    const page = ok(await store.readStream(aigerims)());
    expect(page.events[0]?.data).toMatchObject({ reporter: { name: AIGERIM.name, iin: AIGERIM.iin } });
    // The anonymous reporter has no subject: no key was made for it.
    expect(submitted(read, anonymous)?.data).toMatchObject({ reporter: { kind: 'anonymous' } });
    expect(keys.size()).toBe(3);
  });

  it('gives the command result in the clear, and decodes it with the event codecs', async () => {
    const { client } = setup();
    const result = ok(
      await client.reports.submitReport({
        channel: 'map',
        region: 'KZ-71',
        point: { lat: 51.128, lon: 71.43 },
        category: 'misuseOfFunds',
        description: { text: 'Budget money for the school goes elsewhere', language: 'en' },
        evidence: [],
        reporter: { kind: 'identified', subjectId: AIGERIM.subjectId, name: AIGERIM.name },
      })(),
    );
    expect(result.recorded[0]?.data).toMatchObject({ reporter: { name: AIGERIM.name } });
    expect(result.events[0]).toMatchObject({ data: { reporter: { name: AIGERIM.name } } });
  });

  it('after forgetSubject, every read path reads the subject as erased; the stored events are unchanged', async () => {
    const { raw, store, client, time, keys } = setup();
    const { aigerims, bolats } = await personalScenario(client, time);
    const before = dump(await everyEvent(raw));

    const forgotten = ok(await forgetSubject(keys, AIGERIM.subjectId)());
    expect(forgotten).toMatchObject({ subject: AIGERIM.subjectId, hadKey: true, alreadyForgotten: false });
    expect(dump(await everyEvent(raw))).toBe(before);

    const erasedReporter = {
      kind: 'identified',
      subjectId: AIGERIM.subjectId,
      name: ERASED,
      phone: ERASED,
      iin: ERASED,
    };
    expect(submitted(await everyEvent(store), aigerims)?.data).toMatchObject({ reporter: erasedReporter });
    expect(ok(await store.readStream(aigerims)()).events[0]?.data).toMatchObject({
      reporter: erasedReporter,
    });
    expect(
      ok(await store.readStream(aigerims, { direction: 'backwards', max: 10 })()).events.at(-1)?.data,
    ).toMatchObject({ reporter: erasedReporter });
    // Others are untouched: Bolat, and the officer who extended Aigerim's report.
    expect(submitted(await everyEvent(store), bolats)?.data).toMatchObject({
      reporter: { name: BOLAT.name },
    });
    const extension = (await everyEvent(store)).find((event) => event.type === 'DeadlineExtended');
    expect(extension?.data).toMatchObject({ decidedBy: { name: OFFICER.name } });

    // A subscription delivers the erased form too.
    const delivered: RecordedEvent[] = [];
    let subscription: ReturnType<typeof store.subscribeToAll> | undefined;
    await new Promise<void>((resolve) => {
      subscription = store.subscribeToAll({ onCaughtUp: () => resolve() }, (event) => {
        delivered.push(event);
      });
    });
    await subscription?.stop();
    expect(delivered).toHaveLength(raw.size());
    expect(submitted(delivered, aigerims)?.data).toMatchObject({ reporter: erasedReporter });

    // The report's life goes on: the decider reads the erased reporter with the event codecs.
    time.set('2026-04-01');
    ok(
      await client.reports.recordAnswer(aigerims, {
        answer: { text: 'The inspection confirmed the substitution', language: 'en' },
        answeredBy: 'officer-12',
      })(),
    );

    // Forgetting again changes nothing; new personal data of the forgotten subject is refused, and nothing is stored.
    expect(ok(await forgetSubject(keys, AIGERIM.subjectId)())).toMatchObject({ alreadyForgotten: true });
    const size = raw.size();
    const again = refused(
      await client.reports.submitReport({
        channel: 'map',
        region: 'KZ-71',
        point: { lat: 51.128, lon: 71.43 },
        category: 'other',
        description: { text: 'Once more', language: 'en' },
        evidence: [],
        reporter: { kind: 'identified', subjectId: AIGERIM.subjectId, name: AIGERIM.name },
      })(),
    );
    expect(again).toMatchObject({ _tag: 'ValidationError' });
    expect(again.message).toMatch(
      /^events\.0\.data\.reporter\.name: subject citizen-aigerim was forgotten on .*give the person a new subject id$/,
    );
    expect(raw.size()).toBe(size);
  });

  it('reports a ciphertext moved to another event or field as tampering, never as erased', async () => {
    const { raw, store, client, time, problems } = setup();
    const { aigerims } = await personalScenario(client, time);
    const original = submitted(await everyEvent(raw), aigerims);
    const reporter = (original?.data as { reporter: Record<string, JsonValue> }).reporter;

    // Another event of another stream carries Aigerim's encrypted name, as if copied there by hand.
    const copied: EventToAppend = {
      id: '0190f3c2-7b1e-7c4a-9d2e-00000000c0de',
      type: 'ReportSubmitted',
      schemaVersion: 1,
      data: { ...(original?.data as Record<string, JsonValue>) },
      metadata: {},
    };
    const target = 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-0000000000aa';
    ok(await raw.appendToStream(target, [copied])());
    const read = await store.readStream(target)();
    expect(E.isLeft(read)).toBe(true);
    const problem = E.isLeft(read) ? personalDataProblem(read.left) : undefined;
    expect(problem).toMatchObject({
      _tag: 'PersonalDataTampered',
      kind: 'event',
      streamName: target,
      record: copied.id,
      path: 'reporter.name',
      subject: AIGERIM.subjectId,
    });
    expect(E.isLeft(read) && read.left.message).toMatch(
      /does not open: it was altered, or copied from another record or field \(and 2 more unreadable fields\)$/,
    );
    expect(problems.map((p) => p.path)).toEqual(['reporter.name', 'reporter.phone', 'reporter.iin']);

    // Within one event: the name's ciphertext put in the phone's place.
    const swapped = 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-0000000000bb';
    ok(
      await raw.appendToStream(swapped, [
        {
          ...copied,
          id: '0190f3c2-7b1e-7c4a-9d2e-00000000beef',
          data: {
            ...(original?.data as Record<string, JsonValue>),
            reporter: { ...reporter, phone: reporter.name ?? null },
          },
        },
      ])(),
    );
    const all = await store.readAll({})();
    expect(E.isLeft(all) && personalDataProblem(all.left)?._tag).toBe('PersonalDataTampered');

    // A subscription stops at the tampered event instead of delivering it.
    const subscription = store.subscribeToAll({}, () => undefined);
    const end = await subscription.ended;
    expect(end._tag).toBe('HandlerFailed');
    expect(end._tag === 'HandlerFailed' && end.cause).toBeInstanceOf(PersonalDataReadFailed);
  });

  it('fails a read whose subject the key store never saw, unless told to erase it', async () => {
    const raw = createMemoryEventStore();
    const written = portal(raw, { keys: createMemoryKeyStore() });
    const { aigerims } = await personalScenario(written, written.time);

    // The same events, read with an empty key store (as after restoring an old key backup).
    const strict = protectEventStore(raw, { keys: createMemoryKeyStore() });
    const failed = await strict.readStream(aigerims)();
    expect(E.isLeft(failed) && personalDataProblem(failed.left)?._tag).toBe('SubjectKeyMissing');
    expect(E.isLeft(failed) && failed.left.message).toMatch(
      /no key and no tombstone for subject citizen-aigerim/,
    );

    const lenient = protectEventStore(raw, { keys: createMemoryKeyStore(), missingKey: 'erase' });
    expect(ok(await lenient.readStream(aigerims)()).events[0]?.data).toMatchObject({
      reporter: { name: ERASED, phone: ERASED, iin: ERASED },
    });
  });

  it('refuses personal data without its subject id, naming the paths', async () => {
    const { store, raw } = setup({
      personalData: { ...PERSONAL_DATA, Noted: [{ subject: 'who', fields: ['name'] }] },
    });
    const refusal = refused(
      await store.appendToStream('note-KZ-71-1', [
        {
          id: '0190f3c2-7b1e-7c4a-9d2e-000000000101',
          type: 'Noted',
          schemaVersion: 1,
          data: { name: 'Aigerim' },
          metadata: {},
        },
      ])(),
    );
    expect(refusal.message).toBe(
      'events.0.data.who: personal data at name needs its subject id here (1 to 200 characters)',
    );
    expect(raw.size()).toBe(0);
  });

  it('encrypts people listed in arrays with `each`, one subject per element', async () => {
    const { store, raw } = setup({
      personalData: { Attended: [{ each: 'people', subject: 'id', fields: ['name', 'phone'] }] },
    });
    const data = {
      people: [
        { id: 'citizen-1', name: 'Aruzhan Bekova', phone: '+7 700 000 0001' },
        { id: 'citizen-2', name: 'Yerlan Omarov' },
      ],
    };
    ok(
      await store.appendToStream('meeting-KZ-71-1', [
        {
          id: '0190f3c2-7b1e-7c4a-9d2e-000000000102',
          type: 'Attended',
          schemaVersion: 1,
          data,
          metadata: {},
        },
      ])(),
    );
    const stored = dump(await everyEvent(raw));
    for (const needle of ['Aruzhan', 'Yerlan', '+7 700']) expect(stored).not.toContain(needle);
    expect(ok(await store.readStream('meeting-KZ-71-1')()).events[0]?.data).toEqual(data);
  });

  it('keeps an append idempotent: the same event ids again store nothing new', async () => {
    const { store, raw } = setup();
    const event: EventToAppend = {
      id: '0190f3c2-7b1e-7c4a-9d2e-000000000103',
      type: 'ReportSubmitted',
      schemaVersion: 1,
      data: { reporter: { kind: 'identified', subjectId: BOLAT.subjectId, name: BOLAT.name } },
      metadata: {},
    };
    const first = ok(
      await store.appendToStream('report-KZ-71-9', [event], { expectedRevision: 'no_stream' })(),
    );
    const again = ok(
      await store.appendToStream('report-KZ-71-9', [event], { expectedRevision: 'no_stream' })(),
    );
    expect(again.alreadyStored).toBe(true);
    expect(again.events[0]?.data).toEqual(first.events[0]?.data);
    expect(again.events[0]?.data).toEqual(event.data);
    expect(raw.size()).toBe(1);
  });
});

describeEventStoreContract({ describe, it }, 'memory, protected', async ({ limits }) => {
  const raw = createMemoryEventStore({ limits });
  const store = protectEventStore(raw, { keys: createMemoryKeyStore() });
  return { store, snapshots: store };
});
