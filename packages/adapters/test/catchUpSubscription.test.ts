import type { AllPage, GlobalPosition, RecordedEvent } from '@adal/core';
import { globalPosition } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { CatchUpSource } from '../src/internal/catchUpSubscription.js';
import { catchUpSubscription } from '../src/internal/catchUpSubscription.js';

// The catch-up loop asks for the next page while the handler works through the current one, and only then.

const events: RecordedEvent[] = Array.from({ length: 10 }, (_, n) => ({
  id: `id-${n}`,
  type: 'Happened',
  schemaVersion: 1,
  streamName: 'report-KZ-71-1' as RecordedEvent['streamName'],
  streamRevision: BigInt(n),
  globalPosition: globalPosition(BigInt(n + 1), 0n),
  recordedAt: new Date(0),
  data: { n },
  metadata: {},
}));

/** A source over `events` in pages of 3 that records when each read started, relative to handled events. */
const source = (log: string[]): CatchUpSource => ({
  readAll: (options) => () => {
    const start =
      options.after === undefined
        ? 0
        : events.findIndex((e) => e.globalPosition > (options.after as GlobalPosition));
    const from = start < 0 ? events.length : start;
    log.push(`read ${from}`);
    const page = events.slice(from, from + 3);
    const result: AllPage = {
      events: page,
      next: page[page.length - 1]?.globalPosition ?? options.after,
      isEnd: from + 3 >= events.length,
    };
    return Promise.resolve(E.right(result));
  },
  onCommit: () => () => undefined,
  pollIntervalMs: 10_000,
  pageSize: 3,
  maxReadFailures: 3,
});

describe('catch-up subscription', () => {
  it('reads the next page while the current one is handled, and delivers every event once, in order', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    let caughtUp: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = catchUpSubscription(source(log), { onCaughtUp: () => caughtUp() }, async (event) => {
      log.push(`handle ${(event.data as { n: number }).n}`);
      seen.push((event.data as { n: number }).n);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    await done;
    await subscription.stop();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The read of page two (from 3) starts before event 0 is handled; the last page ends the log, so nothing
    // is read ahead after it.
    expect(log.indexOf('read 3')).toBeLessThan(log.indexOf('handle 0'));
    expect(log.indexOf('read 6')).toBeLessThan(log.indexOf('handle 3'));
    expect(log.filter((line) => line.startsWith('read'))).toEqual(['read 0', 'read 3', 'read 6', 'read 9']);
  });

  it('delivers nothing of the page read ahead when the handler fails', async () => {
    const seen: number[] = [];
    const subscription = catchUpSubscription(source([]), {}, (event) => {
      const n = (event.data as { n: number }).n;
      if (n === 1) throw new Error('bug');
      seen.push(n);
    });
    const end = await subscription.ended;
    expect(end).toMatchObject({ _tag: 'HandlerFailed', event: { id: 'id-1' } });
    expect(seen).toEqual([0]);
  });
});
