/**
 * `@adal/client`: the application layer a portal calls — command handling over any Adal store.
 *
 * @packageDocumentation
 */
export { createAdalClient } from './AdalClient.js';
export type { AdalClient, AdalClientOptions } from './AdalClient.js';
export type {
  CommandError,
  ConcurrencyConflict,
  EventDecodeFailed,
  WrongStreamCategory,
} from './CommandError.js';
export { createCommandHandler } from './handleCommand.js';
export type { CommandEnvironment, CommandOptions, CommandResult, HandleCommand } from './handleCommand.js';
export { createUuidV7, uuidV7Time } from './uuidv7.js';
export type { IdGenerator } from './uuidv7.js';
export { commandModule, everyCommand, idFromCommandId } from './modules/commandModule.js';
export type {
  AllOf,
  CommandInput,
  CommandMethods,
  Loose,
  ModuleResult,
  ModuleRuntime,
  StreamFor,
} from './modules/commandModule.js';
export { casesModule } from './modules/cases.js';
export type { CasesModule } from './modules/cases.js';
export { deadlinesModule, deadlineTarget } from './modules/deadlines.js';
export type { DeadlinesModule, DeadlineTarget, OverdueRun } from './modules/deadlines.js';
export { reportsModule } from './modules/reports.js';
export type { ReportsModule } from './modules/reports.js';
export { groupsModule } from './modules/groups.js';
export type { GroupsModule } from './modules/groups.js';
export { ratingsModule, raterPseudonym } from './modules/ratings.js';
export type { MissingConfiguration, RatingsModule } from './modules/ratings.js';
export { recommendationsModule } from './modules/recommendations.js';
export type { RecommendationsModule } from './modules/recommendations.js';
export { roadmapsModule } from './modules/roadmaps.js';
export type { RoadmapsModule } from './modules/roadmaps.js';
export { createProjectionRunner } from './projections/ProjectionRunner.js';
export type {
  GenerationStatus,
  ProjectionRunner,
  ProjectionRunnerOptions,
  ProjectionStatus,
  RunnerError,
  RunnerEvent,
} from './projections/ProjectionRunner.js';
export { caseStatisticsQueries } from './readModels/caseStatistics.js';
export type {
  CaseStatisticsQueries,
  CaseStatisticsQueryError,
  CaseStatisticsYear,
  FigureEvidence,
  FigureEvidencePage,
  HeadsDetained,
  OffenceChange,
  ReadModelDocumentInvalid,
} from './readModels/caseStatistics.js';
export type { ReadError } from './readModels/readModelDocuments.js';
export { reportsMapQueries } from './readModels/reportsMap.js';
export type {
  RegionReportCounts,
  ReportFeature,
  ReportFeatureCollection,
  ReportFeatureProperties,
  ReportsMapFilter,
  ReportsMapQueries,
  ReportsMapQueryError,
} from './readModels/reportsMap.js';
export { deadlineComplianceQueries } from './readModels/deadlineCompliance.js';
export type {
  BodyComplianceFigures,
  ComplianceFigures,
  DeadlineComplianceQueries,
  DeadlineComplianceQueryError,
  RegionComplianceFigures,
} from './readModels/deadlineCompliance.js';
export { recommendationImplementationQueries } from './readModels/recommendationImplementation.js';
export type {
  BodyImplementation,
  CountedRecommendation,
  GroupImplementation,
  ImplementationByIssuer,
  NationalImplementation,
  RecommendationFilter,
  RecommendationImplementationQueries,
  RecommendationImplementationQueryError,
  RecommendationPage,
  RegionImplementation,
} from './readModels/recommendationImplementation.js';
export { serviceQualityQueries } from './readModels/serviceQuality.js';
export type {
  AsOfOptions,
  CountedRating,
  NationalQuality,
  ProviderQuality,
  QualityFigures,
  RatingFilter,
  RatingPage,
  RegionQuality,
  ServiceQuality,
  ServiceQualityQueries,
  ServiceQualityQueryError,
} from './readModels/serviceQuality.js';
export { roadmapProgressQueries } from './readModels/roadmapProgress.js';
export type {
  RoadmapProgressQueries,
  RoadmapProgressQueryError,
  RoadmapSummary,
} from './readModels/roadmapProgress.js';
export { readModelsModule } from './readModels/readModelsModule.js';
export type { ReadModelsModule } from './readModels/readModelsModule.js';
export * from './audit/index.js';
export { ROLES, Role } from './access/Role.js';
export { eventActor, SessionActor, sessionActor } from './access/SessionActor.js';
export type { SessionActorInput } from './access/SessionActor.js';
export { accessDenied } from './access/AccessDenied.js';
export type { AccessDenied, AccessRule } from './access/AccessDenied.js';
export { COMMAND_POLICY, CREATING_COMMANDS } from './access/commandPolicy.js';
export type {
  CommandCondition,
  CommandModuleName,
  CommandPolicy,
  CommandRule,
  CommandTypes,
  Scope,
} from './access/commandPolicy.js';
export { QUERY_POLICY } from './access/queryPolicy.js';
export type { QueryGroupName, QueryPolicy, QueryRule, RegionArgument } from './access/queryPolicy.js';
export { authorizeCommand, authorizeQuery } from './access/authorize.js';
export type { CommandTarget } from './access/authorize.js';
export { openSession } from './access/AdalSession.js';
export type { AdalSession, Guarded, SessionParts, SessionReadModels } from './access/AdalSession.js';
export { policyMarkdown } from './access/policyMarkdown.js';
export * from './receipts/index.js';
export * from './protection/index.js';
