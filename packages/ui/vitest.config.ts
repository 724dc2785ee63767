import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ui',
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // turbo runs every package's tests at once on two cores; jsdom tests slow down a lot then.
    testTimeout: 20_000,
  },
});
