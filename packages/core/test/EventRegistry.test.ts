import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { BigIntFromString, eventRegistry, eventType, isJsonValue, strict } from '../src/index.js';
import type { EventOf } from '../src/index.js';

const Opened = eventType(
  'CaseOpened',
  strict({ region: t.string, damage: BigIntFromString }, { note: t.string }),
);
const Closed = eventType('CaseClosed', strict({ reason: t.string })).upcast(
  strict({ reason: t.string, recovered: BigIntFromString }),
  (v1) => ({ ...v1, recovered: 0n }),
);
const events = eventRegistry(Opened, Closed);
type CaseEvent = EventOf<typeof Opened> | EventOf<typeof Closed>;

const caseEvent: fc.Arbitrary<CaseEvent> = fc.oneof(
  fc
    .record(
      { region: fc.string(), damage: fc.bigInt(), note: fc.string() },
      { requiredKeys: ['region', 'damage'] },
    )
    .map((data) => Opened.make(data)),
  fc.record({ reason: fc.string(), recovered: fc.bigInt({ min: 0n }) }).map((data) => Closed.make(data)),
);

describe('eventRegistry', () => {
  it('knows its types by name', () => {
    expect(events.has('CaseOpened')).toBe(true);
    expect(events.has('CaseClosed')).toBe(true);
    expect(events.has('CaseReopened')).toBe(false);
    expect([...events.types.keys()]).toEqual(['CaseOpened', 'CaseClosed']);
    expect(events.types.get('CaseClosed')).toBe(Closed);
  });

  it("encodes each event at its type's current version, as JSON", () => {
    expect(events.encode(Opened.make({ region: 'KZ-71', damage: 15_000_000n }))).toEqual({
      type: 'CaseOpened',
      schemaVersion: 1,
      data: { region: 'KZ-71', damage: '15000000' },
    });
    expect(events.encode(Closed.make({ reason: 'convicted', recovered: 5n }))).toEqual({
      type: 'CaseClosed',
      schemaVersion: 2,
      data: { reason: 'convicted', recovered: '5' },
    });
  });

  it('decodes what it encodes, for any event', () => {
    fc.assert(
      fc.property(caseEvent, (event) => {
        const encoded = events.encode(event);
        expect(isJsonValue(encoded.data)).toBe(true);
        expect(events.decode(JSON.parse(JSON.stringify(encoded)))).toEqual(E.right(event));
      }),
    );
  });

  it("decodes older versions through the type's upcasters", () => {
    expect(events.decode({ type: 'CaseClosed', schemaVersion: 1, data: { reason: 'dropped' } })).toEqual(
      E.right({ type: 'CaseClosed', data: { reason: 'dropped', recovered: 0n } }),
    );
  });

  it('refuses an unknown type at the path "type"', () => {
    const result = events.decode({ type: 'CaseReopened', schemaVersion: 1, data: {} });
    expect(E.isLeft(result) ? result.left.issues : []).toEqual([
      { path: 'type', message: 'unknown event type "CaseReopened"' },
    ]);
  });

  it('refuses bad data and unknown versions of a known type', () => {
    const badData = events.decode({
      type: 'CaseOpened',
      schemaVersion: 1,
      data: { region: 'KZ-71', damage: 15 },
    });
    expect(E.isLeft(badData) ? badData.left.message : '').toBe(
      'damage: expected an integer as a decimal string, got 15',
    );
    const badVersion = events.decode({
      type: 'CaseClosed',
      schemaVersion: 3,
      data: { reason: 'x', recovered: '0' },
    });
    expect(E.isLeft(badVersion) ? badVersion.left.message : '').toBe(
      'schemaVersion: CaseClosed has versions 1 to 2, got 3',
    );
  });

  it('refuses two types of one name when it is built', () => {
    const Twin = eventType('CaseOpened', strict({ other: t.string }));
    expect(() => eventRegistry(Opened, Twin)).toThrow('event type CaseOpened is registered twice');
  });
});
