/**
 * Shared fixtures of the personal-data tests: people with a name, a phone and an IIN, a scenario that puts
 * them in reports (and an officer's name in an extension), the strings a scan looks for, and a small
 * aggregate whose snapshots keep a person's name, to test protected snapshots.
 */
import type {
  Aggregate,
  Erased,
  EventStore,
  PersonalDataSpec,
  ReadModelStore,
  SnapshotStore,
} from '@adal/core';
import {
  boundedText,
  defaultDomainEnvironment,
  eventRegistry,
  eventType,
  iinCheckDigit,
  personal,
  strict,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { chainEventStore } from '../../src/audit/index.js';
import type { HandleCommand, ReadModelsModule, ReportsModule } from '../../src/index.js';
import { createCommandHandler, createUuidV7, readModelsModule, reportsModule } from '../../src/index.js';
import type { ProtectionOptions } from '../../src/protection/index.js';
import { protectEventStore } from '../../src/protection/index.js';
import { en, movableClock, ok, on, REPORT_INPUTS } from '../fixtures/modules.js';

/** A valid IIN from its first 11 digits (those whose check digit exists). */
export const iin = (first11: string): string => {
  const check = iinCheckDigit(first11);
  if (check === undefined) throw new Error(`no IIN starts with ${first11}`);
  return `${first11}${check}`;
};

export const AIGERIM = {
  subjectId: 'citizen-aigerim',
  name: 'Айгерім Нұрланқызы Сейітова',
  phone: '+7 701 555 0123',
  iin: iin('92031540175'),
} as const;

export const BOLAT = {
  subjectId: 'citizen-bolat',
  name: 'Bolat Zhaksylykovich Serikbayev',
  phone: '+7 702 444 9876',
  iin: iin('85112230298'),
} as const;

export const OFFICER = {
  officerId: 'officer-dauren',
  name: 'Dauren Abaiuly Sadykov',
  position: 'deputyHead',
} as const;

/** The strings of a person that must never be stored in the clear, in every form JSON may give them. */
export const needlesOf = (person: {
  readonly name: string;
  readonly phone?: string;
  readonly iin?: string;
}) =>
  [person.name, person.phone, person.iin]
    .filter((value): value is string => value !== undefined)
    .flatMap((value) => [value, escaped(value)])
    .filter((value, index, all) => all.indexOf(value) === index);

/** A string as JSON writes it with every non-ASCII character escaped (`\u04d9`). */
const escaped = (value: string): string =>
  [...value]
    .map((c) => (c.charCodeAt(0) < 128 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .join('');

/** Which of the needles a text holds. */
export const foundIn = (text: string, needles: readonly string[]): string[] =>
  needles.filter((needle) => text.includes(needle) || text.toLowerCase().includes(needle.toLowerCase()));

/** The parts of a client these tests use. */
export interface Portal<S extends EventStore> {
  /** What the portal reads and writes through: protected (when asked) over the hash chain over `raw`. */
  readonly store: S;
  /** The hash-chained store under the protection: the stored form, which `verify` reads. */
  readonly chained: S;
  readonly handleCommand: HandleCommand;
  readonly reports: ReportsModule;
  readonly readModels: ReadModelsModule;
  readonly time: ReturnType<typeof movableClock>;
}

/**
 * A portal over a raw store, composed as the client composes it once personal data is wired in:
 * `protectEventStore(chainEventStore(raw))` — encryption first, so the chain hashes the encrypted form.
 * Without `protection`, the chained store alone (an unprotected control).
 */
export const portal = <S extends EventStore & SnapshotStore>(
  raw: S,
  protection?: ProtectionOptions,
): Portal<S> => {
  const time = movableClock(on('2026-03-04'));
  const chained = chainEventStore(raw);
  const store = protection === undefined ? chained : protectEventStore(chained, protection);
  const newId = createUuidV7(() => time.clock().getTime());
  const handleCommand = createCommandHandler({ store, snapshots: store, clock: time.clock, newId });
  const runtime = { handleCommand, clock: time.clock, newId };
  return {
    store,
    chained,
    handleCommand,
    reports: reportsModule(defaultDomainEnvironment, runtime),
    readModels: readModelsModule({ store, domain: defaultDomainEnvironment, clock: time.clock }),
    time,
  };
};

const identified = (person: typeof AIGERIM | typeof BOLAT) => ({
  kind: 'identified' as const,
  subjectId: person.subjectId,
  name: person.name,
  phone: person.phone,
  iin: person.iin,
});

/**
 * Aigerim and Bolat each submit an identified report; Aigerim's is registered, extended by the officer and
 * answered; an anonymous report comes in too. Returns the report ids.
 */
export const personalScenario = async (
  client: Pick<Portal<EventStore>, 'reports'>,
  time: { set: (date: string, time?: string) => void },
) => {
  time.set('2026-03-04');
  const aigerims = ok(
    await client.reports.submitReport({ ...REPORT_INPUTS.submitReport, reporter: identified(AIGERIM) })(),
  ).id;
  const bolats = ok(
    await client.reports.submitReport({
      ...REPORT_INPUTS.submitReport,
      region: 'KZ-75',
      point: { lat: 43.24, lon: 76.89 },
      reporter: identified(BOLAT),
    })(),
  ).id;
  const anonymous = ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)()).id;
  time.set('2026-03-10');
  ok(await client.reports.registerReport(aigerims, { registrationNumber: 'AST-2026-000777' })());
  time.set('2026-03-20');
  ok(
    await client.reports.extendDeadline(aigerims, {
      newDueOn: '2026-04-20',
      decidedBy: OFFICER,
      reason: en('the site inspection needs the builder’s documents'),
    })(),
  );
  time.set('2026-03-26');
  ok(await client.reports.notifyReporterOfExtension(aigerims, { channel: 'sms' })());
  return { aigerims, bolats, anonymous };
};

/** Runs the client's read models until they have seen every event. */
export const catchUp = async (client: Pick<Portal<EventStore>, 'readModels'>): Promise<void> => {
  const runner = client.readModels.runner({ batchSize: 200 });
  await runner.start();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
  await runner.stop();
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
};

/** Rebuilds every read model from the first event (a new generation each), as after forgetting someone. */
export const rebuildAll = async (client: Pick<Portal<EventStore>, 'readModels'>): Promise<void> => {
  const runner = client.readModels.runner({ batchSize: 200 });
  await runner.start();
  try {
    const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 60_000 });
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    for (const projection of client.readModels.projections) {
      const started = await runner.rebuild(projection.name);
      if (E.isLeft(started)) throw new Error(started.left.message);
      const done = await started.right.done;
      if (E.isLeft(done)) throw new Error(done.left.message);
    }
  } finally {
    await runner.stop();
  }
};

