/**
 * Personal data: which fields are personal ({@link PersonalDataSpec}), how an encrypted field and an erased
 * one are written, and the key-store port. The encryption itself runs in `@adal/client`.
 */
export * from './Erased.js';
export * from './EncryptedField.js';
export * from './jsonPath.js';
export * from './KeyStore.js';
export * from './PersonalDataSpec.js';
export * from './SubjectId.js';
