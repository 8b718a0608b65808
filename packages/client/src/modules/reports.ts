import type { CitizenReportCommand, DomainEnvironment } from '@adal/core';
import { citizenReport } from '@adal/core';
import type { ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * `client.reports`: the Public Control Map's reports, one method per command. `submitReport` returns the
 * new report's id (`report-<region>-<uuidv7>`); every other method takes that id first.
 *
 * @example
 * const submitted = await client.reports.submitReport({
 *   channel: 'map', region: 'KZ-71', point: { lat: 51.128, lon: 71.43 }, category: 'constructionQuality',
 *   description: { text: 'Cheaper bricks than the estimate', language: 'en' }, evidence: [],
 *   reporter: { kind: 'identified', subjectId: 'citizen-1', name: 'Aigerim' },
 * })();
 * if (submitted._tag === 'Right') await client.reports.registerReport(submitted.right.id, { registrationNumber: 'AST-1' })();
 *
 * @category client
 * @since 0.1.0
 */
export const reportsModule = (environment: DomainEnvironment, runtime: ModuleRuntime) =>
  commandModule(
    citizenReport(environment),
    runtime,
    everyCommand<CitizenReportCommand['type']>()([
      'SubmitReport',
      'AttachEvidence',
      'RegisterReport',
      'AssignReport',
      'ExtendDeadline',
      'NotifyReporterOfExtension',
      'RedirectReport',
      'RecordAnswer',
      'CloseReport',
      'MarkDuplicate',
      'RejectReport',
      'EscalateToCase',
      'WithdrawReport',
      'PostFollowUp',
      'ReopenReport',
      'MarkOverdue',
    ] as const),
    { SubmitReport: (command, newId) => `report-${command.region}-${newId()}` },
  );

/**
 * @category client
 * @since 0.1.0
 */
export type ReportsModule = ReturnType<typeof reportsModule>;
