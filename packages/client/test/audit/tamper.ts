/**
 * Shared by the tamper tests: a sealed log made through the client's commands, a read-only store over a
 * list of recorded events (what a tampered database would hand the verifier), and the alterations.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { AllPage, EventStore, JsonValue, RecordedEvent, StreamPage } from '@adal/core';
import { allEvents, globalPosition, SEAL_STREAM, streamNotFound } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { chainEventStore, createAdalClient, eventHash, sealLog } from '../../src/index.js';
import { mixedScenario } from '../fixtures/mixedScenario.js';
import { movableClock, on, PSEUDONYM_KEY } from '../fixtures/modules.js';

export const KEYS = generateKeyPairSync('ed25519');

/** Builds a sealed log on `raw`: the mixed scenario, a seal, more work, a second seal. */
export const buildSealedLog = async (raw: EventStore): Promise<void> => {
  const store = chainEventStore(raw);
  const time = movableClock(on('2026-03-04'));
  const client = createAdalClient({ store, clock: time.clock, pseudonymKey: PSEUDONYM_KEY });
  await mixedScenario(client, time);
  const first = await sealLog(store, { signingKey: KEYS.privateKey })();
  if (E.isLeft(first)) throw new Error(first.left.message);
  time.set('2026-04-20');
  const more = await client.cases.registerCase({
    offence: { article: '366', part: 2 },
    region: 'KZ-75',
    source: 'audit',
  })();
  if (E.isLeft(more)) throw new Error(more.left.message);
  const started = await client.cases.startInvestigation(more.right.id, {
    investigatorId: 'investigator-3',
  })();
  if (E.isLeft(started)) throw new Error(started.left.message);
  const suspect = await client.cases.identifySuspect(more.right.id, {
    personId: 'p-1',
    position: 'akim',
    head: true,
    level: 'cityDistrict',
  })();
  if (E.isLeft(suspect)) throw new Error(suspect.left.message);
  const second = await sealLog(store, { signingKey: KEYS.privateKey })();
  if (E.isLeft(second)) throw new Error(second.left.message);
};

export const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of allEvents(store)) events.push(event);
  return events;
};

/** A store that serves exactly the given events, in the given order (reads only). */
export const storeOver = (events: readonly RecordedEvent[]): Pick<EventStore, 'readAll' | 'readStream'> => ({
  readAll:
    (options = {}) =>
    () => {
      const start = options.after === undefined ? 0 : Number(options.after.split('.')[0]) + 1;
      const max = options.max ?? 500;
      const slice = events.slice(start, start + max);
      const end = start + slice.length;
      const page: AllPage = {
        events: slice,
        next: globalPosition(BigInt(end - 1 < 0 ? 0 : end - 1), 0n),
        isEnd: end >= events.length,
      };
      return Promise.resolve(E.right(page));
    },
  readStream: (name) => () => {
    const found = events.filter((event) => event.streamName === name);
    const last = found[found.length - 1];
    if (last === undefined) return Promise.resolve(E.left(streamNotFound(name)));
    const page: StreamPage = { events: found, streamRevision: last.streamRevision };
    return Promise.resolve(E.right(page));
  },
});

/** The kinds of alteration a database administrator could make. */
export const ALTERATIONS = [
  'dataByte',
  'type',
  'metadata',
  'recordedAt',
  'revision',
  'delete',
  'insertCopy',
  'insertForged',
  'swapAdjacent',
  'moveToEnd',
] as const;
export type Alteration = (typeof ALTERATIONS)[number];

/** Changes one character of the first string found in a JSON value (depth first), or adds a field. */
export const changeOneByte = (value: JsonValue, seed: number): JsonValue => {
  let done = false;
  const walk = (v: JsonValue): JsonValue => {
    if (done) return v;
    if (typeof v === 'string' && v.length > 0) {
      done = true;
      const i = seed % v.length;
      const c = v.charCodeAt(i);
      return v.slice(0, i) + String.fromCharCode(c === 0x41 ? 0x42 : 0x41) + v.slice(i + 1);
    }
    if (Array.isArray(v)) return (v as readonly JsonValue[]).map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const changed = walk(value);
  return done ? changed : { ...(value as object), tampered: true };
};

/**
 * One alteration of a log at `index` (taken modulo the range that makes sense), as the database would then
 * read. `insertForged` recomputes the chain of the forged event, as a careful administrator would: only the
 * seal can catch it.
 */
export const alter = (
  log: readonly RecordedEvent[],
  kind: Alteration,
  index: number,
  seed: number,
): RecordedEvent[] => {
  const events = [...log];
  // The last event is the latest seal, which no seal covers: every alteration lands in the sealed part.
  const i = index % (events.length - 1);
  const target = events[i] as RecordedEvent;
  switch (kind) {
    case 'dataByte':
      events[i] = { ...target, data: changeOneByte(target.data, seed) };
      break;
    case 'type':
      events[i] = { ...target, type: `${target.type}X` };
      break;
    case 'metadata':
      events[i] = { ...target, metadata: { ...target.metadata, occurredAt: '2020-01-01T00:00:00.000Z' } };
      break;
    case 'recordedAt':
      events[i] = { ...target, recordedAt: new Date(target.recordedAt.getTime() + 1000) };
      break;
    case 'revision':
      events[i] = { ...target, streamRevision: target.streamRevision + 1n };
      break;
    case 'delete':
      events.splice(i, 1);
      break;
    case 'insertCopy':
      events.splice(i, 0, { ...target, id: crypto.randomUUID() });
      break;
    case 'insertForged': {
      // A new last event of a stream, correctly chained, slipped into the sealed part of $all after that
      // stream's real last event: the chains all hold, only the seal can tell.
      const sealed = log.length - 1;
      const lastIndex = new Map<string, number>();
      log.forEach((event, n) => lastIndex.set(event.streamName, n));
      const candidates = [...lastIndex].filter(([name, n]) => name !== SEAL_STREAM && n < sealed - 1);
      const [, at] = candidates[seed % candidates.length] as [string, number];
      const last = log[at] as RecordedEvent;
      const forged = {
        ...last,
        id: crypto.randomUUID(),
        streamRevision: last.streamRevision + 1n,
        data: changeOneByte(last.data, seed),
        metadata: { ...last.metadata, prevHash: last.metadata.hash ?? '' },
      };
      const place = at + 1 + (index % (sealed - at - 1));
      events.splice(place, 0, { ...forged, metadata: { ...forged.metadata, hash: eventHash(forged) } });
      break;
    }
    case 'swapAdjacent': {
      const j = i === events.length - 1 ? i - 1 : i;
      const [a, b] = [events[j] as RecordedEvent, events[j + 1] as RecordedEvent];
      events[j] = b;
      events[j + 1] = a;
      break;
    }
    case 'moveToEnd':
      events.splice(i, 1);
      events.push(target);
      break;
  }
  return events;
};
