export * from './MonitoringGroup.js';
export * from './MonitoringGroupCommands.js';
export * from './MonitoringGroupEvents.js';
export * from './MonitoringGroupState.js';
export * from './MonitoringRecommendation.js';
export * from './MonitoringRecommendationCommands.js';
export * from './MonitoringRecommendationEvents.js';
export * from './MonitoringRecommendationState.js';
