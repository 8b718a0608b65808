/**
 * Bad input on every client method — an unknown field, a wrong region code, a point outside Kazakhstan or
 * outside its region, a negative or fractional amount, a bad IIN check digit, a value of the wrong type —
 * comes back as a `ValidationError` whose message names the field, and nothing is appended (DESIGN §7).
 */
import type { ValidationError } from '@adal/core';
import {
  CitizenReportCommand,
  CorruptionCaseCommand,
  iinCheckDigit,
  MonitoringGroupCommand,
  MonitoringRecommendationCommand,
  RoadmapCommand,
  ServiceRatingCommand,
} from '@adal/core';
import type * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdalClient } from '../src/index.js';
import type { CommandModuleName } from './fixtures/modules.js';
import {
  ALMATY_POINT,
  CASE_INPUTS,
  GROUP_INPUTS,
  INPUTS,
  on,
  ok,
  RATING_INPUTS,
  RECOMMENDATION_INPUTS,
  refused,
  REPORT_INPUTS,
  ROADMAP_INPUTS,
  setup,
  tagOf,
} from './fixtures/modules.js';

/** Each command module of the client and the command codec of its aggregate. */
const COMMANDS = {
  reports: CitizenReportCommand,
  ratings: ServiceRatingCommand,
  cases: CorruptionCaseCommand,
  recommendations: MonitoringRecommendationCommand,
  groups: MonitoringGroupCommand,
  roadmaps: RoadmapCommand,
} as const satisfies Record<CommandModuleName, unknown>;

const MODULES = Object.keys(COMMANDS) as CommandModuleName[];

/** The method of each module that starts an aggregate: it takes the input first and returns the new id. */
const CREATING = {
  reports: 'submitReport',
  ratings: 'rateService',
  cases: 'registerCase',
  recommendations: 'issueRecommendation',
  groups: 'formGroup',
  roadmaps: 'draftRoadmap',
} as const satisfies { readonly [K in CommandModuleName]: keyof AdalClient[K] };

/** A method called the way a JavaScript portal (or a JSON body) may call it: with anything. */
type UntypedMethod = (...args: readonly unknown[]) => () => Promise<E.Either<unknown, unknown>>;

const methodsOf = (client: AdalClient, module: CommandModuleName): Readonly<Record<string, UntypedMethod>> =>
  client[module] as unknown as Readonly<Record<string, UntypedMethod>>;

const inputsOf = (module: CommandModuleName): Readonly<Record<string, object>> =>
  INPUTS[module] as unknown as Readonly<Record<string, object>>;

/** `SubmitReport` → `submitReport`. */
const methodName = (command: string): string => command.charAt(0).toLowerCase() + command.slice(1);

/** The command types an aggregate's codec accepts, read from the members of its union at run time. */
const commandTypes = (codec: { readonly types: readonly { readonly name: string }[] }): string[] =>
  codec.types.map((member) => member.name);

const asValidationError = (error: unknown): ValidationError => {
  expect(tagOf(error)).toBe('ValidationError');
  return error as ValidationError;
};

describe('the client’s modules cover every command of their aggregates', () => {
  const { client } = setup();

  it('has exactly the six command modules, the deadline job, the read models, audit, receipts, forgetSubject, handleCommand, the store and close', () => {
    expect(Object.keys(client).sort()).toEqual(
      [
        ...MODULES,
        'deadlines',
        'readModels',
        'audit',
        'receipts',
        'forgetSubject',
        'handleCommand',
        'store',
        'close',
      ].sort(),
    );
    expect(Object.keys(client.deadlines)).toEqual(['markOverdue']);
  });

  it.each(MODULES)('client.%s has one method per command of its aggregate, and no other', (module) => {
    const types = commandTypes(COMMANDS[module]);
    // The codec's member names are the command types: PascalCase, each once.
    expect(types.every((type) => /^[A-Z][A-Za-z]+$/.test(type))).toBe(true);
    expect(new Set(types).size).toBe(types.length);
    expect(Object.keys(client[module]).sort()).toEqual(types.map(methodName).sort());
    // And the fixtures hold a valid input for each, so the test below calls every method.
    expect(Object.keys(INPUTS[module]).sort()).toEqual(types.map(methodName).sort());
  });
});

