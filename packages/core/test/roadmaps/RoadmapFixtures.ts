/**
 * Shared fixtures of the Roadmap tests: the measures of the article (a digitalisation of the service's
 * internal processes, meritocracy, transparency, and the three planned legal measures: liability for illicit
 * enrichment, an institution of integrity checks, a wider list of corruption subjects), a builder per
 * command, and helpers that run commands through the decider.
 *
 * The roadmap covers 2026–2028; it is drafted in January 2026 and approved in February.
 */
import * as E from 'fp-ts/lib/Either.js';
import { LocalDate, replay } from '../../src/index.js';
import type { RegionCode } from '../../src/index.js';
import { Roadmap } from '../../src/roadmaps/index.js';
import type {
  MeasurePlan,
  RoadmapCommand,
  RoadmapError,
  RoadmapEvent,
  RoadmapState,
} from '../../src/roadmaps/index.js';

/** A `YYYY-MM-DD` fixture as a {@link LocalDate}; a typo in a fixture is a bug in the test, so it throws. */
export const day = (text: string): LocalDate => {
  if (!LocalDate.is(text)) throw new Error(`fixture ${text} is not a date`);
  return text;
};

/** The instant at 10:00 on `date` in Kazakhstan (UTC+5). */
export const on = (date: string): Date => new Date(`${date}T10:00:00+05:00`);

export const en = (text: string) => ({ text, language: 'en' as const });

export const TITLE = {
  en: 'Roadmap for the development of the anti-corruption service, 2026–2028',
  ru: 'Дорожная карта развития антикоррупционной службы на 2026–2028 годы',
};
export const PERIOD = { startsOn: day('2026-01-01'), endsOn: day('2028-12-31') };

/** Digitalisation of the internal processes: two mandatory milestones and an optional one. */
export const DIGITAL: MeasurePlan = {
  id: 'DIG-1',
  direction: 'digitalisation',
  title: { en: 'Electronic case management and document flow inside the service' },
  owner: { body: 'Anti-Corruption Agency', unit: 'Department of digitalisation', officerId: 'officer-17' },
  kpi: { indicator: { en: 'Internal processes digitalised' }, unit: '%', baseline: 20, target: 80 },
  dueOn: day('2026-09-30'),
  milestones: [
    { id: 'M1', title: { en: 'Requirements approved' }, mandatory: true },
    { id: 'M2', title: { en: 'Pilot in Astana' }, mandatory: true, dueOn: day('2026-06-30') },
    { id: 'M3', title: { en: 'Staff trained in every region' }, mandatory: false },
  ],
};

/** Meritocracy: open competition for every post. */
export const MERIT: MeasurePlan = {
  id: 'MER-1',
  direction: 'meritocracy',
  title: { en: 'Posts filled by open competition and promotion on merit' },
  owner: { body: 'Anti-Corruption Agency', unit: 'Human resources department' },
  kpi: { indicator: { en: 'Posts filled through open competition' }, unit: '%', baseline: 40, target: 100 },
  dueOn: day('2026-12-31'),
  milestones: [{ id: 'M1', title: { en: 'Competition rules adopted' }, mandatory: true }],
};

/** Transparency: a KPI that improves downwards (days to publish). */
export const TRANSPARENCY: MeasurePlan = {
  id: 'TRN-1',
  direction: 'transparency',
  title: { en: 'Quarterly statistics published on the open data portal' },
  owner: { body: 'Anti-Corruption Agency', unit: 'Press service' },
  kpi: { indicator: { en: 'Days from quarter end to publication' }, unit: 'days', baseline: 90, target: 30 },
  dueOn: day('2026-06-30'),
  milestones: [{ id: 'M1', title: { en: 'First quarter published' }, mandatory: true }],
};

const legislation = (id: string, title: string, act: string, article: string): MeasurePlan => ({
  id,
  direction: 'legislation',
  title: { en: title },
  owner: { body: 'Anti-Corruption Agency', unit: 'Legal department' },
  kpi: { indicator: { en: 'Draft law submitted to Parliament' }, unit: 'bill', baseline: 0, target: 1 },
  dueOn: day('2026-12-31'),
  milestones: [
    { id: 'M1', title: { en: 'Draft law written' }, mandatory: true },
    { id: 'M2', title: { en: 'Draft law submitted to Parliament' }, mandatory: true },
  ],
  legalReference: { act, article },
});

/** The article's planned measures: liability for illicit enrichment. */
export const ILLICIT_ENRICHMENT = legislation(
  'LEG-1',
  'Liability for illicit enrichment',
  'Criminal Code of the Republic of Kazakhstan',
  'a new article on illicit enrichment',
);
/** The article's planned measures: an institution of integrity checks. */
export const INTEGRITY_CHECKS = legislation(
  'LEG-2',
  'An institution of integrity checks',
  'Law No. 410-V of 18 November 2015 "On Combating Corruption"',
  'a new chapter on integrity checks',
);
/** The article's planned measures: widening the list of corruption subjects. */
export const CORRUPTION_SUBJECTS = legislation(
  'LEG-3',
  'A wider list of corruption subjects',
  'Law No. 410-V of 18 November 2015 "On Combating Corruption"',
  'Article 1 (persons to whom the law applies)',
);

