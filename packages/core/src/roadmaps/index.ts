export * from './Roadmap.js';
export * from './RoadmapCommands.js';
export * from './RoadmapEvents.js';
export * from './RoadmapPlan.js';
export * from './RoadmapProgress.js';
export * from './RoadmapState.js';
