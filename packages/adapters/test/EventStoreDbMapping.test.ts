import type { EventToAppend, StoreError } from '@adal/core';
import { compareGlobalPositions, globalPositionParts } from '@adal/core';
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import * as Kurrent from '@kurrent/kurrentdb-client';
import {
  PersistentSubscriptionDoesNotExistError,
  PersistentSubscriptionExistsError,
  PersistentSubscriptionMaximumSubscribersReachedError,
} from '@eventstore/db-client';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromEsdbCurrentRevision,
  fromEsdbError,
  fromEsdbEvent,
  fromEsdbPosition,
  isSystemEvent,
  isTransient,
  SCHEMA_VERSION_KEY,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEsdbServerFilter,
} from '../src/eventstoredb/mapping.js';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

/** A gRPC ServiceError as the client receives it, with the trailing metadata its error classes read. */
const serviceError = (message: string, metadata: Record<string, string>) =>
  ({
    name: 'Error',
    message,
    code: 14,
    details: message,
    metadata: { getMap: () => metadata },
  }) as never;

const reasonOf = (error: StoreError): unknown => (error as { reason?: unknown }).reason;

describe('EventStoreDB mapping: expected revisions', () => {
  it('passes the four expected revisions through unchanged (the client uses the same words)', () => {
    for (const expected of ['no_stream', 'stream_exists', 'any', 0n, 41n] as const) {
      expect(toEsdbExpectedRevision(expected)).toBe(expected);
    }
  });

  it("reads the client's current revision as our stream state", () => {
    expect(fromEsdbCurrentRevision('no_stream')).toBe('no_stream');
    expect(fromEsdbCurrentRevision(7n)).toBe(7n);
  });
});

describe('EventStoreDB mapping: positions', () => {
  it('round-trips a position (commit is the major part, prepare the minor)', () => {
    fc.assert(
      fc.property(u64, u64, (commit, prepare) => {
        const ours = fromEsdbPosition({ commit, prepare });
        expect(globalPositionParts(ours)).toEqual({ major: commit, minor: prepare });
        expect(toEsdbPosition(ours)).toEqual({ commit, prepare });
      }),
    );
  });

  it('keeps the order of positions (by commit, then prepare)', () => {
    fc.assert(
      fc.property(u64, u64, u64, u64, (c1, p1, c2, p2) => {
        const esdb = c1 === c2 ? Math.sign(Number(p1 - p2)) : Math.sign(Number(c1 - c2));
        const ours = compareGlobalPositions(
          fromEsdbPosition({ commit: c1, prepare: p1 }),
          fromEsdbPosition({ commit: c2, prepare: p2 }),
        );
        expect(ours).toBe(esdb);
      }),
    );
  });
});

