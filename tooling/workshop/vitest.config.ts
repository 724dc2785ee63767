import { defineConfig } from 'vitest/config';

// Each test runs contract suites in copies of the repository: minutes, not seconds.
export default defineConfig({
  test: { name: 'workshop', include: ['test/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 300_000 },
});
