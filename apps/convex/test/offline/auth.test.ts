import { ConvexHttpClient } from 'convex/browser';
import { getFunctionName } from 'convex/server';
import { decodeJwt, importPKCS8, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { offline, RawSyncClient, resetDeployment, signUpToken } from './helpers';

const INVALID =
  "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.";

let valid: string;
let subject: string;

/** A token like Convex Auth's for the same user, with some claims changed, signed with the deployment's key. */
async function signed(claims: { iss?: string; aud?: string; exp?: number }): Promise<string> {
  const key = await importPKCS8(offline().jwtPrivateKey, 'RS256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(subject)
    .setIssuer(claims.iss ?? offline().siteUrl)
    .setAudience(claims.aud ?? 'convex')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
    .sign(key);
}

function tampered(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: `x${String(claims.sub)}` })).toString(
    'base64url',
  );
  return [header, forged, signature].join('.');
}

const cases = () =>
  [
    ['tampered', () => tampered(valid)],
    ['expired', () => signed({ exp: Math.floor(Date.now() / 1000) - 10 })],
    ['from another issuer', () => signed({ iss: 'https://issuer.example.com' })],
    ['for another audience', () => signed({ aud: 'someone-else' })],
  ] as const;

// Every token is checked against auth.config.ts: issuer, audience, expiry and the signature from
// the keys the issuer publishes (its OpenID discovery on the site URL).
describe('auth as a deployment does it', () => {
  beforeAll(async () => {
    await resetDeployment();
    valid = await signUpToken('ada@example.com', 'Ada');
    subject = decodeJwt(valid).sub!;
  });

  it('a valid token is the user, over HTTP and the WebSocket', async () => {
    const client = new ConvexHttpClient(offline().url);
    client.setAuth(valid);
    expect(await client.query(api.users.me, {})).toMatchObject({ email: 'ada@example.com' });
    expect(await signedClient(await signed({}))).toMatchObject({ email: 'ada@example.com' });
  });

  it('no token is the anonymous caller', async () => {
    expect(await new ConvexHttpClient(offline().url).query(api.users.me, {})).toBeNull();
  });

  it.each(['tampered', 'expired', 'from another issuer', 'for another audience'])(
    'a token %s is refused over HTTP with 401 Unauthenticated',
    async (name) => {
      const token = await cases().find(([caseName]) => caseName === name)![1]();
      const response = await fetch(`${offline().url}/api/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          path: getFunctionName(api.users.me),
          args: [{}],
          format: 'convex_encoded_json',
        }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 'Unauthenticated', message: INVALID });
    },
  );

  it.each(['tampered', 'expired', 'from another issuer', 'for another audience'])(
    'a token %s gets an AuthError on the WebSocket and the identity stays as it was',
    async (name) => {
      const token = await cases().find(([caseName]) => caseName === name)![1]();
      const client = await RawSyncClient.open();
      client.send({ type: 'Authenticate', tokenType: 'User', value: token, baseVersion: 0 });
      expect(await client.next()).toEqual({
        type: 'AuthError',
        error: INVALID,
        baseVersion: 0,
        authUpdateAttempted: true,
      });
      client.send({
        type: 'ModifyQuerySet',
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: 'Add', queryId: 1, udfPath: 'users:me', args: [{}] }],
      });
      expect(await client.next()).toMatchObject({
        endVersion: { identity: 0 },
        modifications: [{ value: null }],
      });
      client.close();
    },
  );

  it('the admin key may run internal functions; a wrong admin key is refused', async () => {
    const run = (key: string) =>
      fetch(`${offline().url}/api/function`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Convex ${key}` },
        body: JSON.stringify({ path: 'testing:resetDomainTables', args: {}, format: 'convex_encoded_json' }),
      });
    expect(await (await run(offline().adminKey)).json()).toEqual({
      status: 'success',
      value: false,
      logLines: [],
    });
    const refused = await run('convex-offline|wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'BadAdminKey' });
  });
});

async function signedClient(token: string): Promise<unknown> {
  const client = new ConvexHttpClient(offline().url);
  client.setAuth(token);
  return client.query(api.users.me, {});
}
