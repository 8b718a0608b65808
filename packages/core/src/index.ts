/**
 * `@adal/core`: Adal's pure domain — the event-sourcing kernel (deciders, events and their codecs, stream
 * names, expected revisions, the event-store port) with no I/O of its own.
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */
export * from './Aggregate.js';
export * from './AppendBatch.js';
export * from './Decider.js';
export * from './EventRegistry.js';
export * from './EventStore.js';
export * from './EventType.js';
export * from './ExpectedRevision.js';
export * from './GlobalPosition.js';
export * from './Json.js';
export * from './primitives.js';
export * from './RecordedEvent.js';
export * from './SnapshotStore.js';
export * from './StoreError.js';
export * from './StreamName.js';
export * from './strict.js';
export * from './taggedUnion.js';
export * from './ValidationError.js';
export * from './shared/index.js';
export * from './domain/index.js';
export * from './reports/index.js';
export * from './cases/index.js';
export * from './recommendations/index.js';
export * from './roadmaps/index.js';
export * from './ratings/index.js';
export * from './Projection.js';
export * from './ReadModelStore.js';
export * from './readModels/caseStatistics.js';
export * from './readModels/reportsMap.js';
export * from './readModels/deadlineCompliance.js';
export * from './readModels/recommendationImplementationFigures.js';
export * from './readModels/recommendationImplementation.js';
export * from './readModels/serviceQualityFigures.js';
export * from './readModels/serviceQuality.js';
export * from './readModels/roadmapProgressView.js';
export * from './readModels/readModelProjections.js';
export * from './audit/canonicalJson.js';
export * from './audit/AuditFormats.js';
export * from './protection/index.js';
