import { randomUUID } from 'node:crypto';
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  type JWTPayload,
  SignJWT,
} from 'jose';

export type Claims = JWTPayload & { role?: string; email?: string; session_id?: string };

/** How sessions are signed: `ES256` with a published key, as current projects; `HS256` with the JWT secret, as older ones. */
export type JwtAlgorithm = 'ES256' | 'HS256';

export class JwtInvalidError extends Error {
  constructor(
    message: string,
    readonly expired: boolean,
  ) {
    super(message);
  }
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The project's JWT keys. Access tokens are signed with an asymmetric ES256 key whose public half
 * GoTrue publishes at /auth/v1/.well-known/jwks.json (current Supabase projects), or with the
 * HS256 JWT secret (older projects). The anon and service_role API keys stay HS256 JWTs of the
 * secret, and tokens signed with the secret keep verifying, as after Supabase's key migration.
 */
export class JwtSigner {
  private readonly secretKey: Uint8Array;

  private constructor(
    readonly secret: string,
    private readonly signingKey: SigningKey | null,
  ) {
    this.secretKey = new TextEncoder().encode(secret);
  }

  /**
   * `signingKey`: an ES256 private JWK with its `kid` (what `signingKey()` returned before), so a
   * restarted API keeps verifying the sessions it issued, as a project's keys outlive its restarts;
   * a new key pair when omitted.
   */
  static async create(
    secret: string,
    algorithm: JwtAlgorithm = 'ES256',
    signingKey?: JWK,
  ): Promise<JwtSigner> {
    if (algorithm === 'HS256') return new JwtSigner(secret, null);
    const { privateKey, publicKey } = signingKey
      ? await importSigningKey(signingKey)
      : await generateKeyPair('ES256', { extractable: true });
    const kid = signingKey?.kid ?? randomUUID();
    const publicJwk: JWK = {
      ...(await exportJWK(publicKey)),
      kid,
      alg: 'ES256',
      use: 'sig',
      key_ops: ['verify'],
    };
    return new JwtSigner(secret, { kid, privateKey, publicKey, publicJwk });
  }

  /** The ES256 private key with its `kid`, to start the API again with; none for HS256. */
  async signingJwk(): Promise<JWK | undefined> {
    if (!this.signingKey) return undefined;
    return { ...(await exportJWK(this.signingKey.privateKey)), kid: this.signingKey.kid, alg: 'ES256' };
  }

  sign(claims: Claims, expiresInSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const header = this.signingKey
      ? { alg: 'ES256', kid: this.signingKey.kid, typ: 'JWT' }
      : { alg: 'HS256', typ: 'JWT' };
    return new SignJWT(claims)
      .setProtectedHeader(header)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(this.signingKey?.privateKey ?? this.secretKey);
  }

  /** An API key: exactly the given claims, nothing derived from the clock, signed with the secret. */
  signApiKey(claims: Claims & { role: string; exp: number }): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(this.secretKey);
  }

  /** The public keys GoTrue serves at /.well-known/jwks.json; none for an HS256-only project. */
  jwks(): { keys: JWK[] } {
    return { keys: this.signingKey ? [this.signingKey.publicJwk] : [] };
  }

  /**
   * Verifies with the key the token's header names: the secret for HS256, the signing key (by
   * `kid`) for ES256. Throws jose's errors, for callers that map them to their service's own.
   */
  async verifyWithJose(token: string): Promise<Claims> {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        if (header.alg === 'HS256') return this.secretKey;
        if (header.alg === 'ES256' && this.signingKey && header.kid === this.signingKey.kid)
          return this.signingKey.publicKey;
        throw new errors.JWKSNoMatchingKey();
      },
      { algorithms: ['HS256', 'ES256'] },
    );
    return payload as Claims;
  }

  async verify(token: string): Promise<Claims> {
    try {
      return await this.verifyWithJose(token);
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new JwtInvalidError('JWT expired', true);
      if (error instanceof errors.JOSEError) throw new JwtInvalidError(error.message, false);
      throw error;
    }
  }
}

async function importSigningKey(jwk: JWK): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.kid) {
    throw new Error('signingKey: expected an ES256 (EC P-256) private JWK with a kid');
  }
  const { d: _private, ...publicHalf } = jwk;
  const [privateKey, publicKey] = await Promise.all([
    importJWK(jwk, 'ES256', { extractable: true }),
    importJWK(publicHalf, 'ES256', { extractable: true }),
  ]);
  return { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey };
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
