import type { DomainEnvironment, MonitoringGroupCommand } from '@adal/core';
import { monitoringGroup } from '@adal/core';
import type { ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * `client.groups`: special monitoring groups, one method per command. `formGroup` returns the new group's
 * id (`group-<region>-<uuidv7>`); every other method takes that id first.
 *
 * @category client
 * @since 0.1.0
 */
export const groupsModule = (environment: DomainEnvironment, runtime: ModuleRuntime) =>
  commandModule(
    monitoringGroup(environment),
    runtime,
    everyCommand<MonitoringGroupCommand['type']>()([
      'FormGroup',
      'AddMember',
      'RemoveMember',
      'HandOverChair',
      'DeclareConflictOfInterest',
      'AssignObject',
      'RecordVisit',
    ] as const),
    { FormGroup: (command, newId) => `group-${command.region}-${newId()}` },
  );

/**
 * @category client
 * @since 0.1.0
 */
export type GroupsModule = ReturnType<typeof groupsModule>;
