import type { EsdbRecordedEvent, EsdbSubscriptionItem } from './driver.js';

/** The part of the client's subscription (a Node readable stream) that {@link queuedItems} uses. */
export interface SubscriptionSource {
  on(event: 'data', listener: (resolved: never) => void): unknown;
  on(event: 'caughtUp' | 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** How many items wait before the stream is paused (the handler is slower than the server). */
const HIGH_WATER = 256;

/**
 * The client's subscription events (`data`, `caughtUp`, `error`, `end`) as one ordered async iterable, so a
 * `caughtUp` is seen between the events it came between, at once, and a drop ends the iteration with the
 * error (or, for an `end` the adapter did not ask for, simply ends it).
 */
export const queuedItems = <R>(
  source: SubscriptionSource,
  toEvent: (resolved: R) => EsdbRecordedEvent | undefined,
): AsyncIterable<EsdbSubscriptionItem> =>
  queued<EsdbSubscriptionItem, R>(
    source,
    (resolved) => {
      const event = toEvent(resolved);
      return event === undefined ? undefined : { _tag: 'Event', event };
    },
    { _tag: 'CaughtUp' },
  );

/**
 * A readable subscription's items in order as an async iterable, with back-pressure: the stream is paused
 * while {@link HIGH_WATER} items wait and resumed once half of them are taken. `caughtUp` becomes the given
 * item (when there is one); an `error` is thrown after what was queued before it.
 */
export const queued = <T, R>(
  source: SubscriptionSource,
  toItem: (resolved: R) => T | undefined,
  caughtUp?: T,
): AsyncIterable<T> => {
  const queue: T[] = [];
  let failure: { readonly error: unknown } | undefined;
  let ended = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const push = (item: T) => {
    queue.push(item);
    if (queue.length >= HIGH_WATER && !paused) {
      paused = true;
      source.pause();
    }
    wake?.();
  };
  source.on('data', (resolved: never) => {
    const item = toItem(resolved as R);
    if (item !== undefined) push(item);
  });
  if (caughtUp !== undefined) source.on('caughtUp', () => push(caughtUp));
  source.on('error', (error) => {
    failure ??= { error };
    wake?.();
  });
  const end = () => {
    ended = true;
    wake?.();
  };
  source.on('end', end);
  source.on('close', end);
  return {
    [Symbol.asyncIterator]: async function* () {
      for (;;) {
        if (queue.length > 0) {
          const item = queue.shift() as T;
          if (paused && queue.length < HIGH_WATER / 2) {
            paused = false;
            source.resume();
          }
          yield item;
          continue;
        }
        if (failure !== undefined) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
};
