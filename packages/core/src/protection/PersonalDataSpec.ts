import * as E from 'fp-ts/lib/Either.js';
import type { JsonValue } from '../Json.js';
import type { ValidationIssue, ValidationError } from '../ValidationError.js';
import { validationError } from '../ValidationError.js';
import { ERASED } from './Erased.js';
import type { JsonPath } from './jsonPath.js';
import { parseJsonPath, showJsonPath, valueAt, withValueAt } from './jsonPath.js';
import { SubjectId } from './SubjectId.js';

/**
 * Which fields of one kind of record are one person's personal data, and where that person's subject id
 * is. Paths are dotted (`reporter.name`). With `each`, the record holds several people: `each` is the path
 * of an array, and `subject` and `fields` are relative to each of its elements.
 *
 * A field that is absent is skipped; a field that is present needs its subject id, or the append is refused.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface PersonalDataRule {
  readonly each?: string;
  readonly subject: string;
  readonly fields: readonly string[];
}

/**
 * The personal data of every event type (or snapshot version) that has some: the type's name, then its
 * rules. Types that are not listed hold no personal data.
 *
 * @category personal data
 * @since 0.1.0
 */
export type PersonalDataSpec = Readonly<Record<string, readonly PersonalDataRule[]>>;

/**
 * The personal data in Adal's own events:
 *
 * - `ReportSubmitted`: an identified reporter's name, phone and IIN, under the reporter's `subjectId` (an
 *   anonymous reporter has neither, only receipt-derived values);
 * - `DeadlineExtended`: the name of the head or deputy head who decided the extension, under their
 *   `officerId`.
 *
 * No other event holds names, phones, IINs or home locations: suspects, group members and raters appear
 * only by pseudonymous ids, and the points on the map are where the budget money went, not where anyone
 * lives. Free text (descriptions, answers, follow-ups) is not covered: see the personal-data guide.
 *
 * @category personal data
 * @since 0.1.0
 */
export const PERSONAL_DATA: PersonalDataSpec = {
  ReportSubmitted: [
    { subject: 'reporter.subjectId', fields: ['reporter.name', 'reporter.phone', 'reporter.iin'] },
  ],
  DeadlineExtended: [{ subject: 'decidedBy.officerId', fields: ['decidedBy.name'] }],
};

/**
 * One personal field found in a record: whose it is, where it is, and its value.
 *
 * @category personal data
 * @since 0.1.0
 */
export interface PersonalField {
  readonly subject: string;
  readonly path: JsonPath;
  readonly value: JsonValue;
}

/**
 * Finds the personal fields of a record of `type` by the spec, in the order of the rules. Refuses (with the
 * paths in question) a personal field whose subject id is missing or not a valid id, and an `each` path that
 * is not an array.
 *
 * @example
 * import { locatePersonalData, PERSONAL_DATA } from '@adal/core';
 * const data = { reporter: { kind: 'identified', subjectId: 'citizen-1', name: 'Aigerim' } };
 * locatePersonalData(PERSONAL_DATA, 'ReportSubmitted', data);
 * // right([{ subject: 'citizen-1', path: ['reporter', 'name'], value: 'Aigerim' }])
 *
 * @category personal data
 * @since 0.1.0
 */
export const locatePersonalData = (
  spec: PersonalDataSpec,
  type: string,
  data: JsonValue,
): E.Either<ValidationError, readonly PersonalField[]> => {
  const rules = Object.prototype.hasOwnProperty.call(spec, type) ? spec[type] : undefined;
  if (rules === undefined || rules.length === 0) return E.right([]);
  const found: PersonalField[] = [];
  const issues: ValidationIssue[] = [];
  for (const rule of rules) {
    for (const base of baseEntries(data, rule, issues)) {
      const fields = rule.fields
        .map((field) => [...base, ...parseJsonPath(field)])
        .flatMap((path) => {
          const value = valueAt(data, path);
          return value === undefined ? [] : [{ path, value }];
        });
      if (fields.length === 0) continue;
      const subjectPath = [...base, ...parseJsonPath(rule.subject)];
      const subject = valueAt(data, subjectPath);
      if (!SubjectId.is(subject)) {
        issues.push({
          path: showJsonPath(subjectPath),
          message: `personal data at ${fields.map((f) => showJsonPath(f.path)).join(', ')} needs its subject id here (1 to 200 characters)`,
        });
        continue;
      }
      for (const field of fields) found.push({ subject, ...field });
    }
  }
  return issues.length > 0 ? E.left(validationError(issues)) : E.right(found);
};

/**
 * A copy of a record with every personal field the spec names replaced by the erased marker: what a reader
 * sees once every subject of the record was forgotten. Meant for tests and tools; the client erases on read.
 *
 * @category personal data
 * @since 0.1.0
 */
export const erasePersonalData = (spec: PersonalDataSpec, type: string, data: JsonValue): JsonValue => {
  const located = locatePersonalData(spec, type, data);
  if (E.isLeft(located)) return data;
  return located.right.reduce<JsonValue>((acc, field) => withValueAt(acc, field.path, ERASED), data);
};

/** The paths each rule applies at: the record itself, or each element of its `each` array. */
const baseEntries = (data: JsonValue, rule: PersonalDataRule, issues: ValidationIssue[]): JsonPath[] => {
  if (rule.each === undefined) return [[]];
  const at = parseJsonPath(rule.each);
  const list = valueAt(data, at);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    issues.push({ path: showJsonPath(at), message: 'expected a list of people' });
    return [];
  }
  return list.map((_, index) => [...at, String(index)]);
};
