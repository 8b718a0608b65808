// Shared builders for the CorruptionCase tests: instants, events of a typical history, and commands.
import type { CorruptionCaseCommand, CorruptionCaseEvent } from '../../src/cases/index.js';
import {
  CaseRegistered,
  CaseSentToCourt,
  DamageRecorded,
  InvestigationStarted,
  RecoveryRecorded,
  SuspectCharged,
  SuspectDetained,
  SuspectIdentified,
  VerdictRecorded,
} from '../../src/cases/index.js';
import type { OfficialLevel, TextIn } from '../../src/index.js';
import { localDate } from '../../src/index.js';

/** 10:00 in Astana on the `n`-th day after Monday 2 February 2026. */
export const day = (n: number): Date => new Date(Date.UTC(2026, 1, 2 + n, 5, 0));

export const en = (text: string): TextIn => ({ text, language: 'en' });

export const REPORT_ID = 'report-KZ-71-0190f3c2-7b1e-7c4a-9d2e-3f4a5b6c7d8e';

export const registered: CorruptionCaseEvent = CaseRegistered.make({
  at: day(0),
  region: 'KZ-71',
  offence: { article: '366', part: 4 },
  source: 'report',
  reportId: REPORT_ID,
  registeredOn: localDate(day(0)),
  registrationYear: 2026,
});

export const investigationStarted: CorruptionCaseEvent = InvestigationStarted.make({
  at: day(1),
  startedOn: localDate(day(1)),
});

/** A case under investigation. */
export const investigating: readonly CorruptionCaseEvent[] = [registered, investigationStarted];

export const identified = (personId: string, level?: OfficialLevel, head = false): CorruptionCaseEvent =>
  SuspectIdentified.make(
    level === undefined
      ? { at: day(2), personId, position: 'contractor', identifiedOn: localDate(day(2)), head }
      : { at: day(2), personId, position: 'akimat official', identifiedOn: localDate(day(2)), head, level },
  );

export const detained = (personId: string, level?: OfficialLevel, head = false): CorruptionCaseEvent =>
  SuspectDetained.make(
    level === undefined
      ? { at: day(3), personId, detainedOn: localDate(day(3)), head }
      : { at: day(3), personId, detainedOn: localDate(day(3)), head, level },
  );

export const charged = (personId: string, level?: OfficialLevel, head = false): CorruptionCaseEvent =>
  SuspectCharged.make(
    level === undefined
      ? { at: day(4), personId, chargedOn: localDate(day(4)), head }
      : { at: day(4), personId, chargedOn: localDate(day(4)), head, level },
  );

export const damage = (amount: bigint): CorruptionCaseEvent =>
  DamageRecorded.make({ at: day(5), amount, recordedOn: localDate(day(5)) });

export const recovery = (amount: bigint): CorruptionCaseEvent =>
  RecoveryRecorded.make({ at: day(6), amount, recoveredOn: localDate(day(6)) });

/** A case with one charged regional head, sent to court. */
export const inCourt: readonly CorruptionCaseEvent[] = [
  ...investigating,
  identified('p-1', 'regional', true),
  charged('p-1', 'regional', true),
  CaseSentToCourt.make({
    at: day(7),
    court: 'Specialised inter-district criminal court of Astana',
    sentOn: localDate(day(7)),
  }),
];

/** A case with a verdict. */
export const adjudicated: readonly CorruptionCaseEvent[] = [
  ...inCourt,
  VerdictRecorded.make({ at: day(8), outcome: 'convicted', verdictOn: localDate(day(8)) }),
];

export const registerCase: CorruptionCaseCommand = {
  type: 'RegisterCase',
  at: day(0),
  offence: { article: '366', part: 4 },
  region: 'KZ-71',
  source: 'report',
  reportId: REPORT_ID,
};
