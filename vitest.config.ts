import { defineConfig } from 'vitest/config';
import SummaryReporter from './scripts/summaryReporter.js';

// One run from the root covers every package: each package is a vitest project, and its tests resolve the
// workspace packages through the "@adal/source" export condition (their src, no build needed).
export default defineConfig({
  resolve: { conditions: ['@adal/source'] },
  ssr: { resolve: { conditions: ['@adal/source'] } },
  test: {
    projects: ['packages/*', 'examples/*', 'docs', 'benchmarks'],
    reporters: ['default', new SummaryReporter()],
  },
});
