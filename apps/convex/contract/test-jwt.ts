import { SignJWT, exportJWK, exportPKCS8, generateKeyPair, importPKCS8 } from 'jose';
import { TEST_JWT_APPLICATION_ID, TEST_JWT_KEY_ID } from '../convex/auth.config';

/**
 * The contract's own identity provider for a real deployment: a key pair whose public half the
 * deployment trusts as a `customJwt` provider (convex/auth.config.ts), and tokens signed with
 * the private half carrying what Convex requires of a custom JWT (kid, alg, typ; iss, sub, aud,
 * iat, exp).
 */
export async function generateTestKeys(): Promise<{ jwksDataUrl: string; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: TEST_JWT_KEY_ID, alg: 'RS256', use: 'sig' };
  const jwks = btoa(JSON.stringify({ keys: [jwk] }));
  return {
    jwksDataUrl: `data:text/plain;charset=utf-8;base64,${jwks}`,
    privateKeyPem: (await exportPKCS8(privateKey)).trim(),
  };
}

/** Signs a one-hour token for a new identity (`subject`) of the given issuer. */
export async function testTokenSigner(issuer: string, privateKeyPem: string) {
  const privateKey = await importPKCS8(privateKeyPem, 'RS256');
  return (subject: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: TEST_JWT_KEY_ID, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(TEST_JWT_APPLICATION_ID)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
}
