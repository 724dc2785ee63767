import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_JWT_APPLICATION_ID, TEST_JWT_KEY_ID } from '../convex/auth.config';
import { generateTestKeys, testTokenSigner } from '../contract/test-jwt';

// No deployment is reachable here, so check the deployment path's tokens against the JWKS the
// deployment would be given, as Convex's customJwt provider checks them.
describe('tokens for running the contract against a deployment', () => {
  it('verify with the JWKS data URL, for the issuer and application id of auth.config.ts', async () => {
    const issuer = 'https://parity-contract.invalid';
    const { jwksDataUrl, privateKeyPem } = await generateTestKeys();
    const token = await (await testTokenSigner(issuer, privateKeyPem))('member-1');

    const [, base64] = jwksDataUrl.split('base64,');
    const jwks = JSON.parse(atob(base64!)) as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer,
      audience: TEST_JWT_APPLICATION_ID,
      algorithms: ['RS256'],
    });
    expect(payload.sub).toBe('member-1');
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: TEST_JWT_KEY_ID, typ: 'JWT' });
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('auth.config.ts trusts that key only when the deployment sets issuer and JWKS', async () => {
    vi.stubEnv('PARITY_JWT_ISSUER', undefined);
    vi.stubEnv('PARITY_JWKS', undefined);
    expect((await import('../convex/auth.config')).default.providers).toEqual([]);
    const { jwksDataUrl } = await generateTestKeys();
    vi.stubEnv('PARITY_JWT_ISSUER', 'https://parity-contract.invalid');
    vi.stubEnv('PARITY_JWKS', jwksDataUrl);
    vi.resetModules();
    expect((await import('../convex/auth.config')).default.providers).toEqual([
      {
        type: 'customJwt',
        applicationID: TEST_JWT_APPLICATION_ID,
        issuer: 'https://parity-contract.invalid',
        jwks: jwksDataUrl,
        algorithm: 'RS256',
      },
    ]);
  });
});
