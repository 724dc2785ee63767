import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'supabase',
    include: ['test/**/*.test.ts', 'contract/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // One database for every file: the contract suite empties it before each test.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
