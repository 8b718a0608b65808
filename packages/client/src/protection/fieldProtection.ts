import type {
  FieldScope,
  JsonValue,
  KeyStore,
  PersonalDataSpec,
  StoreUnavailable,
  SubjectKey,
  ValidationError,
  ValidationIssue,
} from '@adal/core';
import {
  ERASED,
  findEncryptedFields,
  isEncryptedField,
  isErased,
  locatePersonalData,
  PERSONAL_DATA,
  showJsonPath,
  storeUnavailable,
  validationError,
  withValueAt,
} from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import { decryptField, encryptField } from './fieldCipher.js';
import type { PersonalDataUnreadable } from './PersonalDataUnreadable.js';

/**
 * How personal data is protected: the key store, which fields of which events (and snapshot versions) are
 * personal, and what to do with a field that cannot be read.
 *
 * - `personalData`: {@link PERSONAL_DATA} (Adal's own events) by default; a portal with events of its own
 *   passes `{ ...PERSONAL_DATA, ...its own }`.
 * - `snapshotPersonalData`: by snapshot version, for aggregates whose snapshot state holds personal data
 *   (none of Adal's own does); undeclared versions are written as they are.
 * - `missingKey`: a field whose subject the key store never saw fails the read (`'fail'`, the default) or
 *   reads as erased (`'erase'`, for a deliberate restore without the keys).
 * - `onUnreadable`: hears of every field that fails to read (tampering, a missing key) — log it, alert.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface ProtectionOptions {
  readonly keys: KeyStore;
  readonly personalData?: PersonalDataSpec;
  readonly snapshotPersonalData?: PersonalDataSpec;
  readonly missingKey?: 'fail' | 'erase';
  readonly onUnreadable?: (problem: PersonalDataUnreadable) => void;
}

/** One record (an event's data, a snapshot's state) to seal or reveal. */
export interface ProtectedRecord {
  readonly kind: FieldScope['kind'];
  readonly streamName: string;
  readonly record: string;
  /** The event type or snapshot version the spec is keyed by. */
  readonly type: string;
  readonly data: JsonValue;
  /** Where the data sits in the caller's input, for validation messages: `events.0.data`, `state`. */
  readonly at: string;
}

/** Keys known from an earlier step (a seal's keys, reused to reveal what the append returned). */
export type KnownKeys = ReadonlyMap<string, SubjectKey>;

/**
 * Encrypts every personal field of the records, making keys for subjects that have none. Values already
 * encrypted (for the same subject) or erased are kept as they are: a record copied from another protected
 * store keeps its ciphertext, which opens only where it was written. Refuses with `ValidationError` a
 * personal field without a subject id, or of a forgotten subject.
 */
export const sealRecords = async (
  options: ProtectionOptions,
  spec: PersonalDataSpec,
  records: readonly ProtectedRecord[],
): Promise<
  E.Either<StoreUnavailable | ValidationError, { readonly data: JsonValue[]; readonly keys: KnownKeys }>
> => {
  const issues: ValidationIssue[] = [];
  const plans = records.map((record) => {
    const located = locatePersonalData(spec, record.type, record.data);
    if (E.isLeft(located)) {
      for (const issue of located.left.issues) issues.push(nested(record.at, issue));
      return [];
    }
    return located.right.filter((field) => {
      if (isErased(field.value)) return false;
      if (isEncryptedField(field.value)) {
        if (field.value.subject !== field.subject) {
          issues.push({
            path: `${record.at}.${showJsonPath(field.path)}`,
            message: `holds data encrypted for subject ${field.value.subject}, but the record names subject ${field.subject}`,
          });
        }
        return false;
      }
      return true;
    });
  });
  if (issues.length > 0) return E.left(validationError(issues));

  const subjects = [...new Set(plans.flat().map((field) => field.subject))];
  if (subjects.length === 0) return E.right({ data: records.map((r) => r.data), keys: new Map() });
  const found = await options.keys.getKeys(subjects)();
  if (E.isLeft(found)) return found;
  const keys = new Map(found.right);
  for (const subject of subjects) {
    if (keys.has(subject)) continue;
    const created = await options.keys.createKey(subject)();
    if (E.isRight(created)) keys.set(subject, created.right);
    else if (created.left._tag === 'SubjectForgotten') {
      keys.set(subject, { _tag: 'Forgotten', subject, forgottenAt: created.left.forgottenAt });
    } else return E.left(created.left);
  }

  const data = records.map((record, index) =>
    (plans[index] ?? []).reduce<JsonValue>((acc, field) => {
      const key = keys.get(field.subject);
      if (key?._tag !== 'Active') {
        issues.push({
          path: `${record.at}.${showJsonPath(field.path)}`,
          message: `subject ${field.subject} was forgotten${key === undefined ? '' : ` on ${key.forgottenAt.toISOString()}`}: no personal data is stored under this id again; give the person a new subject id`,
        });
        return acc;
      }
      const scope = { ...scopeOf(record), path: field.path, subject: field.subject };
      return withValueAt(acc, field.path, encryptField(key.key, scope, field.value) as JsonValue);
    }, record.data),
  );
  return issues.length > 0 ? E.left(validationError(issues)) : E.right({ data, keys });
};

