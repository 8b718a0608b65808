/**
 * Every read-model query through a session, derived from the query policy: a public query answers every
 * role from any region; an internal one answers its readers in their own region and national readers, and
 * refuses other roles (`RoleNotAllowed`) and readers of another region or of the whole country
 * (`RegionScope`) without reading anything.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { QueryGroupName, QueryRule, RegionArgument, Role } from '../../src/index.js';
import { QUERY_POLICY, ROLES } from '../../src/index.js';
import { refused, tagOf } from '../fixtures/modules.js';
import { accessSetup, actorOf, denial, elsewhere, methodsOf, named, sessionOf } from './support.js';

const HOME = 'KZ-71';

/** Valid arguments of every query, about Astana (KZ-71) where a query takes a region. */
const QUERY_ARGS: {
  readonly [G in QueryGroupName]: { readonly [K in keyof (typeof QUERY_POLICY)[G]]: readonly unknown[] };
} = {
  caseStatistics: {
    year: [2026, { region: HOME }],
    change: [2025, 2026, { region: HOME }],
    years: [],
    eventsBehind: ['personsExposed', 2026, { region: HOME }],
  },
  reportsMap: { features: [{ region: HOME }], countsByRegion: [] },
  deadlineCompliance: { byRegion: [{ region: HOME }], byBody: [HOME], national: [] },
  recommendationImplementation: {
    region: [HOME],
    national: [],
    byIssuer: [HOME],
    bodies: [HOME],
    body: [HOME, 'body-astana-education'],
    groups: [HOME],
    recommendations: [HOME, {}],
  },
  serviceQuality: {
    region: [HOME],
    national: [],
    services: [HOME],
    service: ['00701001', { region: HOME }],
    providers: [HOME],
    provider: [HOME, 'PSC-AST-1'],
    ratings: [HOME, {}],
  },
  roadmapProgress: {
    progress: ['roadmap-KZ-00-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e'],
    roadmaps: [{ region: HOME }],
  },
};

/** The arguments with the region the rule reads set to `region` (`undefined`: left out, the whole country). */
const withRegion = (args: readonly unknown[], at: RegionArgument, region: string | undefined): unknown[] => {
  const copy = [...args];
  if (at.field === undefined) copy[at.argument] = region;
  else {
    const { [at.field]: _old, ...rest } = (copy[at.argument] ?? {}) as Record<string, unknown>;
    copy[at.argument] = region === undefined ? rest : { ...rest, [at.field]: region };
  }
  return copy;
};

type Kind = 'public' | 'reader' | 'national reader' | 'other role' | 'other region' | 'whole country';

interface Case {
  readonly name: string;
  readonly group: QueryGroupName;
  readonly query: string;
  readonly role: Role;
  readonly region: string | undefined;
  readonly args: readonly unknown[];
  readonly kind: Kind;
}

const CASES: Case[] = (Object.keys(QUERY_POLICY) as QueryGroupName[]).flatMap((group) =>
  Object.entries(QUERY_POLICY[group] as Readonly<Record<string, QueryRule>>).flatMap(([query, rule]) => {
    const args = (QUERY_ARGS[group] as Readonly<Record<string, readonly unknown[]>>)[query] ?? [];
    const make = (role: Role, region: string | undefined, kind: Kind, with_ = args): Case => ({
      name: `${group}.${query} — ${kind}: ${role}${region === undefined ? ' (national)' : ` of ${region}`}`,
      group,
      query,
      role,
      region: role === 'system' ? undefined : region,
      args: with_,
      kind,
    });
    if (rule.access === 'public') {
      // Everyone, from another region than the one asked about.
      return ROLES.map((role) => make(role, elsewhere(HOME), 'public'));
    }
    return ROLES.flatMap((role): Case[] => {
      if (!rule.readers.includes(role)) return [make(role, HOME, 'other role')];
      return [
        make(role, HOME, 'reader'),
        ...(role === 'groupMember' ? [] : [make(role, undefined, 'national reader')]),
        make(role, elsewhere(HOME), 'other region'),
        ...(rule.region.field === undefined
          ? []
          : [make(role, HOME, 'whole country', withRegion(args, rule.region, undefined))]),
      ];
    });
  }),
);

describe('access control on every read-model query', () => {
  const { client, calls } = accessSetup();

  const run = (c: Case) => {
    const session = sessionOf(client, actorOf(c.role, c.region));
    const query = methodsOf(session.readModels, c.group)[c.query];
    if (query === undefined) throw new Error(`session.readModels.${c.group}.${c.query} is missing`);
    return query(...c.args)();
  };

  it('derives allow and deny tests for every internal query, and an allow test for every public one', () => {
    for (const [group, rules] of Object.entries(QUERY_POLICY)) {
      for (const [query, rule] of Object.entries(rules as Readonly<Record<string, QueryRule>>)) {
        const kinds = new Set(CASES.filter((c) => c.group === group && c.query === query).map((c) => c.kind));
        if (rule.access === 'public') expect([...kinds]).toEqual(['public']);
        else
          for (const kind of ['reader', 'other role', 'other region'] as const)
            expect(kinds.has(kind)).toBe(true);
      }
    }
  });

  it.each(named(CASES.filter((c) => ['public', 'reader', 'national reader'].includes(c.kind))))(
    '%s',
    async (_name, c) => {
      const result = await run(c);
      expect(E.isRight(result), E.isLeft(result) ? tagOf(result.left) : '').toBe(true);
    },
  );

  it.each(named(CASES.filter((c) => ['other role', 'other region', 'whole country'].includes(c.kind))))(
    '%s',
    async (_name, c) => {
      calls.length = 0;
      const refusal = denial(await run(c));
      expect(refusal).toMatchObject({
        rule: c.kind === 'other role' ? 'RoleNotAllowed' : 'RegionScope',
        role: c.role,
        module: 'readModels',
        command: `${c.group}.${c.query}`,
      });
      if (c.kind === 'whole country') expect(refusal.targetRegion).toBe('national');
      expect(calls).toEqual([]);
    },
  );

  it('a regional reader asking about a region that does not exist gets a ValidationError at `region`', async () => {
    const officer = sessionOf(client, actorOf('officer', HOME));
    const error = refused(await officer.readModels.deadlineCompliance.byBody('KZ-99')());
    expect(tagOf(error)).toBe('ValidationError');
    expect((error as { message: string }).message).toBe(
      'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
    );
  });

  it('the trusted client’s queries are not restricted', async () => {
    expect(E.isRight(await client.readModels.deadlineCompliance.byBody('KZ-75')())).toBe(true);
  });
});
