import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'neon-drizzle',
    include: ['contract/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['./contract/local-stack.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
