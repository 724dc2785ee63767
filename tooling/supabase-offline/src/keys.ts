import { errors, jwtVerify, type JWTPayload, SignJWT } from 'jose';

export type Claims = JWTPayload & { role?: string; email?: string; session_id?: string };

export class JwtInvalidError extends Error {
  constructor(
    message: string,
    readonly expired: boolean,
  ) {
    super(message);
  }
}

/** HS256 JWTs signed with the project's JWT secret, as Supabase signs its keys and sessions. */
export class JwtSigner {
  private readonly key: Uint8Array;

  constructor(readonly secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: Claims, expiresInSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(this.key);
  }

  /** An API key: exactly the given claims, nothing derived from the clock. */
  signApiKey(claims: Claims & { role: string; exp: number }): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(this.key);
  }

  async verify(token: string): Promise<Claims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      return payload as Claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new JwtInvalidError('JWT expired', true);
      if (error instanceof errors.JOSEError) throw new JwtInvalidError(error.message, false);
      throw error;
    }
  }
}

// The claims of the Supabase CLI's local keys (no iat, a fixed exp): the same secret always gives
// the same keys, so an app's committed local env stays valid across restarts of the dev stack.
const apiKeyClaims = (role: string) => ({ iss: 'supabase-demo', role, exp: 1983812996 });

/** The anon and service_role API keys: long-lived JWTs carrying only a role, like Supabase's. */
export async function createApiKeys(signer: JwtSigner): Promise<{ anonKey: string; serviceRoleKey: string }> {
  const [anonKey, serviceRoleKey] = await Promise.all([
    signer.signApiKey(apiKeyClaims('anon')),
    signer.signApiKey(apiKeyClaims('service_role')),
  ]);
  return { anonKey, serviceRoleKey };
}
