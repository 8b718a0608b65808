// The CommonJS consumer of the pack smoke test: every entry point is loaded with `require`.
'use strict';

const runChecks = require('./checks.cjs');

runChecks({
  mode: 'cjs',
  load: async (specifier) => require(specifier),
  resolve: (specifier) => require.resolve(specifier),
}).then(
  (failed) => {
    process.exitCode = failed > 0 ? 1 : 0;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
