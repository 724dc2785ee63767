import type { Platform } from '@parity/contract';
import { ConvexHttpClient } from 'convex/browser';
import { getFunctionName } from 'convex/server';
import { api, internal } from '../convex/_generated/api';
import { signUpArgs, tokenOf } from './auth';
import { mapErrors } from '../src/data/contract-errors';
import { createClient } from './client';

/** The deployment, and the admin key that may run its internal reset. */
export interface DeploymentTarget {
  url: string;
  adminKey: string;
}

/**
 * Runs the internal reset with the deployment's admin key through the HTTP API
 * (`Authorization: Convex <key>`, as the dashboard and CLI call internal functions). Returns
 * whether documents remain.
 */
async function resetBatch({ url, adminKey }: DeploymentTarget): Promise<boolean> {
  const response = await fetch(`${url}/api/mutation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Convex ${adminKey}` },
    body: JSON.stringify({
      path: getFunctionName(internal.testing.resetDomainTables),
      args: {},
      format: 'json',
    }),
  });
  const body = (await response.json().catch(() => null)) as {
    status?: string;
    value?: unknown;
    errorMessage?: string;
  } | null;
  if (body?.status !== 'success' || typeof body.value !== 'boolean') {
    throw new Error(`Reset failed (${response.status}): ${body?.errorMessage ?? JSON.stringify(body)}`);
  }
  return body.value;
}

/**
 * The contract against a deployment — a real one, or tooling/convex-offline — through the real
 * ConvexHttpClient. Each sign-up goes through Convex Auth's signIn action, as the app's form does,
 * and the client then carries the token it returned. reset() runs the internal reset mutation over
 * the HTTP API with the deployment's admin key.
 */
export function createDeploymentPlatform(target: DeploymentTarget): Promise<Platform> {
  const { url } = target;
  return Promise.resolve({
    name: 'convex',
    async reset() {
      while (await resetBatch(target));
    },
    anonymous: () => createClient(new ConvexHttpClient(url)),
    async signUp(account) {
      const client = new ConvexHttpClient(url);
      client.setAuth(tokenOf(await mapErrors(client.action(api.auth.signIn, signUpArgs(account)))));
      return createClient(client);
    },
    async close() {},
  });
}

/** A deployment named by the environment: CONVEX_URL with CONVEX_SELF_HOSTED_ADMIN_KEY (or a deploy key). */
export function deploymentFromEnv(): DeploymentTarget | undefined {
  const url = process.env.CONVEX_URL;
  if (!url) return undefined;
  const adminKey = process.env.CONVEX_SELF_HOSTED_ADMIN_KEY ?? process.env.CONVEX_DEPLOY_KEY;
  if (!adminKey) {
    throw new Error(
      'CONVEX_URL is set without an admin key: set CONVEX_SELF_HOSTED_ADMIN_KEY or CONVEX_DEPLOY_KEY so the contract can reset it',
    );
  }
  return { url, adminKey };
}
