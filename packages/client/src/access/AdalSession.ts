import type { InvalidStreamName, StreamName, ValidationError } from '@adal/core';
import { parseStreamName, Region, reportErrors, streamNameParts, validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { CommandOptions, HandleCommand } from '../handleCommand.js';
import type { CasesModule } from '../modules/cases.js';
import type { DeadlinesModule } from '../modules/deadlines.js';
import type { GroupsModule } from '../modules/groups.js';
import type { RatingsModule } from '../modules/ratings.js';
import type { RecommendationsModule } from '../modules/recommendations.js';
import type { ReportsModule } from '../modules/reports.js';
import type { RoadmapsModule } from '../modules/roadmaps.js';
import type { ReadModelsModule } from '../readModels/readModelsModule.js';
import type { AccessDenied } from './AccessDenied.js';
import { accessDenied } from './AccessDenied.js';
import type { CommandTarget } from './authorize.js';
import { authorizeCommand, authorizeQuery } from './authorize.js';
import type { CommandModuleName } from './commandPolicy.js';
import { CREATING_COMMANDS } from './commandPolicy.js';
import type { QueryGroupName } from './queryPolicy.js';
import type { SessionActor } from './SessionActor.js';
import { eventActor, regionOf, sessionActor } from './SessionActor.js';

/**
 * A module's methods as a session offers them: the same arguments, and `AccessDenied` (or, for a bad
 * region argument, `ValidationError`) among the errors.
 *
 * @category access
 * @since 0.1.0
 */
export type Guarded<M> = {
  readonly [K in keyof M]: M[K] extends (...args: infer A) => TE.TaskEither<infer L, infer R>
    ? (...args: A) => TE.TaskEither<L | AccessDenied | ValidationError, R>
    : never;
};

/**
 * The read-model queries as a session offers them: public queries for everyone, internal ones for their
 * readers in their own region ({@link QUERY_POLICY}). The runner is not offered: it is the server's.
 *
 * @category access
 * @since 0.1.0
 */
export type SessionReadModels = { readonly [G in QueryGroupName]: Guarded<ReadModelsModule[G]> };

/**
 * The client as one actor sees it: the same modules as the client, each command checked against
 * {@link COMMAND_POLICY} before anything is read or appended, and the actor recorded in the metadata of
 * every event the session appends. `options.actor` is ignored: a session records its own actor.
 *
 * @category access
 * @since 0.1.0
 */
export interface AdalSession {
  readonly actor: SessionActor;
  readonly reports: Guarded<ReportsModule>;
  readonly ratings: Guarded<RatingsModule>;
  readonly cases: Guarded<CasesModule>;
  readonly recommendations: Guarded<RecommendationsModule>;
  readonly groups: Guarded<GroupsModule>;
  readonly roadmaps: Guarded<RoadmapsModule>;
  /** The deadline job, for the `system` actor only. */
  readonly deadlines: Guarded<DeadlinesModule>;
  readonly readModels: SessionReadModels;
}

/**
 * What a session is built from: the client's trusted modules, and a way to build the deadline job over a
 * command handler (the session's own, which records its actor).
 *
 * @category access
 * @since 0.1.0
 */
export interface SessionParts {
  readonly handleCommand: HandleCommand;
  readonly reports: ReportsModule;
  readonly ratings: RatingsModule;
  readonly cases: CasesModule;
  readonly recommendations: RecommendationsModule;
  readonly groups: GroupsModule;
  readonly roadmaps: RoadmapsModule;
  readonly readModels: ReadModelsModule;
  readonly deadlines: (handleCommand: HandleCommand) => DeadlinesModule;
}

/**
 * Opens a session for an actor over the client's modules; `client.as(actor)` calls it. A bad actor (an
 * unknown role, a bad region code, no id) is a `ValidationError` naming the field (`actor.role`, …).
 *
 * @category access
 * @since 0.1.0
 */
export const openSession = (parts: SessionParts, input: unknown): E.Either<ValidationError, AdalSession> =>
  E.map((actor: SessionActor): AdalSession => {
    const recorded = eventActor(actor);
    const handleCommand: HandleCommand = (aggregate, streamName, command, options) =>
      parts.handleCommand(aggregate, streamName, command, { ...options, actor: recorded });
    const job = parts.deadlines(handleCommand);
    return {
      actor,
      reports: guardCommands('reports', parts.reports, actor),
      ratings: guardCommands('ratings', parts.ratings, actor),
      cases: guardCommands('cases', parts.cases, actor),
      recommendations: guardCommands('recommendations', parts.recommendations, actor),
      groups: guardCommands('groups', parts.groups, actor),
      roadmaps: guardCommands('roadmaps', parts.roadmaps, actor),
      deadlines: {
        markOverdue: (now) => guarded(() => authorizeDeadlineJob(actor), job.markOverdue(now)),
      },
      readModels: {
        caseStatistics: guardQueries('caseStatistics', parts.readModels.caseStatistics, actor),
        reportsMap: guardQueries('reportsMap', parts.readModels.reportsMap, actor),
        deadlineCompliance: guardQueries('deadlineCompliance', parts.readModels.deadlineCompliance, actor),
        recommendationImplementation: guardQueries(
          'recommendationImplementation',
          parts.readModels.recommendationImplementation,
          actor,
        ),
        serviceQuality: guardQueries('serviceQuality', parts.readModels.serviceQuality, actor),
        roadmapProgress: guardQueries('roadmapProgress', parts.readModels.roadmapProgress, actor),
      },
    };
  })(sessionActor(input));

type AnyTask = (...args: readonly unknown[]) => TE.TaskEither<unknown, unknown>;

/** Runs `task` only when `check` lets it: a refusal never starts it, so nothing is read or appended. */
const guarded =
  <D, L, R>(check: () => E.Either<D, void>, task: TE.TaskEither<L, R>): TE.TaskEither<D | L, R> =>
  async () => {
    const verdict = check();
    return E.isLeft(verdict) ? verdict : task();
  };

/** Wraps every command method of a module with the policy's check and the session's actor. */
const guardCommands = <M extends object>(
  module: CommandModuleName,
  methods: M,
  actor: SessionActor,
): Guarded<M> => {
  const recorded = eventActor(actor);
  const withActor = (options: unknown): CommandOptions => ({
    ...(typeof options === 'object' && options !== null ? options : {}),
    actor: recorded,
  });
  const guardedMethods: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods) as [string, unknown][]) {
    if (typeof method !== 'function') continue;
    const call = method as AnyTask;
    const command = name.charAt(0).toUpperCase() + name.slice(1);
    guardedMethods[name] =
      command === CREATING_COMMANDS[module]
        ? (input: unknown, options?: unknown) =>
            guarded(
              () => authorizeCommand(actor, module, command, input, () => regionNamed(module, input)),
              () => call(input, withActor(options))(),
            )
        : (id: unknown, input?: unknown, options?: unknown) =>
            guarded(
              () =>
                E.flatMap(() => streamChecked(id))(
                  authorizeCommand(actor, module, command, input ?? {}, () => regionOfStream(id)),
                ),
              () => call(id, input, withActor(options))(),
            );
  }
  return guardedMethods as Guarded<M>;
};

