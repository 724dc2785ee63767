import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Platform } from '@parity/contract';
import { ConvexHttpClient } from 'convex/browser';
import { SignJWT, importPKCS8 } from 'jose';
import { api } from '../convex/_generated/api';
import { createClient, mapErrors } from './client';
import { TEST_JWT_APPLICATION_ID, TEST_JWT_KEY_ID } from '../convex/auth.config';

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
  const issuer = requiredEnv('PARITY_JWT_ISSUER');
  const privateKey = await importPKCS8(requiredEnv('PARITY_JWT_PRIVATE_KEY'), 'RS256');

  const signIn = (subject: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: TEST_JWT_KEY_ID, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(TEST_JWT_APPLICATION_ID)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

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