/** Every document of every read model the client has, as JSON text. */
export const readModelText = async (
  client: Pick<Portal<EventStore>, 'readModels'>,
  documents: Pick<ReadModelStore, 'findDocuments'>,
): Promise<{ text: string; count: number }> => {
  const parts: string[] = [];
  let count = 0;
  for (const projection of client.readModels.projections) {
    let after: string | undefined;
    for (;;) {
      const page = await documents.findDocuments(projection.name, {
        limit: 1000,
        ...(after === undefined ? {} : { after }),
      })();
      if (E.isLeft(page)) throw new Error(page.left.message);
      for (const { id, document } of page.right.documents) {
        parts.push(`${projection.name}/${id}: ${JSON.stringify(document)}`);
        count += 1;
      }
      if (page.right.next === undefined) break;
      after = page.right.next;
    }
  }
  return { text: parts.join('\n'), count };
};

// ---------------------------------------------------------------------------------------------------------
// A small aggregate whose state keeps the last person's name, snapshotted after every command.

const Person = strict({ subjectId: boundedText(100), name: personal(boundedText(200)) }, {}, 'Person');
const PersonListed = eventType('PersonListed', strict({ person: Person }));
const Touched = eventType('RegisterTouched', strict({ note: boundedText(50) }));
const ListEvents = eventRegistry(PersonListed, Touched);
type ListEvent = ReturnType<typeof PersonListed.make> | ReturnType<typeof Touched.make>;

const ListCommand = t.union([
  strict({ type: t.literal('ListPerson'), subjectId: boundedText(100), name: boundedText(200) }),
  strict({ type: t.literal('Touch'), note: boundedText(50) }),
]);
type ListCommand = t.TypeOf<typeof ListCommand>;

export interface ListState {
  readonly count: number;
  readonly lastSubject?: string;
  readonly lastName?: string | Erased;
}

const ListState = strict(
  { count: t.number },
  { lastSubject: boundedText(100), lastName: personal(boundedText(200)) },
  'ListState',
);

/** The snapshots of the list keep the last person's name: declared personal, by snapshot version. */
export const LIST_SNAPSHOT_SPEC: PersonalDataSpec = {
  'list-v1': [{ subject: 'lastSubject', fields: ['lastName'] }],
};

/** The events of the list: the person's name is personal. */
export const LIST_EVENT_SPEC: PersonalDataSpec = {
  PersonListed: [{ subject: 'person.subjectId', fields: ['person.name'] }],
};

export const PersonList: Aggregate<ListCommand, ListEvent, ListState, never> = {
  name: 'PersonList',
  category: 'list',
  commands: ListCommand,
  events: ListEvents,
  decider: {
    initialState: { count: 0 },
    evolve: (state, event) =>
      event.type === 'PersonListed'
        ? {
            count: state.count + 1,
            lastSubject: event.data.person.subjectId,
            lastName: event.data.person.name,
          }
        : state,
    decide: (command) =>
      E.right(
        command.type === 'ListPerson'
          ? [PersonListed.make({ person: { subjectId: command.subjectId, name: command.name } })]
          : [Touched.make({ note: command.note })],
      ),
  },
  snapshot: { version: 'list-v1', codec: ListState, every: 1 },
};

/** The snapshot the store holds for a stream, as stored. */
export const storedSnapshot = async (snapshots: SnapshotStore, streamName: string) => {
  const read = await snapshots.readSnapshot(streamName)();
  if (E.isLeft(read)) throw new Error(read.left.message);
  return read.right._tag === 'Some' ? read.right.value : undefined;
};

export { on };

/** JSON text of anything a store gives back (bigints as decimal strings, dates as ISO strings). */
export const dump = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
