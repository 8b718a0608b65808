/**
 * The command codecs of a roadmap: what a portal sends as JSON is decoded, or refused with a message that
 * names the field path and the problem, the same through the union of every command.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { toValidationError } from '../../src/index.js';
import {
  AddMeasure,
  DraftRoadmap,
  Roadmap,
  RoadmapCommand,
  RoadmapEvents,
} from '../../src/roadmaps/index.js';

// Commands as JSON, as a portal sends them: instants and dates as strings.
const DRAFT = {
  type: 'DraftRoadmap',
  at: '2026-01-12T05:00:00.000Z',
  title: {
    kk: 'Сыбайлас жемқорлыққа қарсы қызметті дамыту жол картасы',
    en: 'Roadmap of the anti-corruption service',
  },
  period: { startsOn: '2026-01-01', endsOn: '2028-12-31' },
  region: 'KZ-71',
} as const;

const MEASURE = {
  type: 'AddMeasure',
  at: '2026-01-13T05:00:00.000Z',
  measureId: 'LEG-1',
  direction: 'legislation',
  title: { en: 'Liability for illicit enrichment' },
  owner: { body: 'Anti-Corruption Agency', unit: 'Legal department' },
  kpi: { indicator: { en: 'Draft law submitted' }, unit: 'bill', baseline: 0, target: 1 },
  dueOn: '2026-12-31',
  milestones: [
    { id: 'M1', title: { en: 'Draft written' }, mandatory: true },
    { id: 'M2', title: { en: 'Draft submitted' }, mandatory: true, dueOn: '2026-10-01' },
  ],
  legalReference: {
    act: 'Criminal Code of the Republic of Kazakhstan',
    article: 'a new article on illicit enrichment',
  },
} as const;

/** The message a codec gives for an input, or `undefined` when it is accepted. */
const messageOf = (codec: t.Decoder<unknown, unknown>, input: unknown): string | undefined => {
  const result = codec.decode(input);
  return E.isLeft(result) ? toValidationError(result.left).message : undefined;
};

