export * from './DomainEnvironment.js';
export * from './RuleBroken.js';
