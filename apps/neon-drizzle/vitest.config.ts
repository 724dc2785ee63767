import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'neon-drizzle',
    include: ['contract/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./contract/local-stack.ts'],
    // Every file shares the one database (and resets it), so files run one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
