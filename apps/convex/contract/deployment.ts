import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Platform } from '@parity/contract';
import { ConvexHttpClient } from 'convex/browser';
import { api } from '../convex/_generated/api';
import { createClient, mapErrors } from './client';
import { testTokenSigner } from './test-jwt';

const run = promisify(execFile);
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set to run the contract against CONVEX_URL (see README)`);
  return value;
}

/**
 * The contract against a real deployment. Each sign-up is a new identity: a JWT signed with the
 * test key whose public half the deployment trusts (convex/auth.config.ts). reset() runs the
 * internal reset mutation through the Convex CLI, which holds the deployment's admin rights.
 */
export async function createDeploymentPlatform(url: string): Promise<Platform> {
  const signIn = await testTokenSigner(
    requiredEnv('PARITY_JWT_ISSUER'),
    requiredEnv('PARITY_JWT_PRIVATE_KEY'),
  );

  return {
    name: 'convex',
    async reset() {
      for (;;) {
        const { stdout } = await run('npx', ['convex', 'run', 'testing:resetDomainTables'], {
          cwd: APP_DIR,
        });
        if (stdout.trim() === 'false') return;
      }
    },
    anonymous: () => createClient(new ConvexHttpClient(url)),
    async signUp(account) {
      const client = new ConvexHttpClient(url);
      client.setAuth(await signIn(crypto.randomUUID()));
      await mapErrors(client.mutation(api.users.signUp, { account }));
      return createClient(client);
    },
    async close() {},
  };
}