/** Wraps every query of a read model with the policy's check. */
const guardQueries = <Q extends object>(
  group: QueryGroupName,
  queries: Q,
  actor: SessionActor,
): Guarded<Q> => {
  const guardedQueries: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(queries) as [string, unknown][]) {
    if (typeof query !== 'function') continue;
    const call = query as AnyTask;
    guardedQueries[name] = (...args: readonly unknown[]) =>
      guarded(
        () => authorizeQuery(actor, group, name, args),
        () => call(...args)(),
      );
  }
  return guardedQueries as Guarded<Q>;
};

/** The deadline job issues `MarkOverdue` on reports and on recommendations: the actor needs both. */
const authorizeDeadlineJob = (actor: SessionActor): E.Either<AccessDenied, void> => {
  for (const module of ['reports', 'recommendations'] as const) {
    const verdict = authorizeCommand(actor, module, 'MarkOverdue', {}, () => E.right('national'));
    if (E.isLeft(verdict)) {
      const refusal = verdict.left;
      // The job's target is given, never parsed from input, so only access control can refuse it.
      return E.left(
        refusal._tag === 'AccessDenied'
          ? { ...refusal, module: 'deadlines' }
          : accessDenied(
              {
                rule: 'RoleNotAllowed',
                role: actor.role,
                region: regionOf(actor),
                module: 'deadlines',
                command: 'MarkOverdue',
              },
              refusal.message,
            ),
      );
    }
  }
  return E.right(undefined);
};

/** The region a starting command names (a roadmap without one is national, `KZ-00`). */
const regionNamed = (module: CommandModuleName, input: unknown): CommandTarget => {
  const region = typeof input === 'object' && input !== null && 'region' in input ? input.region : undefined;
  if (module === 'roadmaps' && region === undefined) return E.right('KZ-00');
  const decoded = Region.decode(region);
  return E.isRight(decoded)
    ? E.right(decoded.right)
    : E.left(
        validationError(
          reportErrors(decoded.left).map((issue) => ({ path: 'region', message: issue.message })),
        ),
      );
};

/** The region of the stream a command acts on, from its id. */
const regionOfStream = (id: unknown): CommandTarget => {
  if (typeof id !== 'string') {
    return E.left(
      validationError([{ path: 'id', message: `expected a stream name such as "report-KZ-71-…"` }]),
    );
  }
  return E.map((name: StreamName) => streamNameParts(name).region)(parseStreamName(id));
};

/** Whether an id names a stream: an id that does not never reaches the module, whatever the role. */
const streamChecked = (id: unknown): E.Either<ValidationError | InvalidStreamName, void> =>
  E.map((): void => undefined)(regionOfStream(id));
