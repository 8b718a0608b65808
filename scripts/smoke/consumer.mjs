// The ES module consumer of the pack smoke test: every entry point is loaded with `import`, as a plain
// Node ESM application loads it (no bundler, no loader, no custom condition).
import { fileURLToPath } from 'node:url';
import runChecks from './checks.cjs';

const failed = await runChecks({
  mode: 'esm',
  load: (specifier) => import(specifier),
  resolve: (specifier) => fileURLToPath(import.meta.resolve(specifier)),
});
process.exitCode = failed > 0 ? 1 : 0;
