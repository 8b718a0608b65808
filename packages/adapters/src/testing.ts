/**
 * `@adal/adapters/testing`: the store contract suite. An adapter proves that it keeps the rules of DESIGN §3
 * by running every case against a factory of its stores:
 *
 * ```ts
 * import { describe, it } from 'vitest';
 * import { describeEventStoreContract } from '@adal/adapters/testing';
 * describeEventStoreContract({ describe, it }, 'my store', async ({ limits }) => ({ store: createMyStore({ limits }) }));
 * ```
 *
 * The cases throw `node:assert` errors, so any runner with `describe` and `it` (vitest, jest, node:test) works.
 *
 * @packageDocumentation
 */
import type { ContractStoreFactory } from './contract/support.js';
import { contractCases } from './contract/cases.js';

export { contractCases } from './contract/cases.js';
export type { ContractCase } from './contract/cases.js';
export { CONTRACT_LIMITS } from './contract/support.js';
export type { ContractStore, ContractStoreFactory } from './contract/support.js';

/**
 * The parts of a test runner the suite needs.
 *
 * @category contract
 * @since 0.1.0
 */
export interface TestRunner {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/**
 * Registers every contract case with the runner, grouped by rule, under `name`.
 *
 * @category contract
 * @since 0.1.0
 */
export const describeEventStoreContract = (
  runner: TestRunner,
  name: string,
  factory: ContractStoreFactory,
  options: { readonly timeoutMs?: number } = {},
): void => {
  runner.describe(`event store contract: ${name}`, () => {
    const rules = [...new Set(contractCases.map((c) => c.rule))];
    for (const rule of rules) {
      runner.describe(rule, () => {
        for (const contractCase of contractCases.filter((c) => c.rule === rule)) {
          runner.it(contractCase.name, () => contractCase.run(factory), options.timeoutMs ?? 30_000);
        }
      });
    }
  });
};