/**
 * Decrypts every encrypted field of the records: a forgotten subject's fields read as erased; a field that
 * does not open, or whose subject has no key, fails the whole read with `StoreUnavailable` (and is told to
 * `onUnreadable`), unless `missingKey` is `'erase'`.
 */
export const revealRecords = async (
  options: ProtectionOptions,
  records: readonly Omit<ProtectedRecord, 'type' | 'at'>[],
  known: KnownKeys = new Map(),
): Promise<E.Either<StoreUnavailable, JsonValue[]>> => {
  const sealed = records.map((record) => findEncryptedFields(record.data));
  const wanted = [...new Set(sealed.flat().map((field) => field.value.subject))].filter(
    (subject) => !known.has(subject),
  );
  const keys = new Map(known);
  if (wanted.length > 0) {
    const found = await options.keys.getKeys(wanted)();
    if (E.isLeft(found)) {
      return E.left(
        found.left._tag === 'StoreUnavailable'
          ? found.left
          : storeUnavailable(
              `the key store refused the stored subject ids: ${found.left.message}`,
              found.left,
            ),
      );
    }
    for (const [subject, key] of found.right) keys.set(subject, key);
  }

  const problems: PersonalDataUnreadable[] = [];
  const data = records.map((record, index) =>
    (sealed[index] ?? []).reduce<JsonValue>((acc, { path, value }) => {
      const subject = value.subject;
      const key = keys.get(subject);
      const where = { kind: record.kind, streamName: record.streamName, record: record.record };
      const shown = showJsonPath(path);
      if (key?._tag === 'Forgotten') return withValueAt(acc, path, ERASED);
      if (key === undefined) {
        if (options.missingKey === 'erase') return withValueAt(acc, path, ERASED);
        problems.push({
          _tag: 'SubjectKeyMissing',
          ...where,
          path: shown,
          subject,
          message: `${describe(record)}: the key store has no key and no tombstone for subject ${subject} (field ${shown}); was it restored from an older backup, or is it the wrong key store?`,
        });
        return acc;
      }
      const opened = decryptField(key.key, { ...scopeOf(record), path, subject }, value);
      if (E.isLeft(opened)) {
        problems.push({
          _tag: 'PersonalDataTampered',
          ...where,
          path: shown,
          subject,
          message: `${describe(record)}: the personal data at ${shown} (subject ${subject}) does not open: it was altered, or copied from another record or field`,
        });
        return acc;
      }
      return withValueAt(acc, path, opened.right);
    }, record.data),
  );
  const [first] = problems;
  if (first !== undefined) {
    for (const problem of problems) options.onUnreadable?.(problem);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more unreadable fields)` : '';
    return E.left(storeUnavailable(`${first.message}${more}`, first));
  }
  return E.right(data);
};

/** The personal-data spec of events: the options' own, else Adal's. */
export const eventSpec = (options: ProtectionOptions): PersonalDataSpec =>
  options.personalData ?? PERSONAL_DATA;

const scopeOf = (record: Pick<ProtectedRecord, 'kind' | 'streamName' | 'record'>) => ({
  kind: record.kind,
  streamName: record.streamName,
  record: record.record,
});

const describe = (record: Pick<ProtectedRecord, 'kind' | 'streamName' | 'record'>): string =>
  record.kind === 'event'
    ? `event ${record.record} of ${record.streamName}`
    : `the snapshot ${record.record} of ${record.streamName}`;

const nested = (at: string, issue: ValidationIssue): ValidationIssue => ({
  path: issue.path === '' ? at : `${at}.${issue.path}`,
  message: issue.message,
});
