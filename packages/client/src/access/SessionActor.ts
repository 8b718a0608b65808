import type { Actor, RegionCode, ValidationError, ValidationIssue } from '@adal/core';
import { boundedText, Region, reportErrors, strict, validationError } from '@adal/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts/lib/index.js';
import { Role } from './Role.js';

/**
 * Who a session acts for: a role, the region the actor works for (absent for a national actor, who works
 * for the whole country), and a pseudonymous id (never a name or an IIN). The actor is recorded in the
 * metadata of every event the session's commands append.
 *
 * A monitoring-group member always belongs to a region's group, so `groupMember` needs a region; the
 * `system` actor (the deadline job) is national and takes none. A citizen may carry a region (where they
 * live), but no rule reads it: citizens report and rate anywhere.
 *
 * @category access
 * @since 0.1.0
 */
export const SessionActor = strict({ role: Role, id: boundedText(100) }, { region: Region }, 'SessionActor');

/**
 * @category access
 * @since 0.1.0
 */
export type SessionActor = t.TypeOf<typeof SessionActor>;

/**
 * What `client.as` takes: a {@link SessionActor} before it is checked, so a portal can pass what its
 * sign-in gave it (the region as a plain string).
 *
 * @category access
 * @since 0.1.0
 */
export interface SessionActorInput {
  readonly role: Role;
  readonly id: string;
  readonly region?: string;
}

/**
 * Checks an actor: a known role, a current region code (an old letter code is refused with its new code),
 * a non-empty id, a region for a group member and none for the system actor. Every problem is named at
 * `actor.<field>`.
 *
 * @example
 * import { sessionActor } from '@adal/client';
 * sessionActor({ role: 'officer', region: 'KZ-71', id: 'officer-12' })._tag; // 'Right'
 * sessionActor({ role: 'officer', region: 'KZ-99', id: 'officer-12' });
 * // Left: actor.region: expected an ISO 3166-2:KZ region code such as "KZ-71", got "KZ-99"
 *
 * @category access
 * @since 0.1.0
 */
export const sessionActor = (input: unknown): E.Either<ValidationError, SessionActor> => {
  const decoded = SessionActor.decode(input);
  if (E.isLeft(decoded)) return E.left(validationError(reportErrors(decoded.left).map(underActor)));
  const actor = decoded.right;
  const issues: ValidationIssue[] = [];
  if (actor.role === 'groupMember' && actor.region === undefined) {
    issues.push({
      path: 'actor.region',
      message: 'a monitoring-group member belongs to a region’s group: give the region',
    });
  }
  if (actor.role === 'system' && actor.region !== undefined) {
    issues.push({
      path: 'actor.region',
      message: 'the system actor is national: leave the region out',
    });
  }
  return issues.length > 0 ? E.left(validationError(issues)) : E.right(actor);
};

const underActor = (issue: ValidationIssue): ValidationIssue => ({
  path: issue.path === '' ? 'actor' : `actor.${issue.path}`,
  message: issue.message,
});

/**
 * The actor as event metadata records it (`{ role, region?, id }`).
 *
 * @category access
 * @since 0.1.0
 */
export const eventActor = (actor: SessionActor): Actor =>
  actor.region === undefined
    ? { role: actor.role, id: actor.id }
    : { role: actor.role, region: actor.region, id: actor.id };

/**
 * The actor's region, or `null` for a national actor.
 *
 * @category access
 * @since 0.1.0
 */
export const regionOf = (actor: SessionActor): RegionCode | null => actor.region ?? null;
