/**
 * Properties of the Roadmap decider over random command sequences (valid commands, in any order, on a
 * small pool of measure and milestone ids so that they often meet): the invariants the issue names hold
 * after every step, and replaying the events gives the same state every time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { addDays, replay } from '../../src/index.js';
import { Roadmap, RoadmapEvents, measureExecution, measureInForce } from '../../src/roadmaps/index.js';
import type {
  MeasurePlan,
  RoadmapCommand,
  RoadmapEvent,
  RoadmapState,
  RoadmapVersion,
} from '../../src/roadmaps/index.js';
import {
  DIGITAL,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  MERIT,
  TRANSPARENCY,
  add,
  approve,
  cancel,
  complete,
  day,
  draft,
  milestone,
  on,
  reportKpi,
  revise,
  reviseDeadline,
  start,
} from './RoadmapFixtures.js';

const { legalReference: _legalReference, ...WITHOUT_LAW } = ILLICIT_ENRICHMENT;
const MEASURES: readonly MeasurePlan[] = [
  DIGITAL,
  MERIT,
  TRANSPARENCY,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  WITHOUT_LAW,
];
const IDS = ['DIG-1', 'MER-1', 'TRN-1', 'LEG-1', 'LEG-2', 'NONE-1'];
const START = day('2026-01-05');

/** A command of some kind, to be dated by the sequence it is in. */
type Dated = (date: string) => RoadmapCommand;

// The first two measures come up more often, so that their work often goes all the way to completion.
const id = fc.oneof(
  { weight: 3, arbitrary: fc.constant('DIG-1') },
  { weight: 3, arbitrary: fc.constant('MER-1') },
  { weight: 3, arbitrary: fc.constantFrom(...IDS) },
);
const milestoneId = fc.oneof(
  { weight: 3, arbitrary: fc.constant('M1') },
  { weight: 2, arbitrary: fc.constant('M2') },
  { weight: 1, arbitrary: fc.constantFrom('M3', 'M9') },
);
const command: fc.Arbitrary<Dated> = fc.oneof(
  { weight: 1, arbitrary: fc.constant((d: string) => draft(d)) },
  { weight: 4, arbitrary: fc.constantFrom(...MEASURES).map((m) => (d: string) => add(d, m)) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }).map((v) => (d: string) => approve(d, v)) },
  { weight: 2, arbitrary: fc.constant((d: string) => revise(d)) },
  { weight: 4, arbitrary: id.map((m) => (d: string) => start(d, m)) },
  {
    weight: 6,
    arbitrary: fc.tuple(id, milestoneId).map(
      ([m, s]) =>
        (d: string) =>
          milestone(d, m, s),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(id, fc.integer({ min: -50, max: 150 }), fc.integer({ min: -30, max: 2 })).map(
      ([m, value, offset]) =>
        (d: string) =>
          reportKpi(d, m, value, addDays(day(d), offset)),
    ),
  },
  { weight: 4, arbitrary: id.map((m) => (d: string) => complete(d, m)) },
  {
    weight: 3,
    arbitrary: fc.tuple(id, fc.integer({ min: 30, max: 900 })).map(
      ([m, offset]) =>
        (d: string) =>
          reviseDeadline(d, m, addDays(START, offset)),
    ),
  },
  { weight: 1, arbitrary: id.map((m) => (d: string) => cancel(d, m)) },
);

/**
 * A roadmap drafted with one measure (and, in half of the runs, already approved with a second one), then
 * random commands a few days apart.
 */
const sequence = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), command), {
      minLength: 10,
      maxLength: 80,
      size: 'max',
    }),
  )
  .map(([approvedFirst, steps]) => {
    let date: string = START;
    const dated: RoadmapCommand[] = [draft(date), add(date, DIGITAL)];
    if (approvedFirst) dated.push(add(date, ILLICIT_ENRICHMENT), approve(date, 1));
    for (const [gap, make] of steps) {
      date = addDays(day(date), gap);
      dated.push(make(date));
    }
    return dated;
  });

interface Trace {
  readonly events: RoadmapEvent[];
  readonly states: RoadmapState[];
  /** Each approved version, exactly as its RoadmapApproved event carried it. */
  readonly approved: RoadmapVersion[];
}