const BAD: readonly { readonly title: string; readonly input: object; readonly message: string }[] = [
  {
    title: 'an unknown field',
    input: { ...MEASURE, priority: 'high' },
    message: 'priority: unknown field',
  },
  {
    title: 'an old letter code for the region',
    input: { ...DRAFT, region: 'KZ-AST' },
    message: 'region: KZ-AST is an old code: use KZ-71',
  },
  {
    title: 'a region code that does not exist',
    input: { ...DRAFT, region: 'KZ-99' },
    message: 'region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"',
  },
  {
    title: 'a title in no language',
    input: { ...DRAFT, title: {} },
    message: 'title: expected LocalizedText (at least one of kk, ru, en), got {}',
  },
  {
    title: 'a date that does not exist',
    input: { ...MEASURE, dueOn: '2026-02-30' },
    message: 'dueOn: expected a date YYYY-MM-DD, got "2026-02-30"',
  },
  {
    title: 'a direction the roadmap does not have',
    input: { ...MEASURE, direction: 'sports' },
    message: 'direction: expected RoadmapDirection, got "sports"',
  },
  {
    title: 'a KPI target equal to its baseline',
    input: { ...MEASURE, kpi: { ...MEASURE.kpi, target: 0 } },
    message: 'kpi.target: must differ from the baseline 0',
  },
  {
    title: 'a KPI baseline as a string',
    input: { ...MEASURE, kpi: { ...MEASURE.kpi, baseline: '0' } },
    message: 'kpi.baseline: expected KpiValue (a finite number), got "0"',
  },
  {
    title: 'two milestones with one id',
    input: { ...MEASURE, milestones: [MEASURE.milestones[0], { ...MEASURE.milestones[1], id: 'M1' }] },
    message: 'milestones.1.id: the milestone id M1 is used twice',
  },
  {
    title: 'no milestone',
    input: { ...MEASURE, milestones: [] },
    message: 'milestones: expected 1 to 30 milestones, got 0',
  },
  {
    title: 'a milestone without its mandatory flag',
    input: { ...MEASURE, milestones: [{ id: 'M1', title: { en: 'Draft written' } }] },
    message: 'milestones.0.mandatory: expected boolean, got nothing',
  },
  {
    title: 'a measure id with a blank',
    input: { ...MEASURE, measureId: 'LEG 1' },
    message: 'measureId: expected an id of 1 to 60 letters, digits, ".", "-" or "_", got "LEG 1"',
  },
  {
    title: 'a version number of 0',
    input: { type: 'ApproveRoadmap', at: '2026-02-02T05:00:00.000Z', version: 0, approvedBy: 'Chairman' },
    message: 'version: expected VersionNumber (an integer 1, 2, …), got 0',
  },
  {
    title: 'a version number as a string',
    input: { type: 'ApproveRoadmap', at: '2026-02-02T05:00:00.000Z', version: '2', approvedBy: 'Chairman' },
    message: 'version: expected VersionNumber (an integer 1, 2, …), got "2"',
  },
  {
    title: 'a revision without a reason',
    input: { type: 'ReviseRoadmap', at: '2026-06-01T05:00:00.000Z' },
    message: 'reason: expected an object, got undefined',
  },
  {
    title: 'a deadline revision with an empty reason',
    input: {
      type: 'ReviseMeasureDeadline',
      at: '2026-06-01T05:00:00.000Z',
      measureId: 'DIG-1',
      newDueOn: '2026-12-31',
      reason: { text: '  ', language: 'en' },
    },
    message: 'reason.text: must not be empty',
  },
  {
    title: 'a KPI value that is not a number',
    input: {
      type: 'ReportKpi',
      at: '2026-06-01T05:00:00.000Z',
      measureId: 'DIG-1',
      value: 'fifty',
      measuredOn: '2026-05-31',
    },
    message: 'value: expected KpiValue (a finite number), got "fifty"',
  },
  {
    title: 'an instant that is not ISO-8601',
    input: { ...DRAFT, at: '12.01.2026' },
    message: 'at: expected an ISO-8601 date-time, got "12.01.2026"',
  },
  {
    title: 'a command the roadmap does not have',
    input: { type: 'DeleteRoadmap', at: '2026-06-01T05:00:00.000Z' },
    message:
      'type: expected "DraftRoadmap" | "AddMeasure" | "ApproveRoadmap" | "ReviseRoadmap" | "StartMeasure" | "RecordMilestone" | "ReportKpi" | "CompleteMeasure" | "ReviseMeasureDeadline" | "CancelMeasure", got "DeleteRoadmap"',
  },
];

describe('Roadmap command codecs', () => {
  it('decode good JSON commands: a regional draft and a legislation measure with its legal reference', () => {
    expect(messageOf(RoadmapCommand, DRAFT)).toBeUndefined();
    expect(messageOf(RoadmapCommand, MEASURE)).toBeUndefined();
    const decoded = DraftRoadmap.decode(DRAFT);
    expect(E.isRight(decoded) && decoded.right.at).toEqual(new Date('2026-01-12T05:00:00.000Z'));
    expect(Roadmap.commands).toBe(RoadmapCommand);
  });

  for (const bad of BAD) {
    it(`refuse ${bad.title}, naming the field`, () => {
      expect(messageOf(RoadmapCommand, bad.input)).toBe(bad.message);
    });
  }

  it('give the same message alone as through the union of every command', () => {
    expect(messageOf(AddMeasure, { ...MEASURE, priority: 'high' })).toBe('priority: unknown field');
  });

  it('list every problem of one input, one per line', () => {
    const message = messageOf(RoadmapCommand, { ...MEASURE, dueOn: 'soon', owner: { body: '' }, extra: 1 });
    expect(message?.split('\n').sort()).toEqual(
      [
        'dueOn: expected a date YYYY-MM-DD, got "soon"',
        'extra: unknown field',
        'owner.body: must not be empty',
      ].sort(),
    );
  });

  it('refuse stored events with bad data, naming the field', () => {
    const result = RoadmapEvents.decode({
      type: 'MeasureStarted',
      schemaVersion: 1,
      data: { at: '2026-02-09T05:00:00.000Z', measureId: 'DIG-1', startedOn: '9 Feb' },
    });
    expect(E.isLeft(result) && result.left.message).toBe(
      'startedOn: expected a date YYYY-MM-DD, got "9 Feb"',
    );
  });
});