describe('EventStoreDB mapping: events', () => {
  const toAppend: EventToAppend = {
    id: '0190f3c2-0000-7000-8000-000000000001',
    type: 'ReportSubmitted',
    schemaVersion: 3,
    data: { text: 'pothole', n: 1, nested: [true, null] },
    metadata: { correlationId: 'corr-1', actor: { role: 'citizen', region: 'KZ-71' }, hash: 'h' },
  };

  it('round-trips an event: JSON data, metadata, id, type, schema version in metadata, revision, time', () => {
    const written = toEsdbEventData(toAppend);
    expect(written.metadata).toEqual({ ...toAppend.metadata, [SCHEMA_VERSION_KEY]: 3 });
    const created = new Date('2026-01-02T03:04:05.000Z');
    const read = fromEsdbEvent({
      streamId: 'report-KZ-71-42',
      id: written.id,
      type: written.type,
      revision: 5n,
      data: written.data,
      metadata: written.metadata,
      created,
      position: { commit: 100n, prepare: 99n },
    });
    expect(read).toEqual({
      _tag: 'Right',
      right: {
        id: toAppend.id,
        type: toAppend.type,
        schemaVersion: 3,
        streamName: 'report-KZ-71-42',
        streamRevision: 5n,
        globalPosition: fromEsdbPosition({ commit: 100n, prepare: 99n }),
        recordedAt: created,
        data: toAppend.data,
        metadata: toAppend.metadata,
      },
    });
  });

  it('refuses events of streams outside our naming scheme, and events without a position', () => {
    const base = { id: 'x', type: 'T', revision: 0n, data: {}, metadata: {}, created: new Date(0) };
    expect(
      fromEsdbEvent({ ...base, streamId: '$stats-127.0.0.1:2113', position: { commit: 1n, prepare: 1n } })
        ._tag,
    ).toBe('Left');
    expect(fromEsdbEvent({ ...base, streamId: 'report-KZ-71-42' })._tag).toBe('Left');
  });

  it('tells system events apart', () => {
    expect(isSystemEvent({ streamId: '$settings', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'report-KZ-71-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'report-KZ-71-1', type: 'ReportSubmitted' })).toBe(false);
  });
});

describe('EventStoreDB mapping: server-side filters', () => {
  it('filters on stream-name prefixes when given (event types are then checked on our side)', () => {
    expect(toEsdbServerFilter({ streamPrefixes: ['report-', 'case-'], eventTypes: ['A'] })).toEqual({
      filterOn: 'streamName',
      prefixes: ['report-', 'case-'],
    });
  });

  it('filters on an exact list of event types with an anchored, escaped regex', () => {
    const filter = toEsdbServerFilter({ eventTypes: ['ReportSubmitted', 'Case.Opened'] });
    expect(filter.filterOn).toBe('eventType');
    const regex = new RegExp(filter.regex ?? '');
    expect(regex.test('ReportSubmitted')).toBe(true);
    expect(regex.test('Case.Opened')).toBe(true);
    expect(regex.test('CaseXOpened')).toBe(false);
    expect(regex.test('ReportSubmittedTwice')).toBe(false);
  });

  it('excludes system events when there is no filter', () => {
    const filter = toEsdbServerFilter();
    expect(filter.filterOn).toBe('eventType');
    const regex = new RegExp(filter.regex ?? '');
    expect(regex.test('$metadata')).toBe(false);
    expect(regex.test('ReportSubmitted')).toBe(true);
  });
});

describe("EventStoreDB mapping: the client's errors", () => {
  it('maps a wrong expected version against a missing stream to actual no_stream', () => {
    const error = fromEsdbError(
      new WrongExpectedVersionError(undefined, {
        streamName: 'report-KZ-71-42',
        expected: 3n,
        current: 'no_stream',
      }),
      { streamName: 'report-KZ-71-42', expected: 3n },
    );
    expect(error).toMatchObject({
      _tag: 'WrongExpectedRevision',
      streamName: 'report-KZ-71-42',
      expected: 3n,
      actual: 'no_stream',
    });
  });

  it('maps a wrong expected version from the server trailers (no actual-version: no stream)', () => {
    const fromServer = new WrongExpectedVersionError(
      serviceError('wrong expected version', { 'stream-name': 'report-KZ-71-1', 'expected-version': '0' }),
    );
    expect(fromEsdbError(fromServer)).toMatchObject({
      _tag: 'WrongExpectedRevision',
      expected: 0n,
      actual: 'no_stream',
    });
    const existing = new WrongExpectedVersionError(undefined, {
      streamName: 'report-KZ-71-1',
      expected: 'no_stream',
      current: 4n,
    });
    expect(fromEsdbError(existing, { expected: 'no_stream' })).toMatchObject({
      expected: 'no_stream',
      actual: 4n,
    });
  });

  it('maps a stream not found', () => {
    expect(
      fromEsdbError(new StreamNotFoundError(undefined, 'report-KZ-71-1'), { streamName: 'report-KZ-71-1' }),
    ).toMatchObject({ _tag: 'StreamNotFound', streamName: 'report-KZ-71-1' });
  });

  it('maps an append over the maximum append size to BatchTooLarge in bytes', () => {
    expect(fromEsdbError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576))).toMatchObject({
      _tag: 'BatchTooLarge',
      unit: 'bytes',
      limit: 1_048_576,
    });
  });

  it.each([
    [
      'not leader',
      () =>
        new NotLeaderError(
          serviceError('not leader', { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' }),
        ),
      'not_leader',
    ],
    ['unavailable', () => new UnavailableError(undefined, 'connection refused'), 'unavailable'],
    [
      'deadline exceeded',
      () => new DeadlineExceededError(undefined, 'deadline exceeded'),
      'deadline_exceeded',
    ],
    ['access denied', () => new AccessDeniedError(undefined, 'access denied'), 'access_denied'],
    ['an unknown error', () => new Error('boom'), 'unknown'],
    [
      'a raw gRPC UNAVAILABLE (a refused connection, as the client passes it on)',
      () => Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      'unavailable',
    ],
    [
      'a raw gRPC DEADLINE_EXCEEDED',
      () => Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }),
      'deadline_exceeded',
    ],
  ] as const)('maps %s to StoreUnavailable with its reason', (_name, make, reason) => {
    const error = fromEsdbError(make());
    expect(error._tag).toBe('StoreUnavailable');
    expect(reasonOf(error)).toBe(reason);
    expect(isTransient(error)).toBe(reason !== 'access_denied');
  });
});

describe('EventStoreDB mapping: persistent subscription errors', () => {
  it.each([
    [
      'a group that does not exist',
      () => new PersistentSubscriptionDoesNotExistError(undefined, { streamName: '$all', groupName: 'g' }),
      'group_not_found',
      true,
    ],
    [
      'a group that exists already',
      () => new PersistentSubscriptionExistsError(serviceError('exists', { 'group-name': 'g' })),
      'group_exists',
      true,
    ],
    [
      'a group with no free place',
      () =>
        new PersistentSubscriptionMaximumSubscribersReachedError(serviceError('full', { 'group-name': 'g' })),
      'group_full',
      true,
    ],
  ] as const)('maps %s to its reason', (_name, make, reason, transient) => {
    const error = fromEsdbError(make());
    expect(reasonOf(error)).toBe(reason);
    expect(isTransient(error)).toBe(transient);
  });
});

describe("KurrentDB mapping: @kurrent/kurrentdb-client's own error classes", () => {
  it('maps its wrong expected version (expectedState/actualState) like the older client', () => {
    const error = new Kurrent.WrongExpectedVersionError(undefined, {
      streamName: 'report-KZ-71-7',
      expected: 2n,
      current: 'no_stream',
    });
    expect(fromEsdbError(error)).toMatchObject({
      _tag: 'WrongExpectedRevision',
      streamName: 'report-KZ-71-7',
      expected: 2n,
      actual: 'no_stream',
    });
    const behind = new Kurrent.WrongExpectedVersionError(undefined, {
      streamName: 'report-KZ-71-7',
      expected: 'no_stream',
      current: 5n,
    });
    expect(fromEsdbError(behind)).toMatchObject({ expected: 'no_stream', actual: 5n });
  });

  it('maps a record over its size limit to BatchTooLarge with the size and the limit', () => {
    const error = new Kurrent.AppendRecordSizeExceededError(serviceError('too large', {}), {
      stream: 'report-KZ-71-7',
      recordId: 'r',
      size: 2_000_000,
      maxSize: 1_048_576,
    });
    expect(fromEsdbError(error)).toMatchObject({
      _tag: 'BatchTooLarge',
      unit: 'bytes',
      limit: 1_048_576,
      actual: 2_000_000,
    });
  });

  it('maps a tombstoned stream to StreamNotFound, and its unavailable/not-leader/access errors', () => {
    expect(
      fromEsdbError(
        new Kurrent.StreamTombstonedError(serviceError('tombstoned', {}), { stream: 'report-KZ-71-7' }),
        {
          streamName: 'report-KZ-71-7',
        },
      ),
    ).toMatchObject({ _tag: 'StreamNotFound', streamName: 'report-KZ-71-7' });
    expect(reasonOf(fromEsdbError(new Kurrent.UnavailableError(undefined, 'down')))).toBe('unavailable');
    expect(reasonOf(fromEsdbError(new Kurrent.AccessDeniedError(undefined, 'no')))).toBe('access_denied');
    expect(
      reasonOf(
        fromEsdbError(
          new Kurrent.NotLeaderError(
            serviceError('not leader', { 'leader-endpoint-host': 'n2', 'leader-endpoint-port': '2113' }),
          ),
        ),
      ),
    ).toBe('not_leader');
  });
});
