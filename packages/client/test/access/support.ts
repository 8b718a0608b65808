/**
 * Shared helpers of the access-control tests: a store that counts every call made to it (a refused command
 * or query must make none), sessions opened without ceremony, the policy read as data, and inputs bent to a
 * rule's conditions.
 */
import type { RecordedEvent } from '@adal/core';
import {
  CitizenReportCommand,
  CorruptionCaseCommand,
  MonitoringGroupCommand,
  MonitoringRecommendationCommand,
  RoadmapCommand,
  ServiceRatingCommand,
} from '@adal/core';
import type { MemoryEventStore } from '@adal/adapters/memory';
import { createMemoryEventStore } from '@adal/adapters/memory';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type {
  AccessDenied,
  AdalClient,
  AdalSession,
  CommandModuleName,
  CommandRule,
  Role,
  SessionActorInput,
} from '../../src/index.js';
import { COMMAND_POLICY, createAdalClient, CREATING_COMMANDS, eventActor } from '../../src/index.js';
import type { SessionActor } from '../../src/access/SessionActor.js';
import { movableClock, on, PSEUDONYM_KEY, tagOf } from '../fixtures/modules.js';

/** Each command module of the client and the command codec of its aggregate. */
export const COMMAND_CODECS = {
  reports: CitizenReportCommand,
  ratings: ServiceRatingCommand,
  cases: CorruptionCaseCommand,
  recommendations: MonitoringRecommendationCommand,
  groups: MonitoringGroupCommand,
  roadmaps: RoadmapCommand,
} as const satisfies Record<CommandModuleName, unknown>;

export const MODULES = Object.keys(COMMAND_CODECS) as CommandModuleName[];

/** The command types an aggregate's codec accepts, read from the members of its union at run time. */
export const commandTypes = (module: CommandModuleName): string[] =>
  (COMMAND_CODECS[module] as { readonly types: readonly { readonly name: string }[] }).types.map(
    (member) => member.name,
  );

/** `SubmitReport` → `submitReport`. */
export const methodName = (command: string): string => command.charAt(0).toLowerCase() + command.slice(1);

/** The rule of a command, read as data. */
export const ruleOf = (module: CommandModuleName, command: string): CommandRule => {
  const rules = COMMAND_POLICY[module] as Readonly<Record<string, CommandRule>>;
  const rule = rules[command];
  if (rule === undefined) throw new Error(`no rule for ${module}.${command}`);
  return rule;
};

export const isCreating = (module: CommandModuleName, command: string): boolean =>
  CREATING_COMMANDS[module] === command;

/** A memory store whose every method call is counted by name. */
export const countingStore = (): { readonly store: MemoryEventStore; readonly calls: string[] } => {
  const target = createMemoryEventStore();
  const calls: string[] = [];
  const store = new Proxy(target, {
    get: (object, key) => {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push(key);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { store, calls };
};

/** A client over a counting memory store, at noon on 19 March 2026 in Kazakhstan. */
export const accessSetup = () => {
  const { store, calls } = countingStore();
  const time = movableClock(on('2026-03-19', '12:00'));
  const client = createAdalClient({
    store,
    snapshots: store,
    clock: time.clock,
    pseudonymKey: PSEUDONYM_KEY,
  });
  return { store, calls, client, time };
};

/** A session for an actor; a bad actor fails the test. */
export const sessionOf = (client: AdalClient, actor: SessionActorInput): AdalSession => {
  const session = client.as(actor);
  if (E.isLeft(session)) throw new Error(`the actor was refused: ${session.left.message}`);
  return session.right;
};

/** An actor of a role, in a region (`undefined`: national). */
export const actorOf = (role: Role, region: string | undefined, id = `${role}-1`): SessionActorInput =>
  region === undefined ? { role, id } : { role, region, id };

/** The `AccessDenied` of a result; anything else fails the test. */
export const denial = (result: E.Either<unknown, unknown>): AccessDenied => {
  if (E.isRight(result)) throw new Error('expected AccessDenied, got a success');
  expect(tagOf(result.left)).toBe('AccessDenied');
  return result.left as AccessDenied;
};

/** Whether a result is a refusal by access control. */
export const isDenied = (result: E.Either<unknown, unknown>): boolean =>
  E.isLeft(result) && tagOf(result.left) === 'AccessDenied';

/** Every event of a result recorded the session's actor. */
export const expectActorRecorded = (result: E.Either<unknown, unknown>, actor: SessionActorInput): void => {
  if (E.isLeft(result)) return;
  const recorded = (result.right as { readonly recorded?: readonly RecordedEvent[] }).recorded ?? [];
  for (const event of recorded) expect(event.metadata.actor).toEqual(eventActor(actor as SessionActor));
};

/** A method of a session or a client, called with anything, as a JavaScript portal may call it. */
export type UntypedMethod = (...args: readonly unknown[]) => () => Promise<E.Either<unknown, unknown>>;

export const methodsOf = (modules: object, module: string): Readonly<Record<string, UntypedMethod>> =>
  (modules as Readonly<Record<string, Readonly<Record<string, UntypedMethod>>>>)[module] ?? {};

const setAt = (input: object, path: string, value: unknown): object => {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? ''] = value;
  return copy;
};

const valueAt = (input: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      input,
    );

/**
 * Bends an input and an actor id to a rule's conditions for a role: the field a role must give is set to
 * its first allowed value, and the actor's id becomes the id the input names. Returns the input as it is
 * when the rule has no condition for the role.
 */
export const conform = (
  rule: CommandRule,
  role: Role,
  input: object,
  id: string,
): { readonly input: object; readonly id: string } => {
  let bent = input;
  let actorId = id;
  for (const condition of rule.conditions ?? []) {
    if (condition.kind === 'fieldByRole') {
      const value = condition.values[role]?.[0];
      if (value !== undefined) bent = setAt(bent, condition.field, value);
    } else if (condition.roles.includes(role)) {
      const named = valueAt(bent, condition.field);
      const first = condition.kind === 'listHasActor' && Array.isArray(named) ? named[0] : named;
      if (typeof first === 'string') actorId = first;
      else bent = setAt(bent, condition.field, condition.kind === 'listHasActor' ? [actorId] : actorId);
    }
  }
  return { input: bent, id: actorId };
};

/** A region that is not `region` (for the other-region tests). */
export const elsewhere = (region: string): string => (region === 'KZ-71' ? 'KZ-75' : 'KZ-71');

/** Test cases as `[name, case]` pairs, for `it.each(…)('%s', …)`: the name is printed whole. */
export const named = <C extends { readonly name: string }>(cases: readonly C[]): (readonly [string, C])[] =>
  cases.map((c) => [c.name, c] as const);
