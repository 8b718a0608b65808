import { defineProject } from 'vitest/config';

// The docs site's test: builds the site with TypeDoc and opens it in Chromium.
export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
