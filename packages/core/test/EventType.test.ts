import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';
import { BigIntFromString, eventType, strict } from '../src/index.js';
import type { ValidationError } from '../src/index.js';

// ReportAnswered, written in three shapes over the years:
// v1 { text }, v2 adds the language (old answers were Russian), v3 renames text to body and adds the amount
// recovered, in tiyn (old answers recovered nothing).
const Language = t.keyof({ kk: null, ru: null, en: null });
const V1 = strict({ text: t.string });
const V2 = strict({ text: t.string, language: Language });
const V3 = strict({ body: t.string, language: Language, recovered: BigIntFromString });
type V1 = t.TypeOf<typeof V1>;
type V2 = t.TypeOf<typeof V2>;
type V3 = t.TypeOf<typeof V3>;

const up1 = (v1: V1): V2 => ({ text: v1.text, language: 'ru' });
const up2 = (v2: V2): V3 => ({ body: v2.text, language: v2.language, recovered: 0n });

const calls = { up1: 0, up2: 0 };
const ReportAnswered = eventType('ReportAnswered', V1)
  .upcast(V2, (v1) => {
    calls.up1++;
    return up1(v1);
  })
  .upcast(V3, (v2) => {
    calls.up2++;
    return up2(v2);
  });

const language = fc.constantFrom('kk' as const, 'ru' as const, 'en' as const);
const v1Arb: fc.Arbitrary<V1> = fc.record({ text: fc.string({ unit: 'grapheme' }) });
const v2Arb: fc.Arbitrary<V2> = fc.record({ text: fc.string({ unit: 'grapheme' }), language });
const v3Arb: fc.Arbitrary<V3> = fc.record({
  body: fc.string({ unit: 'grapheme' }),
  language,
  recovered: fc.bigInt({ min: 0n }),
});

const schemaVersionIssue = (result: E.Either<ValidationError, unknown>): string | undefined => {
  if (E.isRight(result)) return undefined;
  expect(result.left._tag).toBe('ValidationError');
  expect(result.left.issues).toHaveLength(1);
  expect(result.left.issues[0]?.path).toBe('schemaVersion');
  return result.left.issues[0]?.message;
};

