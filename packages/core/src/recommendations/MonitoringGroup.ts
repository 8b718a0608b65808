import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../Aggregate.js';
import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { NotAllowedInStatus, RuleBroken } from '../domain/RuleBroken.js';
import { notAllowedInStatus, ruleBroken } from '../domain/RuleBroken.js';
import { localDate } from '../shared/WorkingDayCalendar.js';
import type { MonitoringGroupCommand } from './MonitoringGroupCommands.js';
import { MonitoringGroupCommand as CommandCodec } from './MonitoringGroupCommands.js';
import type { MonitoringGroupEvent } from './MonitoringGroupEvents.js';
import {
  ChairHandedOver,
  ConflictOfInterestDeclared,
  GroupFormed,
  MemberAdded,
  MemberRemoved,
  MemberUnassigned,
  MonitoringGroupEvents,
  ObjectAssigned,
  VisitRecorded,
} from './MonitoringGroupEvents.js';
import type {
  AssignedObjectState,
  GroupMemberState,
  GroupStatus,
  MonitoringGroupState,
} from './MonitoringGroupState.js';
import { chairOf, evolveGroup, initialGroupState, organisationsOf } from './MonitoringGroupState.js';

/**
 * The rules a monitoring-group command can break, each the `_tag` of its refusal.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MONITORING_GROUP_RULES = [
  'OneChairOnly',
  'ChairCannotBeRemoved',
  'AlreadyMember',
  'NotAMember',
  'MemberNoLongerInGroup',
  'ConflictOfInterest',
  'ObjectIdInUse',
  'ObjectNotAssigned',
  'VisitorNotAssigned',
  'VisitDateInFuture',
] as const;

/**
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringGroupRule = (typeof MONITORING_GROUP_RULES)[number];

/**
 * A refused monitoring-group command.
 *
 * @category recommendations
 * @since 0.1.0
 */
export type MonitoringGroupError = RuleBroken<MonitoringGroupRule> | NotAllowedInStatus<GroupStatus>;

type Result = E.Either<MonitoringGroupError, readonly MonitoringGroupEvent[]>;

/**
 * Builds the `MonitoringGroup` aggregate. A group has no deadlines, so it reads nothing from the environment
 * today; it takes one like every aggregate so that a regional rule can be added without changing its API.
 *
 * @example
 * import { monitoringGroup, domainEnvironment } from '@adal/core';
 * const MonitoringGroup = monitoringGroup(domainEnvironment());
 *
 * @category recommendations
 * @since 0.1.0
 */
