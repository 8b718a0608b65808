import type * as t from 'io-ts/lib/index.js';
import { boundedText } from '../primitives.js';

/**
 * The id of a data subject: the person whose personal data a field holds, and whose key encrypts it. A
 * pseudonymous id chosen by the portal (never a name or an IIN), 1 to 200 characters, unique across every
 * kind of person the office records (citizens and officers alike), because forgetting works by this id.
 *
 * @example
 * import { SubjectId } from '@adal/core';
 * SubjectId.decode('citizen-0190f3c2')._tag; // 'Right'
 *
 * @category personal data
 * @since 0.1.0
 */
export const SubjectId: t.Type<string, string, unknown> = boundedText(200, 'SubjectId (1 to 200 characters)');
