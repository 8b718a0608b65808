export * from './CorruptionCase.js';
export * from './CorruptionCaseCommands.js';
export * from './CorruptionCaseEvents.js';
export * from './CorruptionCaseState.js';
