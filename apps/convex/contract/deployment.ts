import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Platform } from '@parity/contract';
import { ConvexHttpClient } from 'convex/browser';
import { api } from '../convex/_generated/api';
import { signUpArgs, tokenOf } from './auth';
import { mapErrors } from '../src/data/contract-errors';
import { createClient } from './client';

const run = promisify(execFile);
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * The contract against a real deployment. Each sign-up goes through Convex Auth's signIn
 * action, as the app's form does, and the client then carries the token it returned. reset()
 * runs the internal reset mutation through the Convex CLI, which holds the deployment's admin
 * rights.
 */
export async function createDeploymentPlatform(url: string): Promise<Platform> {
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
      client.setAuth(tokenOf(await mapErrors(client.action(api.auth.signIn, signUpArgs(account)))));
      return createClient(client);
    },
    async close() {},
  };
}
