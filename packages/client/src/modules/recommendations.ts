import type { DomainEnvironment, MonitoringRecommendationCommand } from '@adal/core';
import { monitoringRecommendation } from '@adal/core';
import type { ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * `client.recommendations`: recommendations of monitoring groups and of the agency, one method per command.
 * `issueRecommendation` returns the new id (`recommendation-<region>-<uuidv7>`); every other method takes it
 * first.
 *
 * @category client
 * @since 0.1.0
 */
export const recommendationsModule = (environment: DomainEnvironment, runtime: ModuleRuntime) =>
  commandModule(
    monitoringRecommendation(environment),
    runtime,
    everyCommand<MonitoringRecommendationCommand['type']>()([
      'IssueRecommendation',
      'AcknowledgeRecommendation',
      'RecordCollectiveReview',
      'ReportImplementation',
      'AssessImplementation',
      'WithdrawRecommendation',
      'MarkOverdue',
      'CloseRecommendation',
    ] as const),
    { IssueRecommendation: (command, newId) => `recommendation-${command.region}-${newId()}` },
  );

/**
 * @category client
 * @since 0.1.0
 */
export type RecommendationsModule = ReturnType<typeof recommendationsModule>;