describe('an unknown field is refused by every method of every module, and nothing is appended', () => {
  const { client, store } = setup({ start: on('2026-03-19', '12:00') });
  /** One existing aggregate per module, so that the methods that take an id are called on a real stream. */
  const ids = new Map<CommandModuleName, string>();

  beforeAll(async () => {
    ids.set('reports', ok(await client.reports.submitReport(REPORT_INPUTS.submitReport)()).id);
    ids.set('ratings', ok(await client.ratings.rateService(RATING_INPUTS.rateService)()).id);
    ids.set('cases', ok(await client.cases.registerCase(CASE_INPUTS.registerCase)()).id);
    ids.set(
      'recommendations',
      ok(await client.recommendations.issueRecommendation(RECOMMENDATION_INPUTS.issueRecommendation)()).id,
    );
    ids.set('groups', ok(await client.groups.formGroup(GROUP_INPUTS.formGroup)()).id);
    ids.set('roadmaps', ok(await client.roadmaps.draftRoadmap(ROADMAP_INPUTS.draftRoadmap)()).id);
    expect(store.size()).toBe(6);
  });

  const cases = MODULES.flatMap((module) =>
    commandTypes(COMMANDS[module]).map((type) => ({
      module,
      method: methodName(type),
      name: `client.${module}.${methodName(type)}`,
    })),
  );

  /** Calls a method with an input, first for a creating method, after the module's id otherwise. */
  const call = (module: CommandModuleName, method: string, input: object) => {
    const fn = methodsOf(client, module)[method];
    if (fn === undefined) throw new Error(`client.${module}.${method} is missing`);
    if (method === CREATING[module]) return fn(input)();
    const id = ids.get(module);
    if (id === undefined) throw new Error(`no ${module} aggregate was created`);
    return fn(id, input)();
  };

  for (const { module, method, name } of cases) {
    it(`${name}: an otherwise valid input with bogus: 1`, async () => {
      const valid = inputsOf(module)[method];
      if (valid === undefined) throw new Error(`no valid input for client.${module}.${method}`);
      const before = store.size();
      const error = asValidationError(refused(await call(module, method, { ...valid, bogus: 1 })));
      expect(error.message).toBe('bogus: unknown field');
      expect(error.issues).toEqual([{ path: 'bogus', message: 'unknown field' }]);
      expect(store.size()).toBe(before);
    });

    it(`${name}: an input of only bogus: 1`, async () => {
      const before = store.size();
      const error = asValidationError(refused(await call(module, method, { bogus: 1 })));
      expect(error.message.split('\n')).toContain('bogus: unknown field');
      expect(store.size()).toBe(before);
    });
  }
});

