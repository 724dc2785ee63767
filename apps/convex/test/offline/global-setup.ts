import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess } from '@parity/convex-offline/process';
import type { TestProject } from 'vitest/node';
import type { DeploymentTarget } from '../../contract/deployment';

declare module 'vitest' {
  export interface ProvidedContext {
    convexOffline: DeploymentTarget;
  }
}

/**
 * One local deployment (tooling/convex-offline) running this app's functions, for the whole run,
 * with the Convex Auth key pair it generates as `npx @convex-dev/auth` sets one on a deployment.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startConvexOfflineProcess({
    appDir: fileURLToPath(new URL('../..', import.meta.url)),
    // Fault injection on (see "Fault injection" in tooling/convex-offline/README.md) for faults.test.ts.
    faults: true,
    env: {
      // The contract empties the tables before every test (convex/testing.ts).
      PARITY_ALLOW_RESET: 'true',
      AUTH_LOG_LEVEL: 'ERROR',
    },
  });
  project.provide('convexOffline', { url: server.url, adminKey: server.adminKey });
  return () => server.stop();
}
