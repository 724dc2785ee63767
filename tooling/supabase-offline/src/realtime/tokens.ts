import { decodeJwt, errors } from 'jose';
import { type Claims, type JwtSigner } from '../keys';

export type RealtimeClaims = Claims & { role: string; exp: number };

export type TokenCheck =
  | { ok: true; claims: RealtimeClaims }
  /** `reason` is Realtime's `Code: message` (join replies); `message` alone goes in system events. */
  | { ok: false; reason: string; message: string };

const failure = (code: string, message: string): TokenCheck => ({
  ok: false,
  reason: `${code}: ${message}`,
  message,
});

/** Verifies a channel's access token as Realtime does, with its error codes and messages. */
export async function checkToken(token: string, signer: JwtSigner): Promise<TokenCheck> {
  try {
    // HS256 with the JWT secret or ES256 with the project's signing key, as GoTrue issued it.
    const claims = await signer.verifyWithJose(token);
    if (typeof claims.role !== 'string' || typeof claims.exp !== 'number') {
      return failure('InvalidJWTToken', 'Fields `role` and `exp` are required in JWT');
    }
    return { ok: true, claims: claims as RealtimeClaims };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return failure('InvalidJWTToken', expiredMessage(token));
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
      return failure('JwtSignatureError', 'Failed to validate JWT signature');
    }
    if (error instanceof errors.JOSEError) {
      return failure('MalformedJWT', 'The token provided is not a valid JWT');
    }
    throw error;
  }
}

export function expiredMessage(token: string): string {
  const { exp = 0 } = decodeJwt(token);
  return `Token has expired ${Math.max(0, Math.floor(Date.now() / 1000) - exp)} seconds ago`;
}
