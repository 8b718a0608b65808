import type { Tiyn } from '../shared/Money.js';
import type { OfficialLevel } from '../shared/OfficialLevel.js';
import type { RegionCode } from '../shared/Region.js';
import type { LocalDate } from '../shared/WorkingDayCalendar.js';
import type { CaseSource, CorruptionCaseEvent } from './CorruptionCaseEvents.js';

/**
 * Where a case is: `registered → underInvestigation → sentToCourt → adjudicated → closed`, or `terminated`
 * from registered, under investigation or in court. `none` is a case not yet registered.
 *
 * @category cases
 * @since 0.1.0
 */
export type CaseStatus =
  'none' | 'registered' | 'underInvestigation' | 'sentToCourt' | 'adjudicated' | 'closed' | 'terminated';

/**
 * The moves a case's status can make, and no others: the state machine as data, for docs and for tests.
 * An adjudicated case is not terminated: its verdict stands, and it stays open only for recoveries until
 * it is closed.
 *
 * @category cases
 * @since 0.1.0
 */
export const CASE_STATUS_MOVES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  none: ['registered'],
  registered: ['underInvestigation', 'terminated'],
  underInvestigation: ['sentToCourt', 'terminated'],
  sentToCourt: ['adjudicated', 'terminated'],
  adjudicated: ['closed'],
  closed: [],
  terminated: [],
};

/**
 * A suspect of a case, counted once however many times they are named.
 *
 * @category cases
 * @since 0.1.0
 */
export interface CaseSuspect {
  readonly position: string;
  readonly level?: OfficialLevel;
  readonly head: boolean;
  readonly detained: boolean;
  readonly charged: boolean;
}

/**
 * What the decider knows of a case. `damage` and `recovered` are sums of the events' amounts, never read
 * from an event.
 *
 * @category cases
 * @since 0.1.0
 */
export interface CorruptionCaseState {
  readonly status: CaseStatus;
  readonly region?: RegionCode;
  readonly source?: CaseSource;
  readonly registeredOn?: LocalDate;
  readonly suspects: ReadonlyMap<string, CaseSuspect>;
  /** The organised group's members, once the case is marked as the work of one. */
  readonly organisedGroup?: ReadonlySet<string>;
  /** Each fact of systemic corruption with the officials linked to it. */
  readonly systemicFacts: ReadonlyMap<string, ReadonlySet<string>>;
  readonly damage: Tiyn;
  readonly recovered: Tiyn;
}

/**
 * The state of a case that was never registered.
 *
 * @category cases
 * @since 0.1.0
 */
export const initialCaseState: CorruptionCaseState = {
  status: 'none',
  suspects: new Map(),
  systemicFacts: new Map(),
  damage: 0n,
  recovered: 0n,
};

/**
 * The ids of the officials charged for systemic corruption in a case: charged suspects linked to at least
 * one of its systemic facts, each counted once.
 *
 * @category cases
 * @since 0.1.0
 */
export const officialsChargedForSystemicFacts = (state: CorruptionCaseState): ReadonlySet<string> => {
  const linked = new Set([...state.systemicFacts.values()].flatMap((officials) => [...officials]));
  return new Set([...linked].filter((id) => state.suspects.get(id)?.charged === true));
};

const withSuspect = (
  state: CorruptionCaseState,
  id: string,
  change: Partial<CaseSuspect>,
): CorruptionCaseState => {
  const suspect = state.suspects.get(id);
  // evolve is total: an event about a person the state does not know changes nothing.
  if (suspect === undefined) return state;
  return { ...state, suspects: new Map(state.suspects).set(id, { ...suspect, ...change }) };
};

const linkOfficials = (
  state: CorruptionCaseState,
  factId: string,
  officials: readonly string[],
): CorruptionCaseState => {
  const known = state.systemicFacts.get(factId) ?? new Set<string>();
  return {
    ...state,
    systemicFacts: new Map(state.systemicFacts).set(factId, new Set([...known, ...officials])),
  };
};

/**
 * How a case's state follows from its events.
 *
 * @category cases
 * @since 0.1.0
 */
export const evolveCase = (state: CorruptionCaseState, event: CorruptionCaseEvent): CorruptionCaseState => {
  switch (event.type) {
    case 'CaseRegistered':
      return {
        ...state,
        status: 'registered',
        region: event.data.region,
        source: event.data.source,
        registeredOn: event.data.registeredOn,
      };
    case 'InvestigationStarted':
      return { ...state, status: 'underInvestigation' };
    case 'SuspectIdentified': {
      if (state.suspects.has(event.data.personId)) return state;
      const { personId, position, head, level } = event.data;
      const suspect: CaseSuspect =
        level === undefined
          ? { position, head, detained: false, charged: false }
          : { position, level, head, detained: false, charged: false };
      return { ...state, suspects: new Map(state.suspects).set(personId, suspect) };
    }
    case 'SuspectDetained':
      return withSuspect(state, event.data.personId, { detained: true });
    case 'SuspectCharged':
      return withSuspect(state, event.data.personId, { charged: true });
    case 'OrganisedGroupMarked':
    case 'OrganisedGroupMembersAdded':
      return { ...state, organisedGroup: new Set([...(state.organisedGroup ?? []), ...event.data.members]) };
    case 'SystemicFactMarked':
    case 'OfficialsLinkedToSystemicFact':
      return linkOfficials(state, event.data.factId, event.data.officials);
    case 'DamageRecorded':
      return { ...state, damage: state.damage + event.data.amount };
    case 'RecoveryRecorded':
      return { ...state, recovered: state.recovered + event.data.amount };
    case 'CaseSentToCourt':
      return { ...state, status: 'sentToCourt' };
    case 'VerdictRecorded':
      return { ...state, status: 'adjudicated' };
    case 'CaseTerminated':
      return { ...state, status: 'terminated' };
    case 'CaseClosed':
      return { ...state, status: 'closed' };
  }
};
