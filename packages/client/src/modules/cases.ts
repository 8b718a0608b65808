import type { CorruptionCaseCommand, DomainEnvironment } from '@adal/core';
import { corruptionCase } from '@adal/core';
import type { ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * `client.cases`: corruption cases, one method per command. `registerCase` returns the new case's id
 * (`case-<region>-<uuidv7>`); every other method takes that id first.
 *
 * @example
 * const registered = await client.cases.registerCase({
 *   offence: { article: '366', part: 4 }, region: 'KZ-71', source: 'report', reportId,
 * })();
 *
 * @category client
 * @since 0.1.0
 */
export const casesModule = (environment: DomainEnvironment, runtime: ModuleRuntime) =>
  commandModule(
    corruptionCase(environment),
    runtime,
    everyCommand<CorruptionCaseCommand['type']>()([
      'RegisterCase',
      'StartInvestigation',
      'IdentifySuspect',
      'DetainSuspect',
      'ChargeSuspect',
      'MarkOrganisedGroup',
      'MarkSystemic',
      'RecordDamage',
      'RecordRecovery',
      'SendToCourt',
      'RecordVerdict',
      'TerminateCase',
      'CloseCase',
    ] as const),
    { RegisterCase: (command, newId) => `case-${command.region}-${newId()}` },
  );

/**
 * @category client
 * @since 0.1.0
 */
export type CasesModule = ReturnType<typeof casesModule>;
