import type { InvalidStreamName, ValidationError } from '@adal/core';
import { Region, reportErrors, validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { AccessDenied, AccessRule } from './AccessDenied.js';
import { accessDenied } from './AccessDenied.js';
import type { CommandCondition, CommandModuleName, CommandPolicy, CommandRule } from './commandPolicy.js';
import { COMMAND_POLICY } from './commandPolicy.js';
import type { QueryGroupName, QueryPolicy, QueryRule } from './queryPolicy.js';
import { QUERY_POLICY } from './queryPolicy.js';
import type { Role } from './Role.js';
import type { SessionActor } from './SessionActor.js';
import { regionOf } from './SessionActor.js';

/**
 * The region a command acts in — its stream's — or why it cannot be told (a bad id, a bad region).
 *
 * @category access
 * @since 0.1.0
 */
export type CommandTarget = E.Either<ValidationError | InvalidStreamName, string>;

/**
 * Checks one command against the policy, in this order: the role, the region (only when the rule is
 * `own` and the actor regional, so `target` is asked for only then), the conditions on the command's
 * fields. Pure: nothing is read. `Right` when the command may go on.
 *
 * @example
 * import { authorizeCommand } from '@adal/client';
 * import * as E from 'fp-ts/lib/Either.js';
 * const officer = { role: 'officer', region: 'KZ-75', id: 'officer-3' } as const;
 * authorizeCommand(officer, 'reports', 'RegisterReport', {}, () => E.right('KZ-71'));
 * // Left: { _tag: 'AccessDenied', rule: 'RegionScope', … }
 *
 * @category access
 * @since 0.1.0
 */
export const authorizeCommand = (
  actor: SessionActor,
  module: CommandModuleName,
  command: string,
  input: unknown,
  target: () => CommandTarget,
  policy: CommandPolicy = COMMAND_POLICY,
): E.Either<AccessDenied | ValidationError | InvalidStreamName, void> => {
  const rule = ruleOf(policy, module, command);
  const denied = (ruleName: AccessRule, why: string, targetRegion?: string) =>
    E.left(
      accessDenied(
        {
          rule: ruleName,
          role: actor.role,
          region: regionOf(actor),
          module,
          command,
          ...(targetRegion === undefined ? {} : { targetRegion }),
        },
        why,
      ),
    );
  const scope = rule?.allow[actor.role];
  if (rule === undefined || scope === undefined) {
    return denied(
      'RoleNotAllowed',
      `${article(actor.role)} may not issue ${command} (allowed: ${allowedRoles(rule)})`,
    );
  }
  if (scope === 'own' && actor.region !== undefined) {
    const region = target();
    if (E.isLeft(region)) return region;
    if (region.right !== actor.region) {
      return denied(
        'RegionScope',
        `${article(actor.role)} of ${actor.region} may not issue ${command} in ${region.right} (own region only)`,
        region.right,
      );
    }
  }
  for (const condition of rule.conditions ?? []) {
    const broken = checkCondition(condition, actor, input);
    if (broken !== undefined) return denied(condition.rule, `${command}: ${broken}`);
  }
  // A receipt-derived value is a credential: only the receipt service, which derives it from the receipt,
  // may put one in a command. One copied from the database or a proof must not let a session act as the
  // anonymous reporter.
  if (holdsReceiptHash(input)) {
    return denied(
      'ReceiptsThroughService',
      `${command}: anonymous reports and their follow-ups go through client.receipts, with the receipt`,
    );
  }
  return E.right(undefined);
};

/**
 * Checks one read-model query against the policy: a public query passes; an internal one needs a reader's
 * role and, for a regional reader, the reader's own region in the arguments (a query about the whole
 * country is refused to them). A region argument that is not a region code is a `ValidationError` at
 * `region`. Pure: nothing is read.
 *
 * @category access
 * @since 0.1.0
 */
export const authorizeQuery = (
  actor: SessionActor,
  group: QueryGroupName,
  query: string,
  args: readonly unknown[],
  policy: QueryPolicy = QUERY_POLICY,
): E.Either<AccessDenied | ValidationError, void> => {
  const rule = queryRuleOf(policy, group, query);
  const name = `${group}.${query}`;
  const denied = (ruleName: AccessRule, why: string, targetRegion?: string) =>
    E.left(
      accessDenied(
        {
          rule: ruleName,
          role: actor.role,
          region: regionOf(actor),
          module: 'readModels',
          command: name,
          ...(targetRegion === undefined ? {} : { targetRegion }),
        },
        why,
      ),
    );
  if (rule?.access === 'public') return E.right(undefined);
  if (rule === undefined || !rule.readers.includes(actor.role)) {
    return denied(
      'RoleNotAllowed',
      `${article(actor.role)} may not read ${name}, which is not public (readers: ${
        rule === undefined ? 'none' : rule.readers.join(', ')
      })`,
    );
  }
  if (actor.region === undefined) return E.right(undefined);
  const asked = valueAt(args[rule.region.argument], rule.region.field);
  if (asked === undefined) {
    return denied(
      'RegionScope',
      `${article(actor.role)} of ${actor.region} may not read ${name} for the whole country (own region only)`,
      'national',
    );
  }
  const region = Region.decode(asked);
  if (E.isLeft(region)) {
    return E.left(
      validationError(reportErrors(region.left).map((issue) => ({ path: 'region', message: issue.message }))),
    );
  }
  if (region.right !== actor.region) {
    return denied(
      'RegionScope',
      `${article(actor.role)} of ${actor.region} may not read ${name} of ${region.right} (own region only)`,
      region.right,
    );
  }
  return E.right(undefined);
};

const ruleOf = (policy: CommandPolicy, module: string, command: string): CommandRule | undefined => {
  const rules = (policy as unknown as Readonly<Record<string, Readonly<Record<string, CommandRule>>>>)[
    module
  ];
  return rules !== undefined && Object.hasOwn(rules, command) ? rules[command] : undefined;
};

const queryRuleOf = (policy: QueryPolicy, group: string, query: string): QueryRule | undefined => {
  const rules = (policy as unknown as Readonly<Record<string, Readonly<Record<string, QueryRule>>>>)[group];
  return rules !== undefined && Object.hasOwn(rules, query) ? rules[query] : undefined;
};

const checkCondition = (
  condition: CommandCondition,
  actor: SessionActor,
  input: unknown,
): string | undefined => {
  const value = valueAt(input, condition.field);
  switch (condition.kind) {
    case 'fieldByRole': {
      const allowed = condition.values[actor.role];
      if (allowed === undefined || (typeof value === 'string' && allowed.includes(value))) return undefined;
      return `${article(actor.role)} issues it with ${condition.field} ${allowed
        .map((v) => JSON.stringify(v))
        .join(' or ')}, got ${show(value)}`;
    }
    case 'fieldIsActor':
      if (!condition.roles.includes(actor.role) || value === actor.id) return undefined;
      return `${condition.field} must be the actor’s own id ${JSON.stringify(actor.id)}, got ${show(value)}`;
    case 'listHasActor':
      if (!condition.roles.includes(actor.role) || (Array.isArray(value) && value.includes(actor.id))) {
        return undefined;
      }
      return `${condition.field} must include the actor’s own id ${JSON.stringify(actor.id)}`;
  }
};

/** The value at a dotted path of an input, or `undefined`; never throws on odd input. */
const valueAt = (input: unknown, path: string | undefined): unknown =>
  path === undefined
    ? input
    : path
        .split('.')
        .reduce<unknown>(
          (value, key) =>
            typeof value === 'object' && value !== null && Object.hasOwn(value, key)
              ? (value as Readonly<Record<string, unknown>>)[key]
              : undefined,
          input,
        );

const allowedRoles = (rule: CommandRule | undefined): string => {
  const roles = rule === undefined ? [] : Object.keys(rule.allow);
  return roles.length === 0 ? 'none' : roles.join(', ');
};

/** Whether an input carries a `receiptHash` anywhere (a follow-up's, or an anonymous reporter's). */
const holdsReceiptHash = (input: unknown, depth = 0): boolean => {
  if (typeof input !== 'object' || input === null || depth > 4) return false;
  if (Object.hasOwn(input, 'receiptHash')) return true;
  return Object.values(input).some((value) => holdsReceiptHash(value, depth + 1));
};

const article = (role: Role): string => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
