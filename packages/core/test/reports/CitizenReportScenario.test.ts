/**
 * The article's story for the Public Control Map: a citizen in Astana reports, through the interactive map,
 * misuse of the budget funds of a school being built; the office registers and assigns the report, extends
 * the deadline once (a deputy head decides, the reporter is told in time), answers late, after the extended
 * due date, and escalates the report to a corruption case.
 *
 * The commands arrive as JSON, as a portal sends them, and go through the aggregate's codec, its decider and
 * its event registry, as the command handler of @adal/client runs them.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { formatTenge, isInRegion, regionName, replay, toValidationError } from '../../src/index.js';
import { CitizenReport } from '../../src/reports/index.js';
import type { CitizenReportEvent, CitizenReportState } from '../../src/reports/index.js';

interface Stream {
  readonly stored: string[];
  state: CitizenReportState;
}

/** Validates a JSON command, decides, and stores the events as JSON, the way a command handler does. */
const handle = (stream: Stream, json: unknown) => {
  const command = CitizenReport.commands.decode(json);
  if (E.isLeft(command)) return E.left(toValidationError(command.left).message);
  const decided = CitizenReport.decider.decide(command.right, stream.state);
  if (E.isLeft(decided)) return E.left(decided.left._tag);
  for (const event of decided.right) {
    stream.stored.push(JSON.stringify(CitizenReport.events.encode(event)));
    stream.state = CitizenReport.decider.evolve(stream.state, event);
  }
  return E.right(decided.right);
};

/** Reads the stream back from its JSON, as a rehydration does. */
const readBack = (stream: Stream): CitizenReportEvent[] =>
  stream.stored.map((json) => {
    const decoded = CitizenReport.events.decode(JSON.parse(json) as never);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    return decoded.right;
  });

// 10:00 in Astana is 05:00 UTC.
const at = (date: string, time = '05:00') => `${date}T${time}:00.000Z`;

