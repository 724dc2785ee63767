import { generateKeyPairSync } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// Convex Auth under convex-test signs tokens with a fresh key, as in apps/convex/vitest.config.ts.
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export default defineConfig({
  test: {
    name: 'differential',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    server: { deps: { inline: ['convex-test'] } },
    hookTimeout: 180_000,
    env: {
      PARITY_ALLOW_RESET: 'true',
      JWT_PRIVATE_KEY: privateKey,
      CONVEX_SITE_URL: 'http://127.0.0.1:3211',
      AUTH_LOG_LEVEL: 'ERROR',
    },
  },
});
