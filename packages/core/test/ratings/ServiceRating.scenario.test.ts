/**
 * The article's Digital Agent, walked as one story: right after a public service at a public service centre
 * in Almaty, a citizen rates it 1 and says an informal payment was demanded. The low score starts a response
 * deadline of 3 working days; the citizen flags the violation, which opens a linked citizen report of
 * public-service quality (the client submits it from what the flag carries); the authorised body responds
 * within the 3 working days and resolves the flag. A second rating of the same service instance is refused.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { replay } from '../../src/index.js';
import { ServiceRating, ServiceRatingEvents } from '../../src/ratings/index.js';
import type {
  ServiceRatingCommand,
  ServiceRatingError,
  ServiceRatingEvent,
  ServiceRatingState,
} from '../../src/ratings/index.js';
import { CitizenReport } from '../../src/reports/index.js';
import type { CitizenReportCommand } from '../../src/reports/index.js';
import {
  DUE_ON,
  RATED_ON,
  REPORT_ID,
  flag,
  rate,
  rateBribe,
  resolve,
  respond,
} from './ServiceRatingFixtures.js';

/** The rating's stream: every command arrives as JSON through the codec, and accepted events are appended. */
const stream = () => {
  const events: ServiceRatingEvent[] = [];
  let state: ServiceRatingState = ServiceRating.decider.initialState;
  const send = (
    command: ServiceRatingCommand,
  ): E.Either<ServiceRatingError, readonly ServiceRatingEvent[]> => {
    const decoded = ServiceRating.commands.decode(JSON.parse(JSON.stringify(command)));
    if (E.isLeft(decoded)) throw new Error('the scenario sent a malformed command');
    const result = ServiceRating.decider.decide(decoded.right, state);
    if (E.isRight(result)) {
      for (const event of result.right) {
        events.push(event);
        state = ServiceRating.decider.evolve(state, event);
      }
    }
    return result;
  };
  const accept = (command: ServiceRatingCommand): readonly ServiceRatingEvent[] => {
    const result = send(command);
    if (E.isLeft(result)) throw new Error(`${command.type} refused: ${result.left.message}`);
    return result.right;
  };
  return { send, accept, events, state: () => state };
};

describe('Scenario: a Digital Agent rating of 1 with an informal payment demanded', () => {
  it('is flagged, opens a linked report, is answered within 3 working days, and the flag is resolved', () => {
    const rating = stream();

    // Thursday 19 March 2026, 11:40: fifteen minutes after the service, the citizen rates it 1.
    const [rated] = rating.accept(rateBribe());
    expect(rated).toMatchObject({
      type: 'ServiceRated',
      data: {
        score: 1,
        lowScore: true,
        ratedOn: RATED_ON,
        responseDueOn: DUE_ON,
        criteria: { informalPaymentDemanded: true },
      },
    });

    // The citizen flags the informal payment; the flag carries everything the linked report needs.
    const [flagged] = rating.accept(flag(RATED_ON));
    if (flagged?.type !== 'ViolationFlagged') throw new Error('expected the flag');
    const linked = flagged.data.linkedReport;
    expect(linked).toMatchObject({
      reportId: REPORT_ID,
      category: 'publicServiceQuality',
      region: 'KZ-75',
      service: { code: '00701001' },
    });

    // The client submits the linked citizen report from it, and the report aggregate takes it as it is.
    if (linked.point === undefined) throw new Error('the provider has a location');
    const submission: CitizenReportCommand = {
      type: 'SubmitReport',
      at: flagged.data.at,
      channel: 'mobileApp',
      region: linked.region,
      point: linked.point,
      category: linked.category,
      description: linked.description,
      evidence: [],
      reporter: { kind: 'anonymous', receiptHash: 'scrypt$receipt-derived-value' },
    };
    expect(E.isRight(CitizenReport.commands.decode(JSON.parse(JSON.stringify(submission))))).toBe(true);
    const report = CitizenReport.decider.decide(submission, CitizenReport.decider.initialState);
    expect(E.isRight(report) && report.right[0]?.type).toBe('ReportSubmitted');

    // The same person cannot rate the same service instance again: the stream already holds a rating.
    expect(rating.send(rate(5))).toMatchObject({ left: { _tag: 'OneRatingPerServiceInstance' } });
    // Nor can the flag be resolved before the citizen has been answered.
    expect(rating.send(resolve('2026-03-20'))).toMatchObject({ left: { _tag: 'ResolutionNeedsResponse' } });

    // Thursday 26 March, after the Nauryz days off: the authorised body responds, on its 2nd working day of 3.
    const [responded] = rating.accept(respond('2026-03-26'));
    expect(responded).toMatchObject({
      type: 'RatingResponded',
      data: { deadline: { startedOn: RATED_ON, dueOn: DUE_ON, onTime: true, workingDaysTaken: 2 } },
    });
    expect(rating.state().deadline).toBeUndefined();

    // 3 April: the violation is confirmed and the flag resolved.
    rating.accept(resolve('2026-04-03'));
    expect(rating.state().flags).toEqual([
      expect.objectContaining({
        reportId: REPORT_ID,
        responded: true,
        resolution: 'violationConfirmed',
        resolvedOn: '2026-04-03',
      }),
    ]);
    // The original rating is untouched by all of it.
    expect(rating.state().original).toMatchObject({ score: 1, ratedOn: RATED_ON });

    // The log replays to the same rating, also after the store's JSON.
    expect(replay(ServiceRating.decider, rating.events)).toEqual(rating.state());
    const decoded = rating.events.map((e) =>
      ServiceRatingEvents.decode(
        JSON.parse(JSON.stringify(ServiceRatingEvents.encode(e))) as ReturnType<
          typeof ServiceRatingEvents.encode
        >,
      ),
    );
    expect(
      replay(
        ServiceRating.decider,
        decoded.flatMap((d) => (E.isRight(d) ? [d.right] : [])),
      ),
    ).toEqual(rating.state());
  });
});