/** Runs the commands, checking the step invariants; refused commands leave the state as it was. */
const run = (commands: readonly RoadmapCommand[]): Trace => {
  const trace: Trace = { events: [], states: [Roadmap.decider.initialState], approved: [] };
  let state = Roadmap.decider.initialState;
  for (const c of commands) {
    const result = Roadmap.decider.decide(c, state);
    if (E.isLeft(result)) continue;
    for (const event of result.right) {
      checkEventAgainst(state, event);
      if (event.type === 'RoadmapApproved') {
        const { at: _at, ...version } = event.data;
        trace.approved.push(version);
      }
      state = Roadmap.decider.evolve(state, event);
      trace.events.push(event);
      trace.states.push(state);
      // Approved versions never change: every later state holds each of them exactly as approved.
      expect(state.versions).toEqual(trace.approved);
    }
  }
  return trace;
};

/** What must be true of an event, given the state it is decided in. */
const checkEventAgainst = (before: RoadmapState, event: RoadmapEvent): void => {
  switch (event.type) {
    case 'MeasureAdded':
    case 'MeasureDeadlineRevised':
    case 'MeasureCancelled':
      // The plan changes only in a draft or an open revision, and the change belongs to the next version.
      expect(['draft', 'revising']).toContain(before.status);
      expect(event.data.version).toBe(before.versions.length + 1);
      break;
    case 'RoadmapApproved':
      // A version is the plan worked on, numbered right after the last one.
      expect(event.data.version).toBe(before.versions.length + 1);
      expect(event.data.measures).toEqual(before.plan);
      expect(event.data.measures.some((m) => m.cancelled === undefined)).toBe(true);
      break;
    case 'MeasureStarted':
    case 'MilestoneRecorded':
    case 'KpiReported':
      expect(measureInForce(before, event.data.measureId)?.cancelled).toBeUndefined();
      break;
    case 'MeasureCompleted': {
      // A measure is completed only with every mandatory milestone of the plan in force done.
      const inForce = measureInForce(before, event.data.measureId);
      const done = measureExecution(before, event.data.measureId).milestonesDone;
      expect(inForce).toBeDefined();
      for (const m of inForce?.milestones ?? [])
        if (m.mandatory) expect(Object.hasOwn(done, m.id)).toBe(true);
      break;
    }
    default:
      break;
  }
};

describe('Roadmap properties (random command sequences)', () => {
  it('approved versions never change, whatever commands follow, and are numbered 1, 2, … with the plan approved', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { states, approved } = run(commands);
        const last = states[states.length - 1];
        expect(last?.versions.map((v) => v.version)).toEqual(approved.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('completed measures had all their mandatory milestones, and the plan changes only in a draft or a revision', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, states } = run(commands);
        const last = states[states.length - 1] ?? Roadmap.decider.initialState;
        for (const [measureId, execution] of Object.entries(last.execution)) {
          if (execution.status !== 'completed') continue;
          const mandatory = (measureInForce(last, measureId)?.milestones ?? [])
            .filter((m) => m.mandatory)
            .map((m) => m.id);
          const recordedBefore = events
            .slice(
              0,
              events.findIndex((e) => e.type === 'MeasureCompleted' && e.data.measureId === measureId),
            )
            .filter((e) => e.type === 'MilestoneRecorded' && e.data.measureId === measureId)
            .map((e) => (e.type === 'MilestoneRecorded' ? e.data.milestoneId : ''));
          for (const m of mandatory) expect(recordedBefore).toContain(m);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replays deterministically: the same events give the same state every time, equal to the state built step by step', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        const { events, states } = run(commands);
        const once = replay(Roadmap.decider, events);
        const twice = replay(Roadmap.decider, events);
        expect(twice).toEqual(once);
        expect(once).toEqual(states[states.length - 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('every event produced encodes to JSON and decodes back to itself', () => {
    fc.assert(
      fc.property(sequence, (commands) => {
        for (const event of run(commands).events) {
          const stored = JSON.parse(JSON.stringify(RoadmapEvents.encode(event))) as ReturnType<
            typeof RoadmapEvents.encode
          >;
          expect(RoadmapEvents.decode(stored)).toEqual(E.right(event));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the generator reaches the interesting states: revisions approved, measures completed, deadlines slipped', () => {
    const traces = fc.sample(sequence, { numRuns: 300, seed: 20260105 }).map(run);
    const count = (pick: (e: RoadmapEvent) => boolean) => traces.filter((tr) => tr.events.some(pick)).length;
    expect(count((e) => e.type === 'RoadmapApproved' && e.data.version >= 2)).toBeGreaterThan(10);
    expect(count((e) => e.type === 'MeasureCompleted')).toBeGreaterThan(10);
    expect(count((e) => e.type === 'MeasureDeadlineRevised' && e.data.slipped)).toBeGreaterThan(10);
    expect(count((e) => e.type === 'MeasureCancelled')).toBeGreaterThan(5);
    expect(on('2026-01-05').toISOString()).toBe('2026-01-05T05:00:00.000Z');
  });
});
