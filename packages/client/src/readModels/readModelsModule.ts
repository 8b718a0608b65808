import type {
  AnyProjection,
  DomainEnvironment,
  EventStore,
  LeaseManager,
  ReadModelStore,
  StoreUnavailable,
} from '@adal/core';
import { readModelProjections, storeUnavailable } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ProjectionRunner, ProjectionRunnerOptions } from '../projections/ProjectionRunner.js';
import { createProjectionRunner } from '../projections/ProjectionRunner.js';
import type { CaseStatisticsQueries } from './caseStatistics.js';
import { caseStatisticsQueries } from './caseStatistics.js';
import type { DeadlineComplianceQueries } from './deadlineCompliance.js';
import { deadlineComplianceQueries } from './deadlineCompliance.js';
import type { RecommendationImplementationQueries } from './recommendationImplementation.js';
import { recommendationImplementationQueries } from './recommendationImplementation.js';
import type { ReportsMapQueries } from './reportsMap.js';
import { reportsMapQueries } from './reportsMap.js';
import type { RoadmapProgressQueries } from './roadmapProgress.js';
import { roadmapProgressQueries } from './roadmapProgress.js';
import type { ServiceQualityQueries } from './serviceQuality.js';
import { serviceQualityQueries } from './serviceQuality.js';

/**
 * The read models as a portal queries them, and the runner that keeps them up to date.
 *
 * @category read models
 * @since 0.1.0
 */
export interface ReadModelsModule {
  readonly caseStatistics: CaseStatisticsQueries;
  readonly reportsMap: ReportsMapQueries;
  readonly deadlineCompliance: DeadlineComplianceQueries;
  readonly recommendationImplementation: RecommendationImplementationQueries;
  readonly serviceQuality: ServiceQualityQueries;
  readonly roadmapProgress: RoadmapProgressQueries;
  /** The six projections, built on the client's domain environment. */
  readonly projections: readonly AnyProjection[];
  /**
   * A runner of the six projections (and the client's private ones, such as the receipt index) over the
   * client's store, read-model store and leases (the client's store's own when it has them). Start it in every portal instance: one owns each projection at a time.
   */
  readonly runner: (
    options?: Omit<ProjectionRunnerOptions, 'store' | 'readModels' | 'projections'> & {
      readonly projections?: readonly AnyProjection[];
    },
  ) => ProjectionRunner;
}

/** Whether a store also holds read models (the memory and PostgreSQL stores do). */
export const isReadModelStore = (store: unknown): store is ReadModelStore =>
  typeof store === 'object' &&
  store !== null &&
  typeof (store as Partial<ReadModelStore>).findDocuments === 'function' &&
  typeof (store as Partial<ReadModelStore>).commit === 'function';

const isLeaseManager = (store: unknown): store is LeaseManager =>
  typeof store === 'object' &&
  store !== null &&
  typeof (store as Partial<LeaseManager>).tryAcquire === 'function';

/** A read-model store that answers every call with the same configuration error. */
const missingReadModels = (): ReadModelStore => {
  const refuse = (): (() => Promise<E.Either<StoreUnavailable, never>>) => () =>
    Promise.resolve(
      E.left(
        storeUnavailable(
          'no read-model store: give createAdalClient a store that holds read models (memory, PostgreSQL) or `readModels`',
        ),
      ),
    );
  return {
    listGenerations: refuse,
    startGeneration: refuse,
    loadDocuments: refuse,
    commit: refuse,
    promote: refuse,
    dropGeneration: refuse,
    getDocument: refuse,
    findDocuments: refuse,
  };
};

/** The read-model store to use: the one given, else the store's own, else one that refuses every call. */
export const resolveReadModels = (store: EventStore, readModels?: ReadModelStore): ReadModelStore =>
  readModels ?? (isReadModelStore(store) ? store : missingReadModels());

/** Builds `client.readModels`. */
export const readModelsModule = (options: {
  readonly store: EventStore;
  readonly readModels?: ReadModelStore;
  readonly leases?: LeaseManager;
  readonly domain: DomainEnvironment;
  readonly clock: () => Date;
  /** Private projections the runner also runs (such as the receipt index), not part of `projections`. */
  readonly extraProjections?: readonly AnyProjection[];
}): ReadModelsModule => {
  const readModels = resolveReadModels(options.store, options.readModels);
  const leases = options.leases ?? (isLeaseManager(options.store) ? options.store : undefined);
  const projections = readModelProjections(options.domain);
  return {
    caseStatistics: caseStatisticsQueries(readModels),
    reportsMap: reportsMapQueries(readModels),
    deadlineCompliance: deadlineComplianceQueries(readModels),
    recommendationImplementation: recommendationImplementationQueries(readModels),
    serviceQuality: serviceQualityQueries(readModels, { clock: options.clock }),
    roadmapProgress: roadmapProgressQueries(readModels, { clock: options.clock }),
    projections,
    runner: (runnerOptions = {}) =>
      createProjectionRunner({
        clock: options.clock,
        ...(leases === undefined ? {} : { leases }),
        ...runnerOptions,
        store: options.store,
        readModels,
        projections: runnerOptions.projections ?? [...projections, ...(options.extraProjections ?? [])],
      }),
  };
};
