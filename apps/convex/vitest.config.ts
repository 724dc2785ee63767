import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'convex',
    include: ['contract/**/*.test.ts', 'tests/**/*.test.ts'],
    // convex-test runs the real function code in Convex's runtime shape (no Node globals).
    environment: 'edge-runtime',
    server: { deps: { inline: ['convex-test'] } },
    // The contract empties the tables before every test (convex/testing.ts).
    env: { PARITY_ALLOW_RESET: 'true' },
  },
});
