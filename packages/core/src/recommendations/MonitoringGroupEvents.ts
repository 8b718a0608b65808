import * as t from 'io-ts/lib/index.js';
import type { EventOf } from '../EventType.js';
import { eventType } from '../EventType.js';
import { eventRegistry } from '../EventRegistry.js';
import { boundedText, DateFromIsoString } from '../primitives.js';
import { strict } from '../strict.js';
import { Evidence } from '../reports/CitizenReportEvents.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Tiyn } from '../shared/Money.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';

/**
 * A member's pseudonymous id: the group's log names people only by it, never by their personal data.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MemberId = boundedText(100, 'MemberId');

/**
 * Which part of civil society a member comes from: a non-governmental organisation, the maslikhat (a local
 * representative body) as a deputy, an expert, or the media.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MemberKind = t.keyof(
  { ngo: null, maslikhatDeputy: null, expert: null, media: null },
  'MemberKind',
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MemberKind = t.TypeOf<typeof MemberKind>;

/**
 * A member's role in the group: the one chair, or an ordinary member.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MemberRole = t.keyof({ chair: null, member: null }, 'MemberRole');

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MemberRole = t.TypeOf<typeof MemberRole>;

/**
 * A member as the group first knows them: the pseudonymous id and where they come from.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const GroupMember = strict({ memberId: MemberId, kind: MemberKind }, {}, 'GroupMember');

/**
 * What a group monitors: a state body itself (the object's id is the body's id), or a budget-funded object
 * (a school under construction, a road repair) with the state body responsible for it and, where known, the
 * organisation doing the work. Those ids are what a conflict of interest is checked against.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoredObject = t.union(
  [
    strict({ kind: t.literal('stateBody'), name: LocalizedText }, {}, 'MonitoredStateBody'),
    strict(
      { kind: t.literal('budgetObject'), name: LocalizedText, responsibleBodyId: boundedText(100) },
      { contractorId: boundedText(100), programmeCode: boundedText(40), amount: Tiyn },
      'MonitoredBudgetObject',
    ),
  ],
  'MonitoredObject',
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoredObject = t.TypeOf<typeof MonitoredObject>;

/**
 * Why a member no longer monitors an object: they left the group, or declared a conflict of interest with
 * an organisation the object belongs to.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const UnassignmentReason = t.keyof(
  { removedFromGroup: null, conflictOfInterest: null },
  'UnassignmentReason',
);

const at = { at: DateFromIsoString };

/** The group is formed in a region, with its chair as the first member. @category recommendations @since 0.1.0 */
export const GroupFormed = eventType(
  'GroupFormed',
  strict({ ...at, region: Region, name: LocalizedText, chair: GroupMember, formedOn: LocalDate }),
);
/** A member joined (or rejoined) the group as an ordinary member. @category recommendations @since 0.1.0 */
export const MemberAdded = eventType(
  'MemberAdded',
  strict({ ...at, memberId: MemberId, kind: MemberKind, addedOn: LocalDate }),
);
/** The chair passed to another member; the former chair stays as a member. @category recommendations @since 0.1.0 */
export const ChairHandedOver = eventType('ChairHandedOver', strict({ ...at, from: MemberId, to: MemberId }));
/** A member left the group. @category recommendations @since 0.1.0 */
export const MemberRemoved = eventType(
  'MemberRemoved',
  strict({ ...at, memberId: MemberId, removedOn: LocalDate }, { reason: TextIn }),
);
/** A member declared a conflict of interest with a body or organisation. @category recommendations @since 0.1.0 */
export const ConflictOfInterestDeclared = eventType(
  'ConflictOfInterestDeclared',
  strict(
    { ...at, memberId: MemberId, organisationId: boundedText(100), organisationName: boundedText(300) },
    { description: TextIn },
  ),
);
/**
 * An object was assigned to the group, or more members to an object it already monitors; `memberIds` are
 * the members this event assigns.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const ObjectAssigned = eventType(
  'ObjectAssigned',
  strict({ ...at, objectId: boundedText(100), object: MonitoredObject, memberIds: t.array(MemberId) }),
);
/** A member stopped monitoring an object. @category recommendations @since 0.1.0 */
export const MemberUnassigned = eventType(
  'MemberUnassigned',
  strict({ ...at, objectId: boundedText(100), memberId: MemberId, reason: UnassignmentReason }),
);
/** Members visited an object they monitor and recorded what they found. @category recommendations @since 0.1.0 */
export const VisitRecorded = eventType(
  'VisitRecorded',
  strict({
    ...at,
    objectId: boundedText(100),
    visitedOn: LocalDate,
    memberIds: t.array(MemberId),
    evidence: t.array(Evidence),
    findings: TextIn,
  }),
);

/**
 * Every event of a monitoring group.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringGroupEvents = eventRegistry(
  GroupFormed,
  MemberAdded,
  ChairHandedOver,
  MemberRemoved,
  ConflictOfInterestDeclared,
  ObjectAssigned,
  MemberUnassigned,
  VisitRecorded,
);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringGroupEvent =
  | EventOf<typeof GroupFormed>
  | EventOf<typeof MemberAdded>
  | EventOf<typeof ChairHandedOver>
  | EventOf<typeof MemberRemoved>
  | EventOf<typeof ConflictOfInterestDeclared>
  | EventOf<typeof ObjectAssigned>
  | EventOf<typeof MemberUnassigned>
  | EventOf<typeof VisitRecorded>;
