import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@adal/source'] },
  ssr: { resolve: { conditions: ['@adal/source'] } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
