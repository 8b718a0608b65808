export * from './DomainEnvironment.js';
export * from './RuleBroken.js';
export * from './commandCodec.js';
