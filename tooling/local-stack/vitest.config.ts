import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test starts real PostgreSQL servers; allow for a busy machine.
  test: { name: 'local-stack', include: ['test/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 90_000 },
});
