import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { generateAuthKeys } from '../src/auth';
import { startConvexOfflineProcess } from '../src/process';

declare module 'vitest' {
  export interface ProvidedContext {
    convexOffline: { url: string; siteUrl: string; adminKey: string; jwtPrivateKey: string };
  }
}

/**
 * One server for the whole run, with the fixture app (test/fixture/convex), as a developer starts
 * it. The tests get its key pair to sign tokens with, as an app's own issuer would.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const keys = await generateAuthKeys();
  const server = await startConvexOfflineProcess({
    appDir: fileURLToPath(new URL('fixture', import.meta.url)),
    env: keys,
  });
  project.provide('convexOffline', {
    url: server.url,
    siteUrl: server.siteUrl,
    adminKey: server.adminKey,
    jwtPrivateKey: keys.JWT_PRIVATE_KEY,
  });
  return () => server.stop();
}