describe('the Public Control Map story: a school build in Astana', () => {
  const stream: Stream = { stored: [], state: CitizenReport.decider.initialState };
  const SCHOOL_POINT = { lat: 51.0909, lon: 71.4187 };

  it('a citizen finds the school build on the interactive map and reports misuse of its funds, anonymously', () => {
    expect(isInRegion(SCHOOL_POINT, 'KZ-71')).toBe(true);
    const result = handle(stream, {
      type: 'SubmitReport',
      at: at('2026-03-04', '14:12'),
      channel: 'map',
      region: 'KZ-71',
      point: SCHOOL_POINT,
      category: 'misuseOfFunds',
      description: {
        text: 'Мектеп құрылысына бөлінген қаражат мақсатсыз жұмсалуда: жұмыс үш айдан бері тоқтап тұр.',
        language: 'kk',
      },
      evidence: [
        { sha256: '3f'.repeat(32), mediaType: 'image/jpeg', size: 2_481_113 },
        { sha256: '9c'.repeat(32), mediaType: 'video/mp4', size: 48_200_431 },
      ],
      reporter: { kind: 'anonymous', receiptHash: 'scrypt$N=16384$ZmFrZQ$school-receipt' },
      // A school for 1,200 pupils, 15.2 billion tenge, in tiyn as a decimal string.
      budgetObject: {
        name: 'School for 1,200 pupils, Turan avenue',
        programmeCode: '099-015',
        amount: '1520000000000',
      },
    });
    expect(E.isRight(result)).toBe(true);
    expect(stream.state).toMatchObject({ status: 'submitted', region: 'KZ-71', evidence: 2 });
    expect(regionName('KZ-71', 'kk')).toBe('Астана қаласы');
  });

  it('the office registers it on Friday 6 March 2026: the answer is due 2 April (15 working days, Nauryz included)', () => {
    const result = handle(stream, {
      type: 'RegisterReport',
      at: at('2026-03-06'),
      registrationNumber: 'AST-2026-000417',
    });
    expect(result).toEqual(E.right([expect.objectContaining({ type: 'ReportRegistered' })]));
    expect(stream.state).toMatchObject({
      status: 'registered',
      registeredOn: '2026-03-06',
      dueOn: '2026-04-02',
    });
  });

  it('and assigns it to an officer of the prevention department', () => {
    handle(stream, {
      type: 'AssignReport',
      at: at('2026-03-10'),
      officerId: 'officer-12',
      unit: 'Prevention department',
    });
    expect(stream.state.status).toBe('assigned');
  });

  it('a deputy head extends the deadline once, with a reason, to 30 April (within 2 months of registration)', () => {
    const result = handle(stream, {
      type: 'ExtendDeadline',
      at: at('2026-03-30'),
      newDueOn: '2026-04-30',
      decidedBy: { officerId: 'officer-3', name: 'Dauren Sadykov', position: 'deputyHead' },
      reason: {
        text: 'the builder’s acts of completed work are requested from the customer',
        language: 'en',
      },
    });
    expect(result).toEqual(
      E.right([
        expect.objectContaining({
          type: 'DeadlineExtended',
          data: expect.objectContaining({
            previousDueOn: '2026-04-02',
            newDueOn: '2026-04-30',
            notifyBy: '2026-04-02',
          }),
        }),
      ]),
    );
    expect(stream.state).toMatchObject({ extended: true, dueOn: '2026-04-30' });
  });

  it('a second extension is refused and appends nothing', () => {
    const before = stream.stored.length;
    const result = handle(stream, {
      type: 'ExtendDeadline',
      at: at('2026-04-20'),
      newDueOn: '2026-05-06',
      decidedBy: { officerId: 'officer-1', name: 'Head of office', position: 'head' },
      reason: { text: 'still waiting for the documents', language: 'en' },
    });
    expect(result).toEqual(E.left('OneExtensionOnly'));
    expect(stream.stored.length).toBe(before);
  });

  it('the reporter is told of the extension in time, within 3 working days', () => {
    const result = handle(stream, {
      type: 'NotifyReporterOfExtension',
      at: at('2026-04-01'),
      channel: 'receipt inbox',
    });
    expect(result).toEqual(
      E.right([expect.objectContaining({ data: expect.objectContaining({ onTime: true }) })]),
    );
  });

  it('the reporter follows up with the receipt; without it the follow-up is refused', () => {
    const text = { text: 'Құрылыс әлі тоқтап тұр.', language: 'kk' };
    expect(handle(stream, { type: 'PostFollowUp', at: at('2026-04-15'), author: 'reporter', text })).toEqual(
      E.left('FollowUpNeedsReceipt'),
    );
    expect(
      E.isRight(
        handle(stream, {
          type: 'PostFollowUp',
          at: at('2026-04-15'),
          author: 'reporter',
          text,
          receiptHash: 'scrypt$N=16384$ZmFrZQ$school-receipt',
        }),
      ),
    ).toBe(true);
  });

  it('the extended due date passes without an answer: the deadline job marks it overdue, once', () => {
    expect(handle(stream, { type: 'MarkOverdue', at: at('2026-04-30') })).toEqual(E.left('NotYetOverdue'));
    const first = handle(stream, { type: 'MarkOverdue', at: at('2026-05-04', '00:30') });
    expect(first).toEqual(
      E.right([
        expect.objectContaining({
          type: 'ReportMarkedOverdue',
          data: expect.objectContaining({
            dueOn: '2026-04-30',
            overdueOn: '2026-05-04',
            complaintUntil: '2026-08-04',
          }),
        }),
      ]),
    );
    expect(handle(stream, { type: 'MarkOverdue', at: at('2026-05-05', '00:30') })).toEqual(E.right([]));
  });

  it('the office answers late, after the extended due date', () => {
    const result = handle(stream, {
      type: 'RecordAnswer',
      at: at('2026-05-05'),
      answer: { text: 'The inspection found payment for work not done: 2.3 billion tenge.', language: 'en' },
      answeredBy: 'officer-12',
    });
    expect(result).toEqual(
      E.right([
        expect.objectContaining({
          type: 'ReportAnswered',
          data: expect.objectContaining({ answeredOn: '2026-05-05', late: true }),
        }),
      ]),
    );
  });

  it('the signs of a crime send the report to a corruption case', () => {
    const result = handle(stream, {
      type: 'EscalateToCase',
      at: at('2026-05-06'),
      caseId: 'case-KZ-71-0196a1b2-0000-7000-8000-000000000417',
      reason: {
        text: 'signs of embezzlement by officials of the customer (Criminal Code, article 189)',
        language: 'en',
      },
    });
    expect(E.isRight(result)).toBe(true);
    expect(stream.state.status).toBe('escalated');
  });

  it('the stream reads back from the store to the same state, with the amount exact in tiyn', () => {
    const events = readBack(stream);
    expect(events.map((event) => event.type)).toEqual([
      'ReportSubmitted',
      'ReportRegistered',
      'ReportAssigned',
      'DeadlineExtended',
      'ReporterNotifiedOfExtension',
      'FollowUpPosted',
      'ReportMarkedOverdue',
      'ReportAnswered',
      'ReportEscalatedToCase',
    ]);
    expect(replay(CitizenReport.decider, events)).toEqual(stream.state);
    const submitted = events[0];
    expect(submitted?.type === 'ReportSubmitted' && submitted.data.budgetObject?.amount).toBe(
      1_520_000_000_000n,
    );
    expect(formatTenge(1_520_000_000_000n)).toBe('15\u202f200\u202f000\u202f000.00 ₸');
    expect(stream.stored[0]).toContain('"amount":"1520000000000"');
    // Nothing about the anonymous reporter but the receipt-derived value was stored.
    expect(stream.stored.join('\n')).not.toMatch(/"(subjectId|phone|iin)"/);
  });

  it('an escalated report takes no answer, no closing and no reopening any more', () => {
    expect(handle(stream, { type: 'CloseReport', at: at('2026-05-07'), outcome: 'confirmed' })).toEqual(
      E.left('NotAllowedInStatus'),
    );
    expect(
      handle(stream, {
        type: 'ReopenReport',
        at: at('2026-05-07'),
        complaint: { text: 'x', language: 'en' },
      }),
    ).toEqual(E.left('NotAllowedInStatus'));
  });
});