export const monitoringGroup = (
  _environment: DomainEnvironment,
): Aggregate<MonitoringGroupCommand, MonitoringGroupEvent, MonitoringGroupState, MonitoringGroupError> => {
  const decide = (command: MonitoringGroupCommand, state: MonitoringGroupState): Result => {
    const today = localDate(command.at);
    const { at } = command;
    if (command.type === 'FormGroup') {
      if (state.status !== 'none') return E.left(notAllowedInStatus(command.type, state.status));
      return E.right([
        GroupFormed.make({
          at,
          region: command.region,
          name: command.name,
          chair: command.chair,
          formedOn: today,
        }),
      ]);
    }
    if (state.status === 'none') return E.left(notAllowedInStatus(command.type, state.status));
    const member = (id: string) => state.members.find((m) => m.memberId === id);

    switch (command.type) {
      case 'AddMember': {
        const chair = chairOf(state);
        if (command.role === 'chair' && chair !== undefined) {
          return E.left(
            ruleBroken(
              'OneChairOnly',
              `the group already has a chair (${chair}); hand the chair over instead`,
            ),
          );
        }
        if (member(command.memberId)?.active === true) {
          return E.left(ruleBroken('AlreadyMember', `${command.memberId} is already a member of the group`));
        }
        return E.right([
          MemberAdded.make({ at, memberId: command.memberId, kind: command.kind, addedOn: today }),
        ]);
      }
      case 'RemoveMember': {
        const leaving = member(command.memberId);
        if (leaving === undefined) return E.left(notAMember(command.memberId));
        // Removing someone who already left changes nothing, so a retried removal is harmless.
        if (!leaving.active) return E.right([]);
        if (leaving.role === 'chair') {
          return E.left(
            ruleBroken(
              'ChairCannotBeRemoved',
              'the chair cannot be removed: hand the chair over to another member first',
            ),
          );
        }
        const base = { at, memberId: command.memberId, removedOn: today };
        return E.right([
          MemberRemoved.make(command.reason === undefined ? base : { ...base, reason: command.reason }),
          ...unassign(state, command.memberId, () => true, 'removedFromGroup', at),
        ]);
      }
      case 'HandOverChair': {
        const refused = activeMember(state, command.memberId);
        if (refused !== undefined) return E.left(refused);
        const chair = chairOf(state);
        if (chair === undefined) return E.left(notAllowedInStatus(command.type, state.status));
        if (chair === command.memberId) return E.right([]);
        return E.right([ChairHandedOver.make({ at, from: chair, to: command.memberId })]);
      }
      case 'DeclareConflictOfInterest': {
        const declaring = member(command.memberId);
        if (declaring === undefined) return E.left(notAMember(command.memberId));
        if (declaring.conflicts.includes(command.organisationId)) return E.right([]);
        const { memberId, organisationId, organisationName } = command;
        const base = { at, memberId, organisationId, organisationName };
        // The declaration takes the member off every object of that organisation at once, so that no state
        // ever has a conflicted member assigned: the invariant holds by construction, not by later checks.
        return E.right([
          ConflictOfInterestDeclared.make(
            command.description === undefined ? base : { ...base, description: command.description },
          ),
          ...unassign(
            state,
            memberId,
            (o) => o.organisations.includes(organisationId),
            'conflictOfInterest',
            at,
          ),
        ]);
      }
      case 'AssignObject': {
        const { objectId, object } = command;
        const known = state.objects.find((o) => o.objectId === objectId);
        if (known !== undefined && !sameData(known.object, object)) {
          return E.left(
            ruleBroken(
              'ObjectIdInUse',
              `object ${objectId} is already assigned with a different description`,
            ),
          );
        }
        const organisations = organisationsOf(objectId, object);
        for (const id of command.memberIds) {
          const refused =
            activeMember(state, id, 'cannot be assigned') ??
            conflicted(member(id), organisations, 'assigned to');
          if (refused !== undefined) return E.left(refused);
        }
        const added = command.memberIds.filter((id) => known === undefined || !known.memberIds.includes(id));
        if (added.length === 0) return E.right([]);
        return E.right([ObjectAssigned.make({ at, objectId, object, memberIds: added })]);
      }
      case 'RecordVisit': {
        const visited = state.objects.find((o) => o.objectId === command.objectId);
        if (visited === undefined) {
          return E.left(
            ruleBroken(
              'ObjectNotAssigned',
              `object ${command.objectId} is not assigned to the group: assign it before visiting`,
            ),
          );
        }
        if (command.visitedOn > today) {
          return E.left(
            ruleBroken('VisitDateInFuture', `a visit on ${command.visitedOn} cannot be recorded on ${today}`),
          );
        }
        for (const id of command.memberIds) {
          const refused =
            activeMember(state, id, 'cannot be recorded visiting') ??
            conflicted(member(id), visited.organisations, 'recorded visiting');
          if (refused !== undefined) return E.left(refused);
          if (!visited.memberIds.includes(id)) {
            return E.left(
              ruleBroken(
                'VisitorNotAssigned',
                `${id} is not assigned to object ${command.objectId}; only its assigned members visit it`,
              ),
            );
          }
        }
        const { objectId, visitedOn, memberIds, evidence, findings } = command;
        return E.right([VisitRecorded.make({ at, objectId, visitedOn, memberIds, evidence, findings })]);
      }
    }
  };

  return {
    name: 'MonitoringGroup',
    category: 'group',
    commands: CommandCodec,
    events: MonitoringGroupEvents,
    decider: { initialState: initialGroupState, evolve: evolveGroup, decide },
  };
};

const notAMember = (id: string): RuleBroken<MonitoringGroupRule> =>
  ruleBroken('NotAMember', `${id} is not a member of the group`);

const activeMember = (
  state: MonitoringGroupState,
  id: string,
  what = 'cannot take the chair',
): RuleBroken<MonitoringGroupRule> | undefined => {
  const found = state.members.find((m) => m.memberId === id);
  if (found === undefined) return notAMember(id);
  return found.active
    ? undefined
    : ruleBroken('MemberNoLongerInGroup', `${id} was removed from the group and ${what}`);
};

const conflicted = (
  member: GroupMemberState | undefined,
  organisations: readonly string[],
  what: string,
): RuleBroken<MonitoringGroupRule> | undefined => {
  const conflict = member?.conflicts.find((organisation) => organisations.includes(organisation));
  return member === undefined || conflict === undefined
    ? undefined
    : ruleBroken(
        'ConflictOfInterest',
        `${member.memberId} declared a conflict of interest with ${conflict} and is never ${what} its objects`,
      );
};

const unassign = (
  state: MonitoringGroupState,
  memberId: string,
  applies: (object: AssignedObjectState) => boolean,
  reason: 'removedFromGroup' | 'conflictOfInterest',
  at: Date,
): MonitoringGroupEvent[] =>
  state.objects
    .filter((o) => applies(o) && o.memberIds.includes(memberId))
    .map((o) => MemberUnassigned.make({ at, objectId: o.objectId, memberId, reason }));

// Plain decoded data (strings, numbers, bigints, nested records) compared field by field, so that the order
// in which a client wrote the fields of an object's description does not matter.
const sameData = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameData(left[key], right[key]))
  );
};

/**
 * The `MonitoringGroup` aggregate with the default environment.
 *
 * @category recommendations
 * @since 0.1.0
 */
export const MonitoringGroup = monitoringGroup(defaultDomainEnvironment);
