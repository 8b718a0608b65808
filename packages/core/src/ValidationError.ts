import type * as t from 'io-ts/lib/index.js';

/**
 * One problem found in an input: where it is (`reporter.region`, `items.2.amount`) and what is wrong.
 *
 * @category model
 * @since 0.1.0
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Bad input, refused before anything is stored. `message` is ready to show as it is: one line per issue,
 * each `path: problem`.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ValidationError {
  readonly _tag: 'ValidationError';
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
}

/**
 * Builds a {@link ValidationError} from issues; the message lists each as `path: problem`.
 *
 * @example
 * import { validationError } from '@adal/core';
 * validationError([{ path: 'region', message: 'expected a region code, got "KZ-99"' }]).message;
 * // 'region: expected a region code, got "KZ-99"'
 *
 * @category constructors
 * @since 0.1.0
 */
export const validationError = (issues: readonly ValidationIssue[]): ValidationError => ({
  _tag: 'ValidationError',
  message: issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('\n'),
  issues,
});

/**
 * Turns io-ts decoding errors into readable issues: `path: expected X, got Y`, one per distinct problem.
 * Union members' indexes are left out of the path, so a field inside one arm of a union reads as the
 * field itself.
 *
 * @example
 * import * as t from 'io-ts';
 * import { reportErrors } from '@adal/core';
 * const result = t.type({ amount: t.number }).decode({ amount: 'ten' });
 * if (result._tag === 'Left') reportErrors(result.left);
 * // [{ path: 'amount', message: 'expected number, got "ten"' }]
 *
 * @category reporting
 * @since 0.1.0
 */
export const reportErrors = (errors: t.Errors): ValidationIssue[] => {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of pruneUnions(errors)) {
    const issue = describe(error);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
};

/**
 * Turns io-ts decoding errors into a {@link ValidationError}.
 *
 * @category reporting
 * @since 0.1.0
 */
export const toValidationError = (errors: t.Errors): ValidationError => validationError(reportErrors(errors));

const describe = (error: t.ValidationError): ValidationIssue => {
  const keys: string[] = [];
  error.context.forEach((entry, index) => {
    if (index === 0 || entry.key === '') return;
    const parent = error.context[index - 1];
    // The arms of unions and intersections are numbered by io-ts; those numbers are not part of the input.
    if (parent !== undefined && isCombinator(parent.type)) return;
    keys.push(entry.key);
  });
  const path = keys.join('.');
  const last = error.context[error.context.length - 1];
  const message =
    error.message ??
    `expected ${last === undefined ? 'a valid value' : last.type.name}, got ${show(error.value)}`;
  return { path, message };
};

/**
 * A union of tagged objects fails in every arm when the input is bad; only the arm whose tag matched says
 * something useful. Arms refused for their tag are dropped; if every arm was, one issue lists the tags.
 */
const pruneUnions = (errors: readonly t.ValidationError[], start = 0): t.ValidationError[] => {
  const kept: t.ValidationError[] = [];
  const groups = new Map<string, { depth: number; errors: t.ValidationError[] }>();
  for (const error of errors) {
    const depth = error.context.findIndex(
      (entry, i) => i >= start && i < error.context.length - 1 && tagOf(entry.type) === 'UnionType',
    );
    if (depth < 0) {
      kept.push(error);
      continue;
    }
    const key = `${depth}\u0000${error.context
      .slice(0, depth + 1)
      .map((entry) => entry.key)
      .join('.')}`;
    const group = groups.get(key) ?? { depth, errors: [] };
    group.errors.push(error);
    groups.set(key, group);
  }
  for (const { depth, errors: group } of groups.values()) {
    const arms = new Map<string, t.ValidationError[]>();
    for (const error of group) {
      const arm = error.context[depth + 1]?.key ?? '';
      arms.set(arm, [...(arms.get(arm) ?? []), error]);
    }
    const tagMismatch = (error: t.ValidationError) =>
      error.context.length === depth + 3 && tagOf(error.context[depth + 2]?.type) === 'LiteralType';
    const live = [...arms.values()].filter((armErrors) => !armErrors.some(tagMismatch));
    if (live.length > 0 && live.length < arms.size) {
      kept.push(...pruneUnions(live.flat(), depth + 2));
      continue;
    }
    const mismatches = [...arms.values()].map((armErrors) => armErrors.find(tagMismatch));
    const first = mismatches[0];
    if (
      live.length === 0 &&
      first !== undefined &&
      mismatches.every((m) => m !== undefined && m.context[depth + 2]?.key === first.context[depth + 2]?.key)
    ) {
      const expected = mismatches.map((m) => m?.context[depth + 2]?.type.name ?? '').join(' | ');
      kept.push({ ...first, message: `expected ${expected}, got ${show(first.value)}` });
      continue;
    }
    kept.push(...group);
  }
  return kept;
};

const tagOf = (type: t.Decoder<unknown, unknown> | undefined): unknown =>
  type === undefined ? undefined : (type as { readonly _tag?: unknown })._tag;

const isCombinator = (type: t.Decoder<unknown, unknown>): boolean => {
  // Refinements (brands included), readonly, exact and recursive codecs validate through their inner codec
  // in the same context, so a union wrapped in one of them numbers its arms under the wrapper's entry.
  let current: unknown = type;
  for (;;) {
    const tag = (current as { readonly _tag?: unknown } | undefined)?._tag;
    if (tag === 'UnionType' || tag === 'IntersectionType') return true;
    if (tag !== 'RefinementType' && tag !== 'ReadonlyType' && tag !== 'ExactType' && tag !== 'RecursiveType')
      return false;
    current = (current as { readonly type?: unknown }).type;
  }
};

const show = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
