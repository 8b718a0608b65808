import * as t from 'io-ts/lib/index.js';
import { taggedUnion } from '../taggedUnion.js';
import { boundedText } from '../primitives.js';
import { Evidence } from '../reports/CitizenReportEvents.js';
import { LocalizedText, TextIn } from '../shared/Language.js';
import { Region } from '../shared/Region.js';
import { LocalDate } from '../shared/WorkingDayCalendar.js';
import { GroupMember, MemberId, MemberKind, MemberRole, MonitoredObject } from './MonitoringGroupEvents.js';
import { commandCodec } from '../domain/commandCodec.js';

const command = commandCodec;

/**
 * One to 50 members, each named once: the members an object is assigned to, or who were present at a visit.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MemberIds = t.refinement(
  t.array(MemberId),
  (ids) => ids.length >= 1 && ids.length <= 50 && new Set(ids).size === ids.length,
  'MemberIds (1 to 50 members, each named once)',
);

/**
 * Form the group in a region, with its name and its chair, who is the first member.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const FormGroup = command('FormGroup', { region: Region, name: LocalizedText, chair: GroupMember });

/**
 * Add a member. The role is said explicitly so that asking for a second chair is refused rather than
 * silently turned into a membership: the chair changes hands only through {@link HandOverChair}.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const AddMember = command('AddMember', { memberId: MemberId, kind: MemberKind, role: MemberRole });

/** Remove a member; the chair must hand over first. @category recommendations @since 0.1.0 */
export const RemoveMember = command('RemoveMember', { memberId: MemberId }, { reason: TextIn });

/** Pass the chair to another current member; the former chair stays a member. @category recommendations @since 0.1.0 */
export const HandOverChair = command('HandOverChair', { memberId: MemberId });

/**
 * A member declares a conflict of interest with a body or organisation: from then on they are never assigned
 * to, nor recorded visiting, an object that belongs to it.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const DeclareConflictOfInterest = command(
  'DeclareConflictOfInterest',
  { memberId: MemberId, organisationId: boundedText(100), organisationName: boundedText(300) },
  { description: TextIn },
);

/**
 * Assign an object (a budget object or a state body) to members of the group; repeated for an object already
 * assigned, it adds members.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const AssignObject = command('AssignObject', {
  objectId: boundedText(100),
  object: MonitoredObject,
  memberIds: MemberIds,
});

/**
 * Record a visit: the object, the day, the members present, the evidence (SHA-256 references; the bytes live
 * outside the log; at most 50) and the findings.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const RecordVisit = command('RecordVisit', {
  objectId: boundedText(100),
  visitedOn: LocalDate,
  memberIds: MemberIds,
  evidence: t.refinement(t.array(Evidence), (list) => list.length <= 50, 'at most 50 pieces of evidence'),
  findings: TextIn,
});

/**
 * Every command of a monitoring group.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringGroupCommand = taggedUnion([
  FormGroup,
  AddMember,
  RemoveMember,
  HandOverChair,
  DeclareConflictOfInterest,
  AssignObject,
  RecordVisit,
]);

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringGroupCommand = t.TypeOf<typeof MonitoringGroupCommand>;
