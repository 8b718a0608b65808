import * as t from 'io-ts/lib/index.js';

/**
 * Every role a session can be opened for, in the order the access-control guide lists them:
 *
 * - `citizen`: a member of the public, signed in or not (reports, ratings, follow-ups);
 * - `groupMember`: a member of a region's special monitoring group (visits, group recommendations);
 * - `officer`: an officer of a regional anti-corruption office (registers, assigns and answers reports);
 * - `investigator`: runs corruption cases;
 * - `regionalHead`: the head of a regional office or a deputy head (extensions, reopening, approvals);
 * - `analyst`, `auditor`: read the internal figures, issue no command;
 * - `administrator`: manages monitoring groups and roadmaps;
 * - `system`: the deadline job, the only issuer of `MarkOverdue`.
 *
 * @category access
 * @since 0.1.0
 */
export const ROLES = [
  'citizen',
  'groupMember',
  'officer',
  'investigator',
  'regionalHead',
  'analyst',
  'auditor',
  'administrator',
  'system',
] as const;

/**
 * @category access
 * @since 0.1.0
 */
export type Role = (typeof ROLES)[number];

const isRole = (u: unknown): u is Role => typeof u === 'string' && (ROLES as readonly string[]).includes(u);

const show = (u: unknown): string => {
  if (u === undefined) return 'nothing';
  try {
    const text = JSON.stringify(u) ?? String(u);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return Object.prototype.toString.call(u);
  }
};

/**
 * Codec of a {@link Role}; an unknown role is refused with the list of known ones.
 *
 * @example
 * import { Role } from '@adal/client';
 * Role.decode('officer')._tag; // 'Right'
 * Role.decode('mayor')._tag; // 'Left': expected one of citizen, groupMember, …, got "mayor"
 *
 * @category access
 * @since 0.1.0
 */
export const Role = new t.Type<Role, string, unknown>(
  'Role',
  isRole,
  (u, c) =>
    isRole(u) ? t.success(u) : t.failure(u, c, `expected one of ${ROLES.join(', ')}, got ${show(u)}`),
  t.identity,
);
