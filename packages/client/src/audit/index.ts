export { chainBatch, chainEventStore, eventHash } from './hashChain.js';
export { keyIdOf, LOG_SEALED, proveEvent, sealLog, verifyLog, verifyProof } from './seals.js';
export type { AuditProblem, KeyInput, TrustedSeal, VerifyReport } from './seals.js';
export { auditModule } from './auditModule.js';
export type { AuditModule, AuditOptions } from './auditModule.js';
