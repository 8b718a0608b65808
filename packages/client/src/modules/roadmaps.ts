import type { DomainEnvironment, RoadmapCommand } from '@adal/core';
import { roadmap } from '@adal/core';
import type { ModuleRuntime } from './commandModule.js';
import { commandModule, everyCommand } from './commandModule.js';

/**
 * `client.roadmaps`: the roadmap of the anti-corruption service, one method per command. `draftRoadmap`
 * returns the new id (`roadmap-<region>-<uuidv7>`, `roadmap-KZ-00-…` for the national roadmap); every other
 * method takes it first.
 *
 * @category client
 * @since 0.1.0
 */
export const roadmapsModule = (environment: DomainEnvironment, runtime: ModuleRuntime) =>
  commandModule(
    roadmap(environment),
    runtime,
    everyCommand<RoadmapCommand['type']>()([
      'DraftRoadmap',
      'AddMeasure',
      'ApproveRoadmap',
      'ReviseRoadmap',
      'StartMeasure',
      'RecordMilestone',
      'ReportKpi',
      'CompleteMeasure',
      'ReviseMeasureDeadline',
      'CancelMeasure',
    ] as const),
    { DraftRoadmap: (command, newId) => `roadmap-${command.region ?? 'KZ-00'}-${newId()}` },
  );

/**
 * @category client
 * @since 0.1.0
 */
export type RoadmapsModule = ReturnType<typeof roadmapsModule>;
