import type {
  AllPage,
  EventHandler,
  ReadAllOptions,
  StoreError,
  SubscribeOptions,
  Subscription,
  SubscriptionEnd,
} from '@adal/core';
import { storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

/**
 * What a store gives the catch-up loop: a paged read of `$all`, and a way to be told that something new
 * was committed (the loop also polls, so a lost notification only delays delivery).
 */
export interface CatchUpSource {
  readonly readAll: (options: ReadAllOptions) => TE.TaskEither<StoreError, AllPage>;
  readonly onCommit: (listener: () => void) => () => void;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  /** How many failed reads in a row end the subscription (with a growing pause between tries). */
  readonly maxReadFailures: number;
}

/**
 * A subscription to `$all` built on paged reads: delivers what is stored after the checkpoint, then waits
 * for commits and delivers those, one event at a time and in order. The position it resumes from only moves
 * past an event once its handler has settled, so nothing is skipped and, within one run, nothing repeated.
 */
export const catchUpSubscription = (
  source: CatchUpSource,
  options: SubscribeOptions,
  handler: EventHandler,
): Subscription => {
  let stopped = false;
  let dirty = false;
  let wakeUp: (() => void) | undefined;
  const wake = () => {
    dirty = true;
    wakeUp?.();
  };
  const unlisten = source.onCommit(wake);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const read = (after: SubscribeOptions['after']): Promise<E.Either<StoreError, AllPage>> =>
    source
      .readAll({
        ...(after === undefined ? {} : { after }),
        ...(options.filter === undefined ? {} : { filter: options.filter }),
        max: source.pageSize,
      })()
      .catch((cause: unknown) => E.left(storeUnavailable(String(cause), cause)));

  const run = async (): Promise<SubscriptionEnd> => {
    let after = options.after;
    let failures = 0;
    // The next page, asked for while this one's events are handled (catching up, the store and the handler
    // work side by side); only when this page did not reach the end, so a live subscription reads as before.
    let ahead: Promise<E.Either<StoreError, AllPage>> | undefined;
    while (!stopped) {
      dirty = false;
      const page = await (ahead ?? read(after));
      ahead = undefined;
      if (page._tag === 'Left') {
        failures += 1;
        if (page.left._tag !== 'StoreUnavailable' || failures >= source.maxReadFailures) {
          const error =
            page.left._tag === 'StoreUnavailable'
              ? page.left
              : storeUnavailable(page.left.message, page.left);
          return { _tag: 'StoreFailed', error };
        }
        await sleep(Math.min(5000, 50 * 2 ** failures));
        continue;
      }
      failures = 0;
      if (!page.right.isEnd && page.right.next !== undefined) ahead = read(page.right.next);
      for (const event of page.right.events) {
        if (stopped) return { _tag: 'Stopped' };
        try {
          await handler(event);
        } catch (cause) {
          return { _tag: 'HandlerFailed', event, cause };
        }
        after = event.globalPosition;
      }
      if (page.right.next !== undefined) after = page.right.next;
      if (page.right.isEnd) {
        options.onCaughtUp?.(after);
        if (!dirty && !stopped) await sleep(source.pollIntervalMs);
      }
    }
    return { _tag: 'Stopped' };
  };

  const ended = run().finally(unlisten);
  return {
    ended,
    stop: async () => {
      stopped = true;
      wakeUp?.();
      await ended;
    },
  };
};
