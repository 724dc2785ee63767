import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess } from '@parity/convex-offline/process';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { TestProject } from 'vitest/node';
import type { DeploymentTarget } from '../../contract/deployment';

declare module 'vitest' {
  export interface ProvidedContext {
    convexOffline: DeploymentTarget & { siteUrl: string; jwtPrivateKey: string };
  }
}

/**
 * One local deployment (tooling/convex-offline) running this app's functions, for the whole run.
 * It gets its Convex Auth key pair from here, as `npx @convex-dev/auth` sets one on a deployment,
 * so that the auth tests can sign expired and foreign-issuer tokens with the real key.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwtPrivateKey = await exportPKCS8(privateKey);
  const server = await startConvexOfflineProcess({
    appDir: fileURLToPath(new URL('../..', import.meta.url)),
    // Fault injection on (tooling/convex-offline README § Fault injection) for faults.test.ts.
    faults: true,
    env: {
      // The contract empties the tables before every test (convex/testing.ts).
      PARITY_ALLOW_RESET: 'true',
      AUTH_LOG_LEVEL: 'ERROR',
      JWT_PRIVATE_KEY: jwtPrivateKey,
      JWKS: JSON.stringify({ keys: [{ use: 'sig', alg: 'RS256', ...(await exportJWK(publicKey)) }] }),
    },
  });
  project.provide('convexOffline', {
    url: server.url,
    siteUrl: server.siteUrl,
    adminKey: server.adminKey,
    jwtPrivateKey,
  });
  return () => server.stop();
}