describe('specific bad input: the message names the field and the problem, nothing is appended', () => {
  const { client, store } = setup({ start: on('2026-03-19', '12:00') });
  const submit = REPORT_INPUTS.submitReport;

  /** Runs a call that must be refused as bad input, checks nothing was stored, and returns the message. */
  const badInput = async (run: () => Promise<E.Either<unknown, unknown>>): Promise<string> => {
    const before = store.size();
    const error = asValidationError(refused(await run()));
    expect(store.size()).toBe(before);
    return error.message;
  };

  /** The report methods called with input the types do not allow, as JSON from a form would be. */
  const untypedReports = (): Readonly<Record<string, UntypedMethod>> => methodsOf(client, 'reports');
  const submitUntyped = (input: object) => () => {
    const fn = untypedReports()['submitReport'];
    if (fn === undefined) throw new Error('client.reports.submitReport is missing');
    return fn(input)();
  };

  it('the valid submission these cases start from is accepted (control)', async () => {
    const accepted = ok(await client.reports.submitReport(submit)());
    expect(accepted.events.map((event) => event.type)).toEqual(['ReportSubmitted']);
    expect(store.size()).toBe(1);
  });

  it('a region code that does not exist', async () => {
    expect(
      await badInput(() => client.reports.submitReport({ ...submit, region: 'KZ-99' as 'KZ-71' })()),
    ).toBe('region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"');
  });

  it('an old letter code, with the message naming today’s code', async () => {
    const message = await badInput(() =>
      client.reports.submitReport({ ...submit, region: 'KZ-ALA' as 'KZ-75', point: ALMATY_POINT })(),
    );
    expect(message).toBe('region: KZ-ALA is an old code: use KZ-75');
  });

  it('a point outside Kazakhstan (Paris)', async () => {
    const message = await badInput(() =>
      client.reports.submitReport({ ...submit, point: { lat: 48.8566, lon: 2.3522 } })(),
    );
    expect(message).toBe('point.lon: 2.3522 is outside Kazakhstan (longitude 46.5–87.4)');
  });

  it('a point in Kazakhstan but in another region (Almaty’s coordinates for Astana)', async () => {
    const message = await badInput(() => client.reports.submitReport({ ...submit, point: ALMATY_POINT })());
    expect(message).toBe('point: (43.24, 76.89) is not in Astana (city) (KZ-71)');
  });

  it('a negative budget amount, as a bigint and as a decimal string', async () => {
    const budgetObject = { name: 'School No. 17 construction' };
    expect(
      await badInput(() =>
        client.reports.submitReport({ ...submit, budgetObject: { ...budgetObject, amount: -1n } })(),
      ),
    ).toBe('budgetObject.amount: must not be negative, got -1');
    expect(
      await badInput(submitUntyped({ ...submit, budgetObject: { ...budgetObject, amount: '-1' } })),
    ).toBe('budgetObject.amount: must not be negative, got -1');
  });

  it('a fractional amount (a float is never money)', async () => {
    const message = await badInput(
      submitUntyped({ ...submit, budgetObject: { name: 'School No. 17 construction', amount: 1500.5 } }),
    );
    expect(message).toBe(
      'budgetObject.amount: expected an amount in tiyn as a decimal string such as "150000", got 1500.5',
    );
  });

  it('an identified reporter whose IIN has a wrong check digit', async () => {
    const first11 = '90010130012';
    const check = iinCheckDigit(first11);
    if (check === undefined) throw new Error('the fixture IIN has no check digit');
    const reporter = { kind: 'identified' as const, subjectId: 'subject-42', name: 'Aigerim Nurlanovna' };
    const message = await badInput(() =>
      client.reports.submitReport({
        ...submit,
        reporter: { ...reporter, iin: `${first11}${(check + 1) % 10}` },
      })(),
    );
    expect(message).toBe('reporter.iin: the check digit does not match');
    // The same reporter with the right digit is accepted, so it is the digit that was refused.
    ok(
      await client.reports.submitReport({
        ...submit,
        reporter: { ...reporter, iin: `${first11}${check}` },
      })(),
    );
  });

  it('a value of the wrong type (description.text: 42)', async () => {
    const message = await badInput(submitUntyped({ ...submit, description: { text: 42, language: 'en' } }));
    expect(message).toBe('description.text: expected Text(1..5000), got 42');
  });

  it('several problems at once are each named on their own line', async () => {
    const message = await badInput(
      submitUntyped({ ...submit, region: 'KZ-99', evidence: 'none', descripton: submit.description }),
    );
    const lines = message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContain('descripton: unknown field');
    expect(lines).toContain('region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"');
    // The core's refinement reads "expected at most 20 pieces of evidence" for a value that is not a list at
    // all; the field and the value are named, which is what this test holds the client to.
    expect(lines.find((line) => line.startsWith('evidence: '))).toMatch(/^evidence: .*got "none"$/);
  });

  it('a bad id or a bad option is refused before anything is read or stored', async () => {
    const registered = REPORT_INPUTS.registerReport;
    const wrongCategory = refused(await client.reports.registerReport('case-KZ-71-abc', registered)());
    expect(tagOf(wrongCategory)).toBe('WrongStreamCategory');
    expect(tagOf(refused(await client.reports.registerReport('not a stream', registered)()))).toBe(
      'InvalidStreamName',
    );
    const id = ok(await client.reports.submitReport(submit)()).id;
    const before = store.size();
    const badOption = asValidationError(
      refused(await client.reports.registerReport(id, registered, { commandId: '' })()),
    );
    expect(badOption.message).toBe(
      'options.commandId: expected a non-empty string of at most 200 characters',
    );
    expect(store.size()).toBe(before);
  });

  it('an `at` that is not a date', async () => {
    const message = await badInput(submitUntyped({ ...submit, at: 'yesterday' }));
    expect(message).toBe('at: expected an ISO-8601 date-time, got "yesterday"');
  });

  it('cases.recordDamage with a negative amount', async () => {
    const caseId = ok(await client.cases.registerCase(CASE_INPUTS.registerCase)()).id;
    ok(await client.cases.startInvestigation(caseId)());
    const message = await badInput(() => client.cases.recordDamage(caseId, { amount: -150_000n })());
    expect(message).toBe('amount: must not be negative, got -150000');
  });

  it('ratings.rateService with a score of 6, and with a wrong region', async () => {
    const rate = RATING_INPUTS.rateService;
    expect(await badInput(() => client.ratings.rateService({ ...rate, score: 6 })())).toBe(
      'score: expected Score (an integer 1 to 5), got 6',
    );
    expect(await badInput(() => client.ratings.rateService({ ...rate, region: 'KZ-ALA' as 'KZ-75' })())).toBe(
      'region: KZ-ALA is an old code: use KZ-75',
    );
    // A provider's location must lie in the region rated.
    expect(await badInput(() => client.ratings.rateService({ ...rate, region: 'KZ-71' })())).toBe(
      'provider.point: (43.2265, 76.8512) is not in Astana (city) (KZ-71)',
    );
  });

  it('ratings.rateService without a usable rater or service instance (never hashed as "undefined")', async () => {
    const rate = RATING_INPUTS.rateService;
    const fn = methodsOf(client, 'ratings')['rateService'];
    if (fn === undefined) throw new Error('client.ratings.rateService is missing');
    const { rater: _rater, ...withoutRater } = rate;
    expect(await badInput(() => fn(withoutRater)())).toBe('rater: expected Text(1..200), got nothing');
    // With the rest of the input checked too, so one answer names every problem.
    expect(await badInput(() => fn({ ...withoutRater, score: 6 })())).toBe(
      'rater: expected Text(1..200), got nothing\nscore: expected Score (an integer 1 to 5), got 6',
    );
    expect(await badInput(() => client.ratings.rateService({ ...rate, rater: ' ' })())).toBe(
      'rater: must not be empty',
    );
    expect(await badInput(() => fn({ ...rate, rater: 42, serviceInstanceId: '' })())).toBe(
      'rater: expected Text(1..200), got 42\nserviceInstanceId: must not be empty',
    );
  });

  it('roadmaps, groups and recommendations with a value of the wrong type', async () => {
    const roadmapId = ok(await client.roadmaps.draftRoadmap(ROADMAP_INPUTS.draftRoadmap)()).id;
    const groupId = ok(await client.groups.formGroup(GROUP_INPUTS.formGroup)()).id;
    const recommendationId = ok(
      await client.recommendations.issueRecommendation(RECOMMENDATION_INPUTS.issueRecommendation)(),
    ).id;
    const untyped = (module: CommandModuleName, method: string, id: string, input: object) => () => {
      const fn = methodsOf(client, module)[method];
      if (fn === undefined) throw new Error(`client.${module}.${method} is missing`);
      return fn(id, input)();
    };
    expect(
      await badInput(
        untyped('roadmaps', 'addMeasure', roadmapId, { ...ROADMAP_INPUTS.addMeasure, dueOn: 20260930 }),
      ),
    ).toBe('dueOn: expected a date YYYY-MM-DD, got 20260930');
    expect(
      await badInput(
        untyped('roadmaps', 'approveRoadmap', roadmapId, { ...ROADMAP_INPUTS.approveRoadmap, version: '1' }),
      ),
    ).toBe('version: expected VersionNumber (an integer 1, 2, …), got "1"');
    expect(
      await badInput(untyped('groups', 'addMember', groupId, { ...GROUP_INPUTS.addMember, memberId: 7 })),
    ).toBe('memberId: expected MemberId, got 7');
    expect(
      await badInput(
        untyped('recommendations', 'recordCollectiveReview', recommendationId, {
          ...RECOMMENDATION_INPUTS.recordCollectiveReview,
          attendance: { present: '87', total: 112 },
        }),
      ),
    ).toBe('attendance.present: expected a count of people (0 or more), got "87"');
  });

  it('client.deadlines.markOverdue with a date that is not a date', async () => {
    const before = store.size();
    const error = asValidationError(refused(await client.deadlines.markOverdue(new Date('not a date'))()));
    expect(error.message).toBe('now: expected a real date-time, got an invalid Date');
    const untypedNow = client.deadlines.markOverdue as unknown as (
      now: unknown,
    ) => () => Promise<E.Either<unknown, unknown>>;
    expect(asValidationError(refused(await untypedNow('tomorrow')())).message).toBe(
      'now: expected an ISO-8601 date-time, got "tomorrow"',
    );
    expect(store.size()).toBe(before);
    // A real date is accepted (control).
    ok(await client.deadlines.markOverdue(on('2026-04-03'))());
  });
});
