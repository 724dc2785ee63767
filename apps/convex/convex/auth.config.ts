import type { AuthConfig } from 'convex/server';
import { env } from './_generated/server';

export const TEST_JWT_APPLICATION_ID = 'parity-contract';
export const TEST_JWT_KEY_ID = 'parity-contract';

/**
 * The identity providers this deployment trusts. Until the app adopts Convex Auth, the only one
 * is the contract suite's own key pair (README: "Against a deployment"), configured by the
 * deployment's PARITY_JWT_ISSUER and PARITY_JWKS (a JWKS as a data: URL) environment variables.
 */
export default {
  providers:
    env.PARITY_JWT_ISSUER && env.PARITY_JWKS
      ? [
          {
            type: 'customJwt',
            applicationID: TEST_JWT_APPLICATION_ID,
            issuer: env.PARITY_JWT_ISSUER,
            jwks: env.PARITY_JWKS,
            algorithm: 'RS256',
          },
        ]
      : [],
} satisfies AuthConfig;
