/**
 * The article's roadmap, walked as one story: the roadmap of the anti-corruption service brings meritocracy
 * and transparency and digitalises the internal processes; the year's planned legal measures (liability for
 * illicit enrichment, integrity checks, a wider list of corruption subjects) are its legislation measures.
 * The digitalisation measure slips: its deadline can only move through a revision of the approved roadmap,
 * with a reason; version 1 stays as it was approved; the measure is completed once its mandatory milestones
 * are done, and the progress read model shows it done, slipped, and its KPI against the target.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { replay } from '../../src/index.js';
import { Roadmap, RoadmapEvents, measureProgress, roadmapProgress } from '../../src/roadmaps/index.js';
import type { RoadmapCommand, RoadmapError, RoadmapEvent, RoadmapState } from '../../src/roadmaps/index.js';
import {
  CORRUPTION_SUBJECTS,
  DIGITAL,
  ILLICIT_ENRICHMENT,
  INTEGRITY_CHECKS,
  MERIT,
  TRANSPARENCY,
  add,
  approve,
  complete,
  day,
  draft,
  milestone,
  reportKpi,
  revise,
  reviseDeadline,
  start,
} from './RoadmapFixtures.js';

/** The roadmap's stream: every command goes through decide, and accepted events are appended. */
const stream = () => {
  const events: RoadmapEvent[] = [];
  let state: RoadmapState = Roadmap.decider.initialState;
  const send = (command: RoadmapCommand): E.Either<RoadmapError, readonly RoadmapEvent[]> => {
    // Commands reach the aggregate as JSON through its codec, as a portal sends them.
    const decoded = Roadmap.commands.decode(JSON.parse(JSON.stringify(command)));
    if (E.isLeft(decoded)) throw new Error('the scenario sent a malformed command');
    const result = Roadmap.decider.decide(decoded.right, state);
    if (E.isRight(result)) {
      for (const event of result.right) {
        events.push(event);
        state = Roadmap.decider.evolve(state, event);
      }
    }
    return result;
  };
  const accept = (command: RoadmapCommand): readonly RoadmapEvent[] => {
    const result = send(command);
    if (E.isLeft(result)) throw new Error(`${command.type} refused: ${result.left.message}`);
    return result.right;
  };
  return { send, accept, events, state: () => state };
};

