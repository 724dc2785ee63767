import { type Claims, type JwtSigner } from '../keys';

/** How long a verified token is trusted without verifying it again (PostgREST's `jwt-cache-max-lifetime`). */
const MAX_LIFETIME_MS = 3_600_000;
const MAX_ENTRIES = 1_000;

/**
 * PostgREST's JWT cache: a token verified once is not verified again on every request until it
 * expires or the cache's lifetime ends. Signature checks through WebCrypto were the largest CPU
 * cost of a request here (about 2 ms each). Only valid tokens are kept, and an entry past the
 * token's `exp` is verified again, so an expired token is refused as before.
 */
export class JwtCache {
  private readonly entries = new Map<string, { claims: Claims; until: number }>();

  constructor(private readonly signer: JwtSigner) {}

  async verify(token: string): Promise<Claims> {
    const now = Date.now();
    const cached = this.entries.get(token);
    if (cached && now < cached.until) return cached.claims;
    // Past its time the token is verified again, which answers "JWT expired" once it is.
    this.entries.delete(token);
    const claims = await this.signer.verify(token);
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    // The oldest entry makes room: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { claims, until: Math.min(now + MAX_LIFETIME_MS, exp) });
    return claims;
  }
}
