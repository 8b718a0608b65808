import type { RegionCode } from '@adal/core';
import type { Role } from './Role.js';

/**
 * The rules access control refuses by, each named in {@link AccessDenied}:
 *
 * - `RoleNotAllowed`: the command (or query) names no rule for the actor's role;
 * - `RegionScope`: a regional actor acting on, or reading the non-public data of, another region (or the
 *   whole country);
 * - `AuthorRole`: the command says who issues it (`author`, `flaggedBy`) and the actor's role says otherwise —
 *   a citizen posting as the office, an officer posting as the reporter;
 * - `IssuerKind`: a group member issuing an agency's recommendation, or a head issuing a group's;
 * - `NamedDecider`: an extension names a head or deputy other than the actor;
 * - `OwnDeclaration`: a group member declaring another member's conflict of interest;
 * - `TookPart`: a group member recording a visit they are not listed on.
 *
 * @category access
 * @since 0.1.0
 */
export type AccessRule =
  | 'RoleNotAllowed'
  | 'RegionScope'
  | 'AuthorRole'
  | 'IssuerKind'
  | 'NamedDecider'
  | 'OwnDeclaration'
  | 'TookPart'
  | 'ReceiptsThroughService';

/**
 * A command or query the session's actor may not issue. Nothing was read from the store and nothing was
 * appended. `region` is the actor's (`null` for a national actor), `targetRegion` the region of the stream
 * or of the data asked for (`KZ-00` for a national roadmap, `national` for the whole country's data).
 * `module` and `command` name what was refused: `reports` / `RegisterReport`, `deadlines` / `MarkOverdue`,
 * `readModels` / `deadlineCompliance.byBody`.
 *
 * @category errors
 * @since 0.1.0
 */
export interface AccessDenied {
  readonly _tag: 'AccessDenied';
  readonly rule: AccessRule;
  readonly role: Role;
  readonly region: RegionCode | null;
  readonly module: string;
  readonly command: string;
  readonly targetRegion?: string;
  readonly message: string;
}

/**
 * Builds an {@link AccessDenied}; the message starts with `access denied:` and says why.
 *
 * @category access
 * @since 0.1.0
 */
export const accessDenied = (fields: Omit<AccessDenied, '_tag' | 'message'>, why: string): AccessDenied => ({
  _tag: 'AccessDenied',
  ...fields,
  message: `access denied: ${why}`,
});