describe('Scenario: the digitalisation measure of the roadmap slips, is revised, and is completed', () => {
  it('walks the roadmap from draft to a completed, slipped measure, with version 1 unchanged', () => {
    const roadmap = stream();

    // January 2026: the Agency drafts its roadmap with the article's directions and planned legal measures.
    roadmap.accept(draft('2026-01-12'));
    for (const measure of [
      MERIT,
      DIGITAL,
      TRANSPARENCY,
      ILLICIT_ENRICHMENT,
      INTEGRITY_CHECKS,
      CORRUPTION_SUBJECTS,
    ]) {
      roadmap.accept(add('2026-01-13', measure));
    }
    expect(
      roadmap
        .state()
        .plan.filter((m) => m.direction === 'legislation')
        .map((m) => m.legalReference?.act),
    ).toEqual([
      'Criminal Code of the Republic of Kazakhstan',
      'Law No. 410-V of 18 November 2015 "On Combating Corruption"',
      'Law No. 410-V of 18 November 2015 "On Combating Corruption"',
    ]);

    // 2 February: version 1 is approved. Its content is kept to compare with at the end.
    roadmap.accept(approve('2026-02-02', 1));
    const version1 = structuredClone(roadmap.state().versions[0]);
    expect(version1?.measures.find((m) => m.id === 'DIG-1')?.dueOn).toBe('2026-09-30');

    // The digitalisation of internal processes starts; its requirements are approved in March.
    roadmap.accept(start('2026-02-09', 'DIG-1'));
    roadmap.accept(milestone('2026-03-16', 'DIG-1', 'M1'));
    roadmap.accept(reportKpi('2026-04-02', 'DIG-1', 35, '2026-03-31'));

    // June: the e-document platform is late. Moving the deadline in the approved version is refused…
    expect(roadmap.send(reviseDeadline('2026-06-01', 'DIG-1', '2026-12-31'))).toMatchObject({
      left: { _tag: 'ApprovedVersionIsImmutable' },
    });
    // …so the Agency opens a revision with its reason, moves the deadline with a reason, and approves version 2.
    roadmap.accept(revise('2026-06-01', 'The e-document platform is delivered a quarter late'));
    const [revised] = roadmap.accept(
      reviseDeadline(
        '2026-06-02',
        'DIG-1',
        '2026-12-31',
        'The platform contract was signed three months late',
      ),
    );
    expect(revised).toMatchObject({
      type: 'MeasureDeadlineRevised',
      data: {
        previousDueOn: '2026-09-30',
        newDueOn: '2026-12-31',
        approvedDueOn: '2026-09-30',
        slipped: true,
        version: 2,
      },
    });
    roadmap.accept(approve('2026-06-10', 2));
    expect(roadmap.state().versions.map((v) => v.version)).toEqual([1, 2]);
    expect(roadmap.state().versions[1]?.revisionReason?.text).toBe(
      'The e-document platform is delivered a quarter late',
    );

    // The read model shows the measure active and slipped, its deadline revised later than first approved.
    expect(
      measureProgress(roadmap.state(), day('2026-06-30')).find((m) => m.measureId === 'DIG-1'),
    ).toMatchObject({
      status: 'active',
      dueOn: '2026-12-31',
      approvedDueOn: '2026-09-30',
      slipped: ['deadlineRevised'],
    });

    // November: completing before the Astana pilot (a mandatory milestone) is refused; the optional training is not needed.
    expect(roadmap.send(complete('2026-11-02', 'DIG-1'))).toMatchObject({
      left: { _tag: 'MandatoryMilestonesPending' },
    });
    roadmap.accept(milestone('2026-11-16', 'DIG-1', 'M2'));
    roadmap.accept(reportKpi('2026-11-30', 'DIG-1', 82, '2026-11-30'));
    const [completed] = roadmap.accept(complete('2026-12-01', 'DIG-1'));
    expect(completed).toMatchObject({
      type: 'MeasureCompleted',
      data: { completedOn: '2026-12-01', dueOn: '2026-12-31', late: false },
    });

    // Version 1 is still exactly what was approved in February, with the first due date.
    expect(roadmap.state().versions[0]).toEqual(version1);

    // Progress by direction at the end of 2026: digitalisation done but slipped, its KPI above target.
    const digital = roadmapProgress(roadmap.state(), day('2026-12-31')).find(
      (d) => d.direction === 'digitalisation',
    );
    expect(digital).toMatchObject({ measures: 1, done: 1, active: 0, slipped: 1, progress: 1 });
    expect(digital?.kpis[0]).toMatchObject({ baseline: 20, target: 80, actual: 82, achieved: true });
    const legislation = roadmapProgress(roadmap.state(), day('2026-12-31')).find(
      (d) => d.direction === 'legislation',
    );
    expect(legislation).toMatchObject({ measures: 3, planned: 3, done: 0, slipped: 0 });

    // The log replays to the same roadmap, and every event survives the store's JSON.
    expect(replay(Roadmap.decider, roadmap.events)).toEqual(roadmap.state());
    const stored = roadmap.events.map(
      (e) => JSON.parse(JSON.stringify(RoadmapEvents.encode(e))) as ReturnType<typeof RoadmapEvents.encode>,
    );
    const decoded = stored.map((e) => RoadmapEvents.decode(e));
    expect(decoded.every(E.isRight)).toBe(true);
    expect(
      replay(
        Roadmap.decider,
        decoded.flatMap((d) => (E.isRight(d) ? [d.right] : [])),
      ),
    ).toEqual(roadmap.state());
  });
});
