import { generateKeyPairSync } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// Convex Auth signs its session tokens with JWT_PRIVATE_KEY and names CONVEX_SITE_URL as their
// issuer; a deployment holds both (README), convex-test gets a fresh key for each run.
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'convex',
          include: ['contract/contract.test.ts', 'test/*.test.ts'],
          // convex-test runs the real function code in Convex's runtime shape (no Node globals).
          environment: 'edge-runtime',
          server: { deps: { inline: ['convex-test'] } },
          env: {
            // The contract empties the tables before every test (convex/testing.ts).
            PARITY_ALLOW_RESET: 'true',
            JWT_PRIVATE_KEY: privateKey,
            CONVEX_SITE_URL: 'http://127.0.0.1:3211',
            AUTH_LOG_LEVEL: 'ERROR',
          },
        },
      },
      {
        // The same functions behind tooling/convex-offline, through the real clients and protocol.
        test: {
          name: 'convex-offline',
          include: ['test/offline/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/offline/global-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
