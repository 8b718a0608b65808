/**
 * A first cut of the Public Control Map's report, enough for the demo until the full `CitizenReport`
 * aggregate lands in `@adal/core`: a citizen submits a report at a place, the regional office registers it
 * and answers it.
 */
import { defineAggregate, eventRegistry, eventType, ruleBroken, strict } from '@adal/core';
import type { EventOf, RuleBroken } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts/lib/index.js';

const Region = t.keyof({ 'KZ-71': null, 'KZ-75': null, 'KZ-79': null }, 'Region');

export const ReportSubmitted = eventType(
  'ReportSubmitted',
  strict({ region: Region, lat: t.number, lon: t.number, object: t.string, description: t.string }),
);
export const ReportRegistered = eventType('ReportRegistered', strict({ registeredAt: t.string }));
export const ReportAnswered = eventType('ReportAnswered', strict({ answer: t.string }));

const events = eventRegistry(ReportSubmitted, ReportRegistered, ReportAnswered);
type ReportEvent =
  EventOf<typeof ReportSubmitted> | EventOf<typeof ReportRegistered> | EventOf<typeof ReportAnswered>;

const ReportCommand = t.union([
  strict({
    type: t.literal('SubmitReport'),
    region: Region,
    lat: t.number,
    lon: t.number,
    object: t.string,
    description: t.string,
  }),
  strict({ type: t.literal('RegisterReport'), registeredAt: t.string }),
  strict({ type: t.literal('RecordAnswer'), answer: t.string }),
]);
type ReportCommand = t.TypeOf<typeof ReportCommand>;

type Status = 'new' | 'submitted' | 'registered' | 'answered';
type ReportError = RuleBroken<'ReportAlreadySubmitted' | 'NotRegistered' | 'AlreadyAnswered'>;

export const Report = defineAggregate<ReportCommand, ReportEvent, Status, ReportError>({
  name: 'Report',
  category: 'report',
  commands: ReportCommand,
  events,
  decider: {
    initialState: 'new',
    evolve: (_, event) =>
      event.type === 'ReportSubmitted'
        ? 'submitted'
        : event.type === 'ReportRegistered'
          ? 'registered'
          : 'answered',
    decide: (command, status) => {
      switch (command.type) {
        case 'SubmitReport': {
          if (status !== 'new')
            return E.left(ruleBroken('ReportAlreadySubmitted', 'the report was already submitted'));
          const { type: _type, ...data } = command;
          return E.right([ReportSubmitted.make(data)]);
        }
        case 'RegisterReport':
          return E.right(
            status === 'submitted' ? [ReportRegistered.make({ registeredAt: command.registeredAt })] : [],
          );
        case 'RecordAnswer':
          if (status === 'answered')
            return E.left(ruleBroken('AlreadyAnswered', 'the report already has an answer'));
          if (status !== 'registered')
            return E.left(ruleBroken('NotRegistered', 'a report is answered after it is registered'));
          return E.right([ReportAnswered.make({ answer: command.answer })]);
      }
    },
  },
});
