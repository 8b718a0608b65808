import type { RegionCode } from '../shared/Region.js';
import type {
  MemberKind,
  MemberRole,
  MonitoredObject,
  MonitoringGroupEvent,
} from './MonitoringGroupEvents.js';

/**
 * Where a group is: `none` before it is formed, `formed` after. A group has no other status: members come
 * and go, objects are assigned and visited.
 *
 * @category recommendations
 * @since 0.1.0
 */
export type GroupStatus = 'none' | 'formed';

/**
 * What the decider knows of one member. A removed member is kept (inactive) so that their conflicts of
 * interest still hold if they rejoin, and so that a command naming them is told they left rather than that
 * they never existed.
 *
 * @category recommendations
 * @since 0.1.0
 */
export interface GroupMemberState {
  readonly memberId: string;
  readonly kind: MemberKind;
  readonly role: MemberRole;
  readonly active: boolean;
  /** Ids of the bodies and organisations the member declared a conflict of interest with. */
  readonly conflicts: readonly string[];
}

/**
 * An object the group monitors, the organisations it belongs to, and the members assigned to it.
 *
 * @category recommendations
 * @since 0.1.0
 */
export interface AssignedObjectState {
  readonly objectId: string;
  readonly object: MonitoredObject;
  readonly organisations: readonly string[];
  readonly memberIds: readonly string[];
}

/**
 * What the decider knows of a monitoring group. Members and objects are kept in arrays, in the order they
 * arrived: a group has tens of members, and arrays replay the same way every time.
 *
 * @category recommendations
 * @since 0.1.0
 */
export interface MonitoringGroupState {
  readonly status: GroupStatus;
  readonly region?: RegionCode;
  readonly members: readonly GroupMemberState[];
  readonly objects: readonly AssignedObjectState[];
  readonly visits: number;
}

/**
 * The state of a group that was never formed.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const initialGroupState: MonitoringGroupState = {
  status: 'none',
  members: [],
  objects: [],
  visits: 0,
};

/**
 * The ids a conflict of interest is checked against: a state body is its own organisation; a budget object
 * belongs to itself, to the body responsible for it and to the contractor doing the work.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const organisationsOf = (objectId: string, object: MonitoredObject): readonly string[] =>
  object.kind === 'stateBody'
    ? [objectId]
    : [
        objectId,
        object.responsibleBodyId,
        ...(object.contractorId === undefined ? [] : [object.contractorId]),
      ];

/**
 * The current chair's id; a formed group always has exactly one.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const chairOf = (state: MonitoringGroupState): string | undefined =>
  state.members.find((member) => member.active && member.role === 'chair')?.memberId;

/**
 * How a group's state follows from its events.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const evolveGroup = (
  state: MonitoringGroupState,
  event: MonitoringGroupEvent,
): MonitoringGroupState => {
  switch (event.type) {
    case 'GroupFormed': {
      const { memberId, kind } = event.data.chair;
      return {
        ...state,
        status: 'formed',
        region: event.data.region,
        members: [{ memberId, kind, role: 'chair', active: true, conflicts: [] }],
      };
    }
    case 'MemberAdded': {
      const { memberId, kind } = event.data;
      const known = state.members.find((member) => member.memberId === memberId);
      // A member who rejoins keeps the conflicts they declared before: a conflict is about the person.
      const joined: GroupMemberState = {
        memberId,
        kind,
        role: 'member',
        active: true,
        conflicts: known?.conflicts ?? [],
      };
      return {
        ...state,
        members:
          known === undefined
            ? [...state.members, joined]
            : state.members.map((m) => (m.memberId === memberId ? joined : m)),
      };
    }
    case 'ChairHandedOver':
      return {
        ...state,
        members: state.members.map((member) =>
          member.memberId === event.data.to
            ? { ...member, role: 'chair' }
            : member.role === 'chair'
              ? { ...member, role: 'member' }
              : member,
        ),
      };
    case 'MemberRemoved':
      return {
        ...state,
        members: state.members.map((member) =>
          member.memberId === event.data.memberId ? { ...member, active: false } : member,
        ),
      };
    case 'ConflictOfInterestDeclared': {
      const { memberId, organisationId } = event.data;
      return {
        ...state,
        members: state.members.map((member) =>
          member.memberId === memberId && !member.conflicts.includes(organisationId)
            ? { ...member, conflicts: [...member.conflicts, organisationId] }
            : member,
        ),
      };
    }
    case 'ObjectAssigned': {
      const { objectId, object, memberIds } = event.data;
      const known = state.objects.find((o) => o.objectId === objectId);
      if (known === undefined) {
        return {
          ...state,
          objects: [
            ...state.objects,
            { objectId, object, organisations: organisationsOf(objectId, object), memberIds },
          ],
        };
      }
      const added = memberIds.filter((id) => !known.memberIds.includes(id));
      return {
        ...state,
        objects: state.objects.map((o) =>
          o.objectId === objectId ? { ...o, memberIds: [...o.memberIds, ...added] } : o,
        ),
      };
    }
    case 'MemberUnassigned': {
      const { objectId, memberId } = event.data;
      return {
        ...state,
        objects: state.objects.map((o) =>
          o.objectId === objectId ? { ...o, memberIds: o.memberIds.filter((id) => id !== memberId) } : o,
        ),
      };
    }
    case 'VisitRecorded':
      return { ...state, visits: state.visits + 1 };
  }
};
