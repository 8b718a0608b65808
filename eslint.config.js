// ESLint checks code, Prettier formats it: eslint-config-prettier comes last and turns off every rule that
// would argue with Prettier. The typescript-eslint rules are the syntactic `strict` set, without type
// information, so a lint of the whole workspace takes seconds.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    name: 'adal/ignores',
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'docs/site/**', '.adal/**', '.tmp/**'],
  },
  js.configs.recommended,
  tseslint.configs.strict,
  {
    name: 'adal/node',
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'adal/typescript',
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      // A leading underscore marks a parameter kept for its position (`(_state, event) => ...`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'adal/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // CommonJS files load their dependencies with require; that is what they are for.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
