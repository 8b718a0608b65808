import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isExpectedRevision, satisfiesExpectedRevision, showRevision } from '../src/index.js';
import type { ExpectedRevision, StreamState } from '../src/index.js';

const revision = fc.bigInt({ min: 0n, max: (1n << 63n) - 1n });
const streamState: fc.Arbitrary<StreamState> = fc.oneof(fc.constant('no_stream' as const), revision);
const expectedRevision: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constantFrom('no_stream' as const, 'stream_exists' as const, 'any' as const),
  revision,
);

describe('satisfiesExpectedRevision', () => {
  it('follows the truth table of the four forms', () => {
    const states: StreamState[] = ['no_stream', 0n, 1n, 7n];
    const table: ReadonlyArray<readonly [ExpectedRevision, readonly boolean[]]> = [
      ['any', [true, true, true, true]],
      ['no_stream', [true, false, false, false]],
      ['stream_exists', [false, true, true, true]],
      [0n, [false, true, false, false]],
      [1n, [false, false, true, false]],
      [7n, [false, false, false, true]],
      [3n, [false, false, false, false]],
    ];
    for (const [expected, row] of table) {
      expect(states.map((actual) => satisfiesExpectedRevision(expected, actual))).toEqual(row);
    }
  });

  it('"any" accepts every state', () => {
    fc.assert(
      fc.property(streamState, (actual) => {
        expect(satisfiesExpectedRevision('any', actual)).toBe(true);
      }),
    );
  });

  it('"no_stream" accepts only a stream without events', () => {
    fc.assert(
      fc.property(streamState, (actual) => {
        expect(satisfiesExpectedRevision('no_stream', actual)).toBe(actual === 'no_stream');
      }),
    );
  });

  it('"stream_exists" accepts every stream with at least one event', () => {
    fc.assert(
      fc.property(streamState, (actual) => {
        expect(satisfiesExpectedRevision('stream_exists', actual)).toBe(typeof actual === 'bigint');
      }),
    );
  });

  it('a revision accepts exactly that revision, compared by value', () => {
    fc.assert(
      fc.property(revision, streamState, (expected, actual) => {
        expect(satisfiesExpectedRevision(expected, actual)).toBe(
          typeof actual === 'bigint' && actual === expected,
        );
        // A revision computed at run time (not the same literal) still matches.
        expect(satisfiesExpectedRevision(expected, BigInt(expected.toString()))).toBe(true);
      }),
    );
  });
});

describe('isExpectedRevision', () => {
  it('accepts the three names and every revision from 0', () => {
    fc.assert(
      fc.property(expectedRevision, (expected) => {
        expect(isExpectedRevision(expected)).toBe(true);
      }),
    );
  });

  it('refuses negative revisions, numbers, other strings and nothing', () => {
    fc.assert(
      fc.property(fc.bigInt({ max: -1n }), (negative) => {
        expect(isExpectedRevision(negative)).toBe(false);
      }),
    );
    for (const u of [0, 1, -1, 'latest', 'NO_STREAM', 'exists', '', null, undefined, {}, ['any']]) {
      expect(isExpectedRevision(u)).toBe(false);
    }
  });
});

describe('showRevision', () => {
  it('writes revisions as decimal numbers and names as they are', () => {
    expect(showRevision(42n)).toBe('42');
    expect(showRevision('no_stream')).toBe('no_stream');
    expect(showRevision('stream_exists')).toBe('stream_exists');
    expect(showRevision('any')).toBe('any');
  });
});
