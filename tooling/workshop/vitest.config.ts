import { defineConfig } from 'vitest/config';

// Each test runs contract suites in copies of the repository: minutes, many on a loaded machine.
export default defineConfig({
  test: { name: 'workshop', include: ['test/**/*.test.ts'], testTimeout: 1_800_000, hookTimeout: 300_000 },
});
