import type { Platform } from '@parity/contract';
import { createTestPlatform } from './convex-test';
import { createDeploymentPlatform, deploymentFromEnv } from './deployment';

/**
 * The Convex platform for the contract: convex-test's in-memory backend running the real
 * functions, or a real deployment when CONVEX_URL is set (README: "The contract against a deployment").
 */
export function createPlatform(): Promise<Platform> {
  const deployment = deploymentFromEnv();
  return deployment ? createDeploymentPlatform(deployment) : createTestPlatform();
}