describe('an event type with an upcaster chain', () => {
  it('is at its latest version and keeps its name', () => {
    expect(ReportAnswered.type).toBe('ReportAnswered');
    expect(ReportAnswered.schemaVersion).toBe(3);
    expect(eventType('ReportAnswered', V1).schemaVersion).toBe(1);
    expect(eventType('ReportAnswered', V1).upcast(V2, up1).schemaVersion).toBe(2);
  });

  it('reads data written at v1 as the v3 shape the upcasters give by hand', () => {
    fc.assert(
      fc.property(v1Arb, (v1) => {
        expect(ReportAnswered.decodeData(1, V1.encode(v1))).toEqual(E.right(up2(up1(v1))));
      }),
    );
  });

  it('reads data written at v2 as the v3 shape the last upcaster gives by hand', () => {
    fc.assert(
      fc.property(v2Arb, (v2) => {
        expect(ReportAnswered.decodeData(2, V2.encode(v2))).toEqual(E.right(up2(v2)));
      }),
    );
  });

  it('reads data written at v3 as it is', () => {
    fc.assert(
      fc.property(v3Arb, (v3) => {
        expect(ReportAnswered.decodeData(3, V3.encode(v3))).toEqual(E.right(v3));
      }),
    );
  });

  it('reads what it writes: decodeData(latest, encodeData(x)) is x', () => {
    fc.assert(
      fc.property(v3Arb, (v3) => {
        const encoded = ReportAnswered.encodeData(v3);
        expect(JSON.parse(JSON.stringify(encoded))).toEqual(encoded);
        expect(ReportAnswered.decodeData(ReportAnswered.schemaVersion, encoded)).toEqual(E.right(v3));
      }),
    );
  });

  it('runs each upcaster on the way exactly once, and none for the latest version', () => {
    calls.up1 = 0;
    calls.up2 = 0;
    ReportAnswered.decodeData(1, { text: 'a' });
    expect(calls).toEqual({ up1: 1, up2: 1 });
    ReportAnswered.decodeData(2, { text: 'a', language: 'kk' });
    expect(calls).toEqual({ up1: 1, up2: 2 });
    ReportAnswered.decodeData(3, { body: 'a', language: 'kk', recovered: '5' });
    expect(calls).toEqual({ up1: 1, up2: 2 });
  });

  it('refuses versions it does not know, naming schemaVersion', () => {
    expect(schemaVersionIssue(ReportAnswered.decodeData(0, { text: 'a' }))).toBe(
      'ReportAnswered has versions 1 to 3, got 0',
    );
    expect(
      schemaVersionIssue(ReportAnswered.decodeData(4, { body: 'a', language: 'kk', recovered: '0' })),
    ).toBe('ReportAnswered has versions 1 to 3, got 4');
    expect(schemaVersionIssue(ReportAnswered.decodeData(1.5, { text: 'a' }))).toBe(
      'ReportAnswered has versions 1 to 3, got 1.5',
    );
    expect(schemaVersionIssue(ReportAnswered.decodeData(Number.NaN, { text: 'a' }))).toBe(
      'ReportAnswered has versions 1 to 3, got NaN',
    );
  });

  it('refuses every number that is not one of its versions', () => {
    const notAVersion = fc.oneof(fc.integer(), fc.double()).filter((n) => ![1, 2, 3].includes(n));
    fc.assert(
      fc.property(notAVersion, (version) => {
        expect(schemaVersionIssue(ReportAnswered.decodeData(version, { text: 'a' }))).toBe(
          `ReportAnswered has versions 1 to 3, got ${String(version)}`,
        );
      }),
    );
  });

  it("refuses data that does not match the version it claims, with the old codec's issues", () => {
    const v3AsV1 = ReportAnswered.decodeData(1, { body: 'a', language: 'kk', recovered: '0' });
    expect(E.isLeft(v3AsV1) ? v3AsV1.left.issues : []).toEqual([
      { path: 'body', message: 'unknown field' },
      { path: 'language', message: 'unknown field' },
      { path: 'recovered', message: 'unknown field' },
      { path: 'text', message: 'expected string, got nothing' },
    ]);
    const v1AsV2 = ReportAnswered.decodeData(2, { text: 'a' });
    expect(E.isLeft(v1AsV2) ? v1AsV2.left.issues.map((i) => i.path) : []).toEqual(['language']);
    const badV3 = ReportAnswered.decodeData(3, { body: 'a', language: 'de', recovered: '0' });
    expect(E.isLeft(badV3) ? badV3.left.message : '').toBe('language: expected "kk" | "ru" | "en", got "de"');
  });

  it('checks data of the latest version with is', () => {
    fc.assert(
      fc.property(v3Arb, v1Arb, (v3, v1) => {
        expect(ReportAnswered.is(v3)).toBe(true);
        expect(ReportAnswered.is(v1)).toBe(false);
      }),
    );
  });

  it('makes events of its type', () => {
    const data: V3 = { body: 'Checked: the road was repaired', language: 'kk', recovered: 150_000n };
    expect(ReportAnswered.make(data)).toEqual({ type: 'ReportAnswered', data });
  });
});

describe('an event type at version 1', () => {
  const Registered = eventType('ReportRegistered', strict({ registeredAt: t.string }));

  it('reads version 1 and refuses any other', () => {
    expect(Registered.decodeData(1, { registeredAt: '2026-11-28' })).toEqual(
      E.right({ registeredAt: '2026-11-28' }),
    );
    for (const version of [0, 2, -1]) {
      expect(schemaVersionIssue(Registered.decodeData(version, { registeredAt: '2026-11-28' }))).toBe(
        `ReportRegistered has versions 1 to 1, got ${version}`,
      );
    }
  });
});
