import type { AuthConfig, UserIdentity } from 'convex/server';
import {
  createRemoteJWKSet,
  errors,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

/** The key pair a deployment holds for Convex Auth (what `npx @convex-dev/auth` would set). */
export async function generateAuthKeys(): Promise<{ JWT_PRIVATE_KEY: string; JWKS: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    JWT_PRIVATE_KEY: await exportPKCS8(privateKey),
    JWKS: JSON.stringify({ keys: [{ use: 'sig', alg: 'RS256', ...jwk }] }),
  };
}

/** What a deployment answers when a token does not verify (HTTP 401, or a sync AuthError). */
export class InvalidTokenError extends Error {
  readonly code = 'Unauthenticated';
}

// The app's own issuer publishes its keys through an HTTP action of this very server, which waits
// its turn behind running functions; jose's default 5 s would time out under load.
const JWKS_FETCH = { timeoutDuration: 30_000 } as const;

const INVALID_TOKEN =
  "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.";

interface Issuer {
  issuer: string;
  audience: string | undefined;
  keys: JWTVerifyGetKey;
}

// Standard claims that become the identity's own fields or are only about the token itself.
const TOKEN_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti']);

/**
 * Verifies tokens as a deployment does against auth.config.ts: the issuer must be a configured
 * provider, the audience its applicationID, the signature one of the keys the provider publishes
 * (found by OpenID discovery, or the customJwt provider's `jwks`), and the token unexpired.
 */
export class TokenVerifier {
  private issuers: Promise<Issuer[]> | undefined;

  constructor(private readonly config: () => Promise<AuthConfig>) {}

  /** Called when the functions (and so auth.config.ts) reload. */
  reset(): void {
    this.issuers = undefined;
  }

  async verify(token: string): Promise<{ identity: Partial<UserIdentity>; expiresAt: number | undefined }> {
    for (const issuer of await this.loadIssuers()) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, issuer.keys, {
          issuer: issuer.issuer,
          audience: issuer.audience,
          algorithms: ['RS256', 'ES256'],
        }));
      } catch (error) {
        // A token this issuer does not vouch for: try the next. Failing to reach the issuer's keys
        // is the server's problem, not the token's, and is not reported as a bad token.
        if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) continue;
        throw error;
      }
      return { identity: identityOf(payload), expiresAt: payload.exp && payload.exp * 1000 };
    }
    throw new InvalidTokenError(INVALID_TOKEN);
  }

  private loadIssuers(): Promise<Issuer[]> {
    this.issuers ??= this.config().then((config) => Promise.all(config.providers.map(toIssuer)));
    // A failed discovery (site not up yet) is retried on the next token rather than remembered.
    this.issuers.catch(() => (this.issuers = undefined));
    return this.issuers;
  }
}

async function toIssuer(provider: AuthConfig['providers'][number]): Promise<Issuer> {
  if ('type' in provider && provider.type === 'customJwt') {
    return {
      issuer: provider.issuer,
      audience: provider.applicationID ?? undefined,
      keys: createRemoteJWKSet(new URL(provider.jwks), JWKS_FETCH),
    };
  }
  const { domain, applicationID } = provider as { domain: string; applicationID: string };
  const discovery = await fetch(new URL('.well-known/openid-configuration', withSlash(domain)));
  if (!discovery.ok) throw new Error(`OpenID discovery at ${domain} answered ${discovery.status}`);
  const { issuer, jwks_uri } = (await discovery.json()) as { issuer: string; jwks_uri: string };
  return { issuer, audience: applicationID, keys: createRemoteJWKSet(new URL(jwks_uri), JWKS_FETCH) };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

// The UserIdentity a deployment derives from verified claims: tokenIdentifier is `iss|sub`.
function identityOf(payload: JWTPayload): Partial<UserIdentity> {
  const claims = Object.fromEntries(Object.entries(payload).filter(([name]) => !TOKEN_CLAIMS.has(name)));
  return {
    ...claims,
    subject: payload.sub!,
    issuer: payload.iss!,
    tokenIdentifier: `${payload.iss}|${payload.sub}`,
  };
}
