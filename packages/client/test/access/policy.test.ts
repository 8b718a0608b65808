/**
 * The policy tables as data: they name a rule for exactly every command type of every aggregate (read from
 * the command codecs at run time) and for exactly every query of every read model (read from the client),
 * their rules are well formed, and the access-control guide shows them as they are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CommandRule, QueryRule } from '../../src/index.js';
import { COMMAND_POLICY, CREATING_COMMANDS, QUERY_POLICY, ROLES } from '../../src/index.js';
import { commandPolicyRows, queryPolicyRows } from '../../src/access/policyMarkdown.js';
import { setup } from '../fixtures/modules.js';
import { commandTypes, methodName, MODULES } from './support.js';

const rulesOf = (module: string): Readonly<Record<string, CommandRule>> =>
  (COMMAND_POLICY as unknown as Readonly<Record<string, Readonly<Record<string, CommandRule>>>>)[module] ??
  {};

describe('the command policy', () => {
  const { client } = setup();

  it('covers exactly the six command modules', () => {
    expect(Object.keys(COMMAND_POLICY).sort()).toEqual([...MODULES].sort());
  });

  it.each(MODULES)('names a rule for exactly every command type of %s, and each is a method', (module) => {
    const types = commandTypes(module);
    expect(Object.keys(rulesOf(module)).sort()).toEqual([...types].sort());
    expect(Object.keys(client[module]).sort()).toEqual(types.map(methodName).sort());
  });

  it('names the starting command of each module, which takes its input first', () => {
    for (const module of MODULES) {
      expect(commandTypes(module)).toContain(CREATING_COMMANDS[module]);
    }
  });

  it('allows known roles with a known scope, and conditions only name roles it allows', () => {
    for (const module of MODULES) {
      for (const [command, rule] of Object.entries(rulesOf(module))) {
        const allowed = Object.keys(rule.allow);
        expect(allowed.length, `${module}.${command} allows someone`).toBeGreaterThan(0);
        for (const [role, scope] of Object.entries(rule.allow)) {
          expect(ROLES).toContain(role);
          expect(['own', 'any']).toContain(scope);
        }
        for (const condition of rule.conditions ?? []) {
          const roles = condition.kind === 'fieldByRole' ? Object.keys(condition.values) : condition.roles;
          for (const role of roles)
            expect(allowed, `${module}.${command}: ${condition.rule}`).toContain(role);
        }
        expect(rule.why.length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps MarkOverdue for the deadline job alone, and gives analysts and auditors no command', () => {
    for (const module of ['reports', 'recommendations'] as const) {
      expect(COMMAND_POLICY[module].MarkOverdue.allow).toEqual({ system: 'any' });
    }
    for (const module of MODULES) {
      for (const [command, rule] of Object.entries(rulesOf(module))) {
        if (command !== 'MarkOverdue') expect(rule.allow.system, `${module}.${command}`).toBeUndefined();
        expect(rule.allow.analyst).toBeUndefined();
        expect(rule.allow.auditor).toBeUndefined();
      }
    }
  });
});

describe('the query policy', () => {
  const { client } = setup();
  const groups = Object.keys(QUERY_POLICY);

  it('covers exactly the six read models of client.readModels', () => {
    expect(groups.sort()).toEqual(
      Object.keys(client.readModels)
        .filter((key) => key !== 'projections' && key !== 'runner')
        .sort(),
    );
  });

  it.each(groups)('names a rule for exactly every query of %s', (group) => {
    const rules = (QUERY_POLICY as unknown as Readonly<Record<string, Readonly<Record<string, QueryRule>>>>)[
      group
    ];
    const queries = (client.readModels as unknown as Readonly<Record<string, object>>)[group] ?? {};
    expect(Object.keys(rules ?? {}).sort()).toEqual(Object.keys(queries).sort());
    for (const rule of Object.values(rules ?? {})) {
      if (rule.access === 'internal') {
        expect(rule.readers.length).toBeGreaterThan(0);
        for (const role of rule.readers) expect(ROLES).toContain(role);
        expect(rule.readers).not.toContain('citizen');
      }
    }
  });
});

/** The tables of a markdown text, each as rows of trimmed cells, without the separator row. */
const tablesOf = (markdown: string): string[][][] => {
  const tables: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    if (current === undefined) {
      current = [];
      tables.push(current);
    }
    current.push(cells);
  }
  return tables;
};

describe('the access-control guide', () => {
  const guide = readFileSync(new URL('../../../../docs/guides/access-control.md', import.meta.url), 'utf8');
  const tables = tablesOf(guide);
  const tableWithHeader = (header: readonly string[]) =>
    tables.find((table) => JSON.stringify(table[0]) === JSON.stringify(header));

  it('shows the command policy as it is in the code', () => {
    const rows = commandPolicyRows();
    expect(tableWithHeader(rows[0] ?? [])).toEqual(rows);
  });

  it('shows the query policy as it is in the code', () => {
    const rows = queryPolicyRows();
    expect(tableWithHeader(rows[0] ?? [])).toEqual(rows);
  });
});
