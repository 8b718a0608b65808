import type { CommandCondition, CommandPolicy, CommandRule, Scope } from './commandPolicy.js';
import { COMMAND_POLICY } from './commandPolicy.js';
import type { QueryPolicy, QueryRule } from './queryPolicy.js';
import { QUERY_POLICY } from './queryPolicy.js';
import type { Role } from './Role.js';

/**
 * The command policy as table rows (header first): module, command, roles with their scope, conditions,
 * and why. The access-control guide prints these rows; a test holds the guide to them.
 *
 * @category access
 * @since 0.1.0
 */
export const commandPolicyRows = (policy: CommandPolicy = COMMAND_POLICY): string[][] => [
  ['module', 'command', 'roles (scope)', 'conditions', 'why'],
  ...Object.entries(policy).flatMap(([module, rules]) =>
    Object.entries(rules as Readonly<Record<string, CommandRule>>).map(([command, rule]) => [
      module,
      `\`${command}\``,
      (Object.entries(rule.allow) as [Role, Scope][]).map(([role, scope]) => `${role} (${scope})`).join(', '),
      (rule.conditions ?? []).map(describeCondition).join('; ') || '—',
      rule.why,
    ]),
  ),
];

/**
 * The query policy as table rows (header first): read model, query, access, readers, where the region is
 * read from, and why.
 *
 * @category access
 * @since 0.1.0
 */
export const queryPolicyRows = (policy: QueryPolicy = QUERY_POLICY): string[][] => [
  ['read model', 'query', 'access', 'readers (own region)', 'region from', 'why'],
  ...Object.entries(policy).flatMap(([group, rules]) =>
    Object.entries(rules as Readonly<Record<string, QueryRule>>).map(([query, rule]) =>
      rule.access === 'public'
        ? [group, `\`${query}\``, 'public', 'everyone', '—', rule.why]
        : [
            group,
            `\`${query}\``,
            'internal',
            rule.readers.join(', '),
            `argument ${rule.region.argument + 1}${rule.region.field === undefined ? '' : `, field ${rule.region.field}`}`,
            rule.why,
          ],
    ),
  ),
];

/**
 * The command and query policies as two markdown tables, as the access-control guide shows them.
 *
 * @example
 * import { policyMarkdown } from '@adal/client';
 * console.log(policyMarkdown()); // | module | command | roles (scope) | …
 *
 * @category access
 * @since 0.1.0
 */
export const policyMarkdown = (
  commands: CommandPolicy = COMMAND_POLICY,
  queries: QueryPolicy = QUERY_POLICY,
): string => `${table(commandPolicyRows(commands))}\n\n${table(queryPolicyRows(queries))}\n`;

const table = (rows: readonly (readonly string[])[]): string => {
  const [header = [], ...body] = rows;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
};

const describeCondition = (condition: CommandCondition): string => {
  switch (condition.kind) {
    case 'fieldByRole':
      return `${condition.rule}: ${(Object.entries(condition.values) as [Role, readonly string[]][])
        .map(([role, values]) => `${role} gives ${condition.field} = ${values.join(' or ')}`)
        .join(', ')}`;
    case 'fieldIsActor':
      return `${condition.rule}: for ${condition.roles.join(', ')}, ${condition.field} = the actor's id`;
    case 'listHasActor':
      return `${condition.rule}: for ${condition.roles.join(', ')}, ${condition.field} includes the actor's id`;
  }
};
