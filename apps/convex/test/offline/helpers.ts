import { ConvexHttpClient } from 'convex/browser';
import { inject } from 'vitest';
import { api } from '../../convex/_generated/api';
import { signUpArgs, tokenOf } from '../../contract/auth';
import { createDeploymentPlatform } from '../../contract/deployment';

/** The local deployment the global setup started. */
export const offline = () => inject('convexOffline');

/** Empties the deployment's tables through the HTTP API, as the contract's reset() does. */
export async function resetDeployment(): Promise<void> {
  await (await createDeploymentPlatform(offline())).reset();
}

/** Signs up through Convex Auth's signIn action and returns the session token. */
export async function signUpToken(email: string, name: string): Promise<string> {
  const client = new ConvexHttpClient(offline().url);
  return tokenOf(await client.action(api.auth.signIn, signUpArgs({ email, name })));
}
