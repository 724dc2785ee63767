import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'convex-offline',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One server for all files, and most tests empty its table first: files run one after another.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
