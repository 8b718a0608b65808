/**
 * A command refused by a rule of the domain. `_tag` is the rule's name (`OneExtensionOnly`,
 * `RecoveryAboveDamageNeedsReason`, …), so a portal can switch on it; `message` says it in a sentence that
 * can be shown as it is.
 *
 * @category domain
 * @since 0.1.0
 */
export interface RuleBroken<Rule extends string> {
  readonly _tag: Rule;
  readonly message: string;
}

/**
 * Builds a {@link RuleBroken}.
 *
 * @example
 * import { ruleBroken } from '@adal/core';
 * ruleBroken('OneExtensionOnly', 'the deadline was already extended once');
 *
 * @category domain
 * @since 0.1.0
 */
export const ruleBroken = <Rule extends string>(rule: Rule, message: string): RuleBroken<Rule> => ({
  _tag: rule,
  message,
});

/**
 * A command that the aggregate's current status does not take (answering a closed report, starting a
 * cancelled measure). The state machine is a rule too: this names it.
 *
 * @category domain
 * @since 0.1.0
 */
export interface NotAllowedInStatus<Status extends string = string> {
  readonly _tag: 'NotAllowedInStatus';
  readonly command: string;
  readonly status: Status;
  readonly message: string;
}

/**
 * Builds a {@link NotAllowedInStatus}.
 *
 * @category domain
 * @since 0.1.0
 */
export const notAllowedInStatus = <Status extends string>(
  command: string,
  status: Status,
): NotAllowedInStatus<Status> => ({
  _tag: 'NotAllowedInStatus',
  command,
  status,
  message: `${command} is not allowed while the status is ${status}`,
});
