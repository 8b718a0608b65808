/**
 * The declared personal data: where it is found, what is refused, and that the event codecs read every
 * declared field once it is erased — while commands still refuse an "erased" value.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  CitizenReportEvents,
  ERASED,
  erasePersonalData,
  iinCheckDigit,
  locatePersonalData,
  PERSONAL_DATA,
  SubmitReport,
} from '../../src/index.js';
import { on } from '../reports/CitizenReportFixtures.js';

const IIN = `92031540175${String(iinCheckDigit('92031540175'))}`;

const submitted = (reporter: Record<string, unknown>) =>
  CitizenReportEvents.encode({
    type: 'ReportSubmitted',
    data: {
      at: on('2026-03-04'),
      channel: 'map',
      region: 'KZ-71',
      point: { lat: 51.13, lon: 71.43 },
      category: 'misuseOfFunds',
      description: { text: 'Budget money goes elsewhere', language: 'en' },
      evidence: [],
      reporter: reporter as never,
    },
  });

const IDENTIFIED = {
  kind: 'identified',
  subjectId: 'citizen-1',
  name: 'Aigerim Nurlanovna',
  phone: '+7 701 555 0123',
  iin: IIN,
};

describe('PERSONAL_DATA', () => {
  it('finds an identified reporter’s name, phone and IIN, under the reporter’s subject id', () => {
    const encoded = submitted(IDENTIFIED);
    expect(locatePersonalData(PERSONAL_DATA, encoded.type, encoded.data)).toEqual(
      E.right([
        { subject: 'citizen-1', path: ['reporter', 'name'], value: IDENTIFIED.name },
        { subject: 'citizen-1', path: ['reporter', 'phone'], value: IDENTIFIED.phone },
        { subject: 'citizen-1', path: ['reporter', 'iin'], value: IIN },
      ]),
    );
  });

  it('finds nothing of an anonymous reporter, nor in an event type without personal data', () => {
    const anonymous = submitted({ kind: 'anonymous', receiptHash: 'scrypt$receipt' });
    expect(locatePersonalData(PERSONAL_DATA, anonymous.type, anonymous.data)).toEqual(E.right([]));
    expect(locatePersonalData(PERSONAL_DATA, 'ReportRegistered', { registrationNumber: 'A-1' })).toEqual(
      E.right([]),
    );
    expect(locatePersonalData(PERSONAL_DATA, 'constructor', { name: 'x' })).toEqual(E.right([]));
  });

  it('finds the name of the officer who extended a deadline, under the officer id', () => {
    const extended = CitizenReportEvents.encode({
      type: 'DeadlineExtended',
      data: {
        at: on('2026-03-20'),
        previousDueOn: '2026-04-02' as never,
        newDueOn: '2026-04-20' as never,
        decidedBy: { officerId: 'officer-7', name: 'Dauren Sadykov', position: 'deputyHead' },
        reason: { text: 'documents', language: 'en' },
        notifyBy: '2026-03-30' as never,
      },
    });
    expect(locatePersonalData(PERSONAL_DATA, extended.type, extended.data)).toEqual(
      E.right([{ subject: 'officer-7', path: ['decidedBy', 'name'], value: 'Dauren Sadykov' }]),
    );
    const erased = erasePersonalData(PERSONAL_DATA, extended.type, extended.data);
    const decoded = CitizenReportEvents.decode({ ...extended, data: erased });
    expect(E.isRight(decoded) && decoded.right.data).toMatchObject({ decidedBy: { name: ERASED } });
  });

  it('lets the event codecs read every declared field once erased', () => {
    const encoded = submitted(IDENTIFIED);
    const erased = erasePersonalData(PERSONAL_DATA, encoded.type, encoded.data);
    expect(erased).toMatchObject({
      reporter: { kind: 'identified', subjectId: 'citizen-1', name: ERASED, phone: ERASED, iin: ERASED },
    });
    const decoded = CitizenReportEvents.decode({ ...encoded, data: erased });
    expect(E.isRight(decoded) && decoded.right.data).toMatchObject({
      reporter: { name: ERASED, phone: ERASED, iin: ERASED },
    });
    // Only the exact marker is accepted in place of a value.
    const bogus = CitizenReportEvents.decode({
      ...encoded,
      data: { ...(encoded.data as object), reporter: { ...IDENTIFIED, name: { $erased: false } } },
    });
    expect(E.isLeft(bogus)).toBe(true);
  });

  it('keeps commands to plain values: nobody submits an "erased" name', () => {
    const command = {
      type: 'SubmitReport',
      at: on('2026-03-04'),
      channel: 'map',
      region: 'KZ-71',
      point: { lat: 51.13, lon: 71.43 },
      category: 'misuseOfFunds',
      description: { text: 'Budget money goes elsewhere', language: 'en' },
      evidence: [],
      reporter: { ...IDENTIFIED, name: ERASED },
    };
    expect(E.isLeft(SubmitReport.decode(command))).toBe(true);
    expect(E.isRight(SubmitReport.decode({ ...command, reporter: IDENTIFIED }))).toBe(true);
  });

  it('refuses personal data without a valid subject id, naming the path', () => {
    const spec = { Noted: [{ subject: 'who.id', fields: ['who.name'] }] };
    const refused = locatePersonalData(spec, 'Noted', { who: { name: 'Aigerim', id: '' } });
    expect(E.isLeft(refused) && refused.left.message).toBe(
      'who.id: personal data at who.name needs its subject id here (1 to 200 characters)',
    );
    expect(locatePersonalData(spec, 'Noted', { who: { id: 'citizen-1' } })).toEqual(E.right([]));
  });

  it('finds people listed in an array with `each`, and refuses a non-list there', () => {
    const spec = { Met: [{ each: 'people', subject: 'id', fields: ['name'] }] };
    expect(
      locatePersonalData(spec, 'Met', {
        people: [{ id: 'a', name: 'A' }, { id: 'b' }, { id: 'c', name: 'C' }],
      }),
    ).toEqual(
      E.right([
        { subject: 'a', path: ['people', '0', 'name'], value: 'A' },
        { subject: 'c', path: ['people', '2', 'name'], value: 'C' },
      ]),
    );
    const refused = locatePersonalData(spec, 'Met', { people: { id: 'a', name: 'A' } });
    expect(E.isLeft(refused) && refused.left.message).toBe('people: expected a list of people');
    expect(locatePersonalData(spec, 'Met', {})).toEqual(E.right([]));
  });
});
