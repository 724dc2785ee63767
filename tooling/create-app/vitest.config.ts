import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'create-app',
    include: ['test/**/*.test.ts'],
    // Three projects installed, typechecked, contract-tested, built and e2e-tested side by side: a
    // few minutes on an idle 2-core machine, many more when it is shared. A bound, not a target.
    testTimeout: 60 * 60_000,
    hookTimeout: 60_000,
  },
});
