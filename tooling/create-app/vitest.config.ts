import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Three projects installed, typechecked, contract-tested, built and e2e-tested side by side.
  test: { name: 'create-app', include: ['test/**/*.test.ts'], testTimeout: 20 * 60_000 },
});
