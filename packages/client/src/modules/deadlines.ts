import type { Aggregate, EventStore, RecordedEvent, StoreError, ValidationError } from '@adal/core';
import {
  allEvents,
  DateFromIsoString,
  localDate,
  reportErrors,
  StoreReadFailed,
  validationError,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { HandleCommand } from '../handleCommand.js';

/**
 * An aggregate whose deadlines the job watches, seen through what the job needs: its stream category, a
 * fold of its streams' states, and a way to mark one stream overdue. Build it with {@link deadlineTarget}.
 *
 * @category deadlines
 * @since 0.1.0
 */
export interface DeadlineTarget {
  readonly category: string;
  /** A fresh index of states: `add` folds one recorded event (returning a reason when it cannot), `due` lists overdue ids. */
  readonly index: () => {
    readonly add: (recorded: RecordedEvent) => string | undefined;
    readonly due: (now: Date) => readonly string[];
  };
  readonly mark: (id: string, now: Date) => Promise<E.Either<string, 'marked' | 'alreadyMarked'>>;
}

const MARK_OVERDUE = (now: Date) => ({ type: 'MarkOverdue', at: now.toISOString() }) as const;

/**
 * Wraps an aggregate that takes `{ type: 'MarkOverdue', at }` for the deadline job. Its own decider tells
 * which streams are overdue, so the rule lives in one place.
 *
 * @category deadlines
 * @since 0.1.0
 */
export const deadlineTarget = <C, Ev extends { readonly type: string; readonly data: unknown }, S, Err>(
  aggregate: Aggregate<C, Ev, S, Err>,
  handleCommand: HandleCommand,
): DeadlineTarget => ({
  category: aggregate.category,
  index: () => {
    const states = new Map<string, S>();
    const broken = new Set<string>();
    return {
      add: (recorded) => {
        if (broken.has(recorded.streamName)) return undefined;
        const event = aggregate.events.decode(recorded);
        if (E.isLeft(event)) {
          broken.add(recorded.streamName);
          states.delete(recorded.streamName);
          return event.left.message;
        }
        const state = states.get(recorded.streamName) ?? aggregate.decider.initialState;
        states.set(recorded.streamName, aggregate.decider.evolve(state, event.right));
        return undefined;
      },
      due: (now) => {
        const command = aggregate.commands.decode(MARK_OVERDUE(now));
        if (E.isLeft(command)) return [];
        return [...states]
          .filter(([, state]) => {
            const decision = aggregate.decider.decide(command.right, state);
            return E.isRight(decision) && decision.right.length > 0;
          })
          .map(([id]) => id);
      },
    };
  },
  mark: async (id, now) => {
    // One command id per stream and day: a second run on the same day gets the first outcome back.
    const result = await handleCommand(aggregate, id, MARK_OVERDUE(now), {
      commandId: `mark-overdue:${id}:${localDate(now)}`,
    })();
    if (E.isLeft(result)) return E.left(messageOf(result.left));
    return E.right(
      result.right.alreadyHandled || result.right.events.length === 0 ? 'alreadyMarked' : 'marked',
    );
  },
});

/**
 * What a run of the deadline job did: the ids it marked overdue now, the ones already marked (by an earlier
 * run), and the ones it could not mark, with the reason.
 *
 * @category deadlines
 * @since 0.1.0
 */
export interface OverdueRun {
  readonly scanned: number;
  readonly marked: readonly string[];
  readonly alreadyMarked: readonly string[];
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * `client.deadlines`: the job that marks unanswered reports and unimplemented recommendations overdue once
 * their due date has passed. Safe to run twice (or from two instances at once): a report is marked once, and
 * the second run finds nothing new. Run it daily, after midnight in Kazakhstan.
 *
 * It reads the aggregates' streams from `$all` and asks each aggregate's own decider whether `MarkOverdue`
 * applies, so the rule lives in one place; the deadline-compliance read model will replace the scan.
 *
 * @category deadlines
 * @since 0.1.0
 */
export const deadlinesModule = (store: EventStore, targets: readonly DeadlineTarget[]) => ({
  markOverdue:
    (now: Date): TE.TaskEither<StoreError | ValidationError, OverdueRun> =>
    async () => {
      // A job scheduler may hand over anything (an invalid Date, a string from a config file): bad input is an
      // error to return, not an exception thrown half-way through the scan.
      const checked = DateFromIsoString.decode(now);
      if (E.isLeft(checked)) {
        return E.left(
          validationError(
            reportErrors(checked.left).map((issue) => ({ path: 'now', message: issue.message })),
          ),
        );
      }
      const when = checked.right;
      const marked: string[] = [];
      const alreadyMarked: string[] = [];
      const failed: { id: string; reason: string }[] = [];
      let scanned = 0;
      for (const target of targets) {
        const index = target.index();
        const seen = new Set<string>();
        try {
          for await (const recorded of allEvents(store, {
            filter: { streamPrefixes: [`${target.category}-`] },
            max: 1000,
          })) {
            seen.add(recorded.streamName);
            const problem = index.add(recorded);
            if (problem !== undefined) failed.push({ id: recorded.streamName, reason: problem });
          }
        } catch (error) {
          if (error instanceof StoreReadFailed) return E.left(error.error);
          throw error;
        }
        scanned += seen.size;
        for (const id of index.due(when)) {
          const outcome = await target.mark(id, when);
          if (E.isLeft(outcome)) failed.push({ id, reason: outcome.left });
          else if (outcome.right === 'marked') marked.push(id);
          else alreadyMarked.push(id);
        }
      }
      return E.right({ scanned, marked, alreadyMarked, failed });
    },
});

const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
    ? error.message
    : JSON.stringify(error);

/**
 * @category deadlines
 * @since 0.1.0
 */
export type DeadlinesModule = ReturnType<typeof deadlinesModule>;
