/**
 * Every command of every module, derived from the policy table and the valid inputs of the module tests:
 *
 * - allow: each role the table names, in the stream's region (a national actor for a national roadmap; a
 *   citizen or the deadline job from anywhere), gets past access control — a command that starts an
 *   aggregate succeeds and records the actor; any other may still be refused by the aggregate's rules;
 * - allow, national: each region-scoped role without a region (a national actor) passes everywhere;
 * - deny, role: every other role is refused with `RoleNotAllowed`;
 * - deny, region: each region-scoped role from another region is refused with `RegionScope`;
 *
 * and every refusal reads nothing from the store and appends nothing.
 */
import type * as E from 'fp-ts/lib/Either.js';
import { REPORT_INPUTS } from '../fixtures/modules.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandModuleName, Role, Scope, SessionActorInput } from '../../src/index.js';
import { ROLES } from '../../src/index.js';
import { INPUTS, ok } from '../fixtures/modules.js';
import {
  accessSetup,
  actorOf,
  commandTypes,
  conform,
  denial,
  elsewhere,
  expectActorRecorded,
  isCreating,
  isDenied,
  methodName,
  methodsOf,
  MODULES,
  named,
  ruleOf,
  sessionOf,
} from './support.js';

const IDENTIFIED_REPORT = {
  ...REPORT_INPUTS.submitReport,
  reporter: { kind: 'identified', subjectId: 'citizen-5', name: 'Aliya' },
};

const inputsOf = (module: CommandModuleName): Readonly<Record<string, object>> =>
  INPUTS[module] as unknown as Readonly<Record<string, object>>;

/** The valid input of a method (from the module tests' fixtures). */
const inputOf = (module: CommandModuleName, method: string): object => {
  const input = inputsOf(module)[method];
  if (input === undefined) throw new Error(`no valid input for ${module}.${method}`);
  // Sessions take identified reports; anonymous ones (with a receipt-derived value) go through client.receipts.
  return module === 'reports' && method === 'submitReport' ? IDENTIFIED_REPORT : input;
};

/** The region of the streams a module's fixtures act on: the region their starting command names. */
const homeOf = (module: CommandModuleName): string => {
  const start = inputOf(module, methodName(commandTypes(module)[0] ?? ''));
  return 'region' in start && typeof start.region === 'string' ? start.region : 'KZ-00';
};

/**
 * Inputs a role must give differently from the fixtures to be valid at all (not only to keep a condition):
 * a head issues the agency's recommendation, which names no group.
 */
const ROLE_INPUTS: Partial<Record<string, Partial<Record<Role, object>>>> = {
  'recommendations.IssueRecommendation': {
    regionalHead: {
      ...inputOf('recommendations', 'issueRecommendation'),
      issuer: { kind: 'agency' },
      basis: 'externalRiskAnalysis',
    },
  },
};

const bigints = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? `${value}n` : value);

type Kind = 'allow' | 'national' | 'role' | 'region';

interface Case {
  readonly name: string;
  readonly module: CommandModuleName;
  readonly command: string;
  readonly role: Role;
  readonly region: string | undefined;
  readonly kind: Kind;
}

const regionFor = (role: Role, scope: Scope | undefined, home: string, kind: Kind): string | undefined => {
  if (role === 'system') return undefined;
  switch (kind) {
    case 'national':
      return undefined;
    case 'region':
      return elsewhere(home);
    case 'allow':
      // A citizen acts from anywhere: one from another region shows the rule does not read it.
      if (scope === 'any') return elsewhere(home);
      return home === 'KZ-00' ? undefined : home;
    case 'role':
      return home !== 'KZ-00' ? home : role === 'groupMember' ? 'KZ-71' : undefined;
  }
};