export const ALL_MEASURES: readonly MeasurePlan[] = [
  DIGITAL,
  MERIT,
  TRANSPARENCY,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  CORRUPTION_SUBJECTS,
];

// Command builders: the date first, as every command carries its instant.
type Cmd<K extends RoadmapCommand['type']> = Extract<RoadmapCommand, { readonly type: K }>;
export const draft = (date: string, region?: RegionCode): Cmd<'DraftRoadmap'> =>
  region === undefined
    ? { type: 'DraftRoadmap', at: on(date), title: TITLE, period: PERIOD }
    : { type: 'DraftRoadmap', at: on(date), title: TITLE, period: PERIOD, region };
export const add = (date: string, measure: MeasurePlan): Cmd<'AddMeasure'> => {
  const { id, ...rest } = measure;
  return { type: 'AddMeasure', at: on(date), measureId: id, ...rest };
};
export const approve = (date: string, version: number): Cmd<'ApproveRoadmap'> => ({
  type: 'ApproveRoadmap',
  at: on(date),
  version,
  approvedBy: 'Chairman of the Anti-Corruption Agency',
});
export const revise = (
  date: string,
  reason = 'The e-document platform is delivered a quarter late',
): Cmd<'ReviseRoadmap'> => ({
  type: 'ReviseRoadmap',
  at: on(date),
  reason: en(reason),
});
export const start = (date: string, measureId: string): Cmd<'StartMeasure'> => ({
  type: 'StartMeasure',
  at: on(date),
  measureId,
});
export const milestone = (date: string, measureId: string, milestoneId: string): Cmd<'RecordMilestone'> => ({
  type: 'RecordMilestone',
  at: on(date),
  measureId,
  milestoneId,
});
export const reportKpi = (
  date: string,
  measureId: string,
  value: number,
  measuredOn = date,
): Cmd<'ReportKpi'> => ({
  type: 'ReportKpi',
  at: on(date),
  measureId,
  value,
  measuredOn: day(measuredOn),
});
export const complete = (date: string, measureId: string): Cmd<'CompleteMeasure'> => ({
  type: 'CompleteMeasure',
  at: on(date),
  measureId,
});
export const reviseDeadline = (
  date: string,
  measureId: string,
  newDueOn: string,
  reason = 'The platform contract was signed three months late',
): Cmd<'ReviseMeasureDeadline'> => ({
  type: 'ReviseMeasureDeadline',
  at: on(date),
  measureId,
  newDueOn: day(newDueOn),
  reason: en(reason),
});
export const cancel = (
  date: string,
  measureId: string,
  reason = 'Merged into another measure',
): Cmd<'CancelMeasure'> => ({
  type: 'CancelMeasure',
  at: on(date),
  measureId,
  reason: en(reason),
});

/** Decides `command` after `given`. */
export const decideAfter = (
  given: readonly RoadmapEvent[],
  command: RoadmapCommand,
): E.Either<RoadmapError, readonly RoadmapEvent[]> =>
  Roadmap.decider.decide(command, replay(Roadmap.decider, given));

/** The events `commands` produce after `given`; a refusal is a bug in the fixture, so it throws. */
export const continueWith = (
  given: readonly RoadmapEvent[],
  ...commands: readonly RoadmapCommand[]
): RoadmapEvent[] => {
  const events: RoadmapEvent[] = [];
  let state: RoadmapState = replay(Roadmap.decider, given);
  for (const command of commands) {
    const result = Roadmap.decider.decide(command, state);
    if (E.isLeft(result)) throw new Error(`fixture ${command.type} refused: ${result.left.message}`);
    for (const event of result.right) {
      events.push(event);
      state = Roadmap.decider.evolve(state, event);
    }
  }
  return events;
};

/** Runs commands from the start and returns every event. */
export const history = (...commands: readonly RoadmapCommand[]): RoadmapEvent[] =>
  continueWith([], ...commands);

/** Every event after `given` and then `commands`. */
export const extend = (
  given: readonly RoadmapEvent[],
  ...commands: readonly RoadmapCommand[]
): RoadmapEvent[] => [...given, ...continueWith(given, ...commands)];

/** The state after some events. */
export const stateAfter = (events: readonly RoadmapEvent[]): RoadmapState => replay(Roadmap.decider, events);

/** A draft with the digitalisation measure and the illicit-enrichment one. */
export const DRAFT = history(
  draft('2026-01-12'),
  add('2026-01-13', DIGITAL),
  add('2026-01-13', ILLICIT_ENRICHMENT),
);
/** Version 1 approved on Monday 2 February 2026. */
export const APPROVED = extend(DRAFT, approve('2026-02-02', 1));
/** Version 1 approved, then a revision opened on 1 June 2026. */
export const REVISING = extend(APPROVED, revise('2026-06-01'));
/** Version 1 approved and the digitalisation measure started on 9 February 2026. */
export const STARTED = extend(APPROVED, start('2026-02-09', 'DIG-1'));
