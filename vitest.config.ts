import { defineConfig } from 'vitest/config';

// One run from the root covers every package: each package is a vitest project, so its tests
// resolve the workspace packages through the "@adal/source" export condition (their src, no build needed).
export default defineConfig({
  resolve: { conditions: ['@adal/source'] },
  ssr: { resolve: { conditions: ['@adal/source'] } },
  test: {
    projects: ['packages/*', 'examples/*'],
  },
});