const CASES: Case[] = MODULES.flatMap((module) => {
  const home = homeOf(module);
  return commandTypes(module).flatMap((command) => {
    const rule = ruleOf(module, command);
    const make = (role: Role, kind: Kind): Case => {
      const region = regionFor(role, rule.allow[role], home, kind);
      return {
        name: `${module}.${command} — ${kind}: ${role}${region === undefined ? ' (national)' : ` of ${region}`}`,
        module,
        command,
        role,
        region,
        kind,
      };
    };
    return ROLES.flatMap((role): Case[] => {
      const scope = rule.allow[role];
      if (scope === undefined) return [make(role, 'role')];
      if (scope === 'any') return [make(role, 'allow')];
      return [
        make(role, 'allow'),
        ...(role === 'groupMember' || home === 'KZ-00' ? [] : [make(role, 'national')]),
        make(role, 'region'),
      ];
    });
  });
});

describe('access control on every command of every module', () => {
  const { client, store, calls } = accessSetup();
  /** One aggregate per module, started by the trusted client, for the commands that take an id. */
  const ids = new Map<CommandModuleName, string>();
  let raters = 0;

  beforeAll(async () => {
    for (const module of MODULES) {
      const start = commandTypes(module)[0] ?? '';
      const method = methodsOf(client, module)[methodName(start)];
      if (method === undefined) throw new Error(`client.${module}.${methodName(start)} is missing`);
      ids.set(module, (ok(await method(inputOf(module, methodName(start)))()) as { id: string }).id);
    }
  });

  it('derives an allow and a deny test for every command', () => {
    for (const module of MODULES) {
      for (const command of commandTypes(module)) {
        const kinds = new Set(
          CASES.filter((c) => c.module === module && c.command === command).map((c) => c.kind),
        );
        expect(kinds.has('allow'), `${module}.${command} has an allow test`).toBe(true);
        expect(kinds.has('role'), `${module}.${command} has a role-deny test`).toBe(true);
        const scoped = Object.values(ruleOf(module, command).allow).includes('own');
        expect(kinds.has('region'), `${module}.${command} has a region-deny test`).toBe(scoped);
      }
    }
  });

  /** Calls a session's method the way its module takes it: the input first, or the aggregate's id first. */
  const call = async (
    c: Case,
    id: string,
  ): Promise<{ readonly result: E.Either<unknown, unknown>; readonly actor: SessionActorInput }> => {
    const rule = ruleOf(c.module, c.command);
    const method = methodName(c.command);
    const base = ROLE_INPUTS[`${c.module}.${c.command}`]?.[c.role] ?? inputOf(c.module, method);
    // A rater rates one service instance once: each test rates as another person.
    const fresh = c.command === 'RateService' ? { ...base, rater: `rater-${(raters += 1)}` } : base;
    const bent = conform(rule, c.role, fresh, id);
    const actor = actorOf(c.role, c.region, bent.id);
    const fn = methodsOf(sessionOf(client, actor), c.module)[method];
    if (fn === undefined) throw new Error(`session.${c.module}.${method} is missing`);
    if (isCreating(c.module, c.command)) return { result: await fn(bent.input)(), actor };
    const stream = ids.get(c.module);
    if (stream === undefined) throw new Error(`no ${c.module} aggregate was started`);
    return { result: await fn(stream, bent.input)(), actor };
  };

  it.each(named(CASES.filter((c) => c.kind === 'allow' || c.kind === 'national')))('%s', async (_name, c) => {
    const { result, actor } = await call(c, `${c.role}-7`);
    expect(isDenied(result), JSON.stringify(result, bigints)).toBe(false);
    // A starting command on a fresh stream, with the fixtures' valid input, succeeds.
    if (isCreating(c.module, c.command)) ok(result);
    expectActorRecorded(result, actor);
  });

  it.each(named(CASES.filter((c) => c.kind === 'role' || c.kind === 'region')))('%s', async (_name, c) => {
    const size = store.size();
    calls.length = 0;
    const refusal = denial((await call(c, `${c.role}-7`)).result);
    expect(refusal).toMatchObject({
      rule: c.kind === 'role' ? 'RoleNotAllowed' : 'RegionScope',
      role: c.role,
      region: c.region ?? null,
      module: c.module,
      command: c.command,
    });
    expect(refusal.message).toMatch(/^access denied: /);
    // Nothing was read and nothing was appended.
    expect(calls).toEqual([]);
    expect(store.size()).toBe(size);
  });
});
