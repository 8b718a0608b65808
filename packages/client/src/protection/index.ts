/**
 * Personal data in the client: encryption per data subject before anything is stored, decryption on every
 * read, and forgetting by deleting a key (DESIGN §6).
 */
export { decryptField, encryptField } from './fieldCipher.js';
export type { ProtectionOptions } from './fieldProtection.js';
export { forgetSubject } from './forgetSubject.js';
export { PersonalDataReadFailed, personalDataProblem } from './PersonalDataUnreadable.js';
export type {
  PersonalDataTampered,
  PersonalDataUnreadable,
  SubjectKeyMissing,
} from './PersonalDataUnreadable.js';
export { protectEventStore } from './protectEventStore.js';
export { protectSnapshotStore } from './protectSnapshotStore.js';
