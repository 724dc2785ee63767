import { defineConfig } from 'vitest/config';

// The same suites once per driver (src/data/client.ts § NeonDriver): the setting is NEON_DRIVER.
const drivers = ['websocket', 'http'] as const;

export default defineConfig({
  test: {
    globalSetup: ['./contract/local-stack.ts'],
    // Every file of both projects shares the one database (and resets it): one file at a time.
    fileParallelism: false,
    projects: drivers.map((driver) => ({
      test: {
        name: `neon-drizzle ${driver}`,
        include: ['contract/**/*.test.ts', 'test/**/*.test.ts'],
        env: { NEON_DRIVER: driver },
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
