import type { DomainEnvironment } from '../domain/DomainEnvironment.js';
import { defaultDomainEnvironment } from '../domain/DomainEnvironment.js';
import type { AnyProjection } from '../Projection.js';
import { CASE_STATISTICS } from './caseStatistics.js';
import { deadlineCompliance } from './deadlineCompliance.js';
import { RECOMMENDATION_IMPLEMENTATION } from './recommendationImplementation.js';
import { reportsMap } from './reportsMap.js';
import { ROADMAP_PROGRESS } from './roadmapProgressView.js';
import { SERVICE_QUALITY } from './serviceQuality.js';

/**
 * The six read models a portal shows, ready for the projection runner: case statistics, the reports map,
 * deadline compliance, recommendation implementation, service quality and roadmap progress. The map and
 * deadline compliance read the environment's policies (coordinate rounding) and calendars (working days to
 * answer); give the same environment as the client's.
 *
 * @example
 * import { readModelProjections } from '@adal/core';
 * // createProjectionRunner({ store, readModels: store, leases: store, projections: readModelProjections() })
 *
 * @category read models
 * @since 0.1.0
 */
export const readModelProjections = (
  environment: DomainEnvironment = defaultDomainEnvironment,
): readonly AnyProjection[] => [
  CASE_STATISTICS,
  reportsMap(environment),
  deadlineCompliance(environment),
  RECOMMENDATION_IMPLEMENTATION,
  SERVICE_QUALITY,
  ROADMAP_PROGRESS,
];
