import { ConvexHttpClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { offline, post, RawSyncClient, signToken } from './helpers';

const INVALID =
  "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.";
const whoami = makeFunctionReference<'query'>('messages:whoami');

function tampered(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url');
  return [header, forged, signature].join('.');
}

const badTokens: [string, () => Promise<string>][] = [
  ['tampered', async () => tampered(await signToken('ada'))],
  ['expired', () => signToken('ada', { exp: Math.floor(Date.now() / 1000) - 10 })],
  ['from another issuer', () => signToken('ada', { iss: 'https://issuer.example.com' })],
  ['for another audience', () => signToken('ada', { aud: 'someone-else' })],
];

// Every token is checked against auth.config.ts: issuer, audience, expiry and the signature from
// the keys the issuer publishes (the fixture's customJwt provider, its JWKS on the site URL).
describe('auth as a deployment does it', () => {
  it('a valid token is the user, over HTTP and the WebSocket', async () => {
    const client = new ConvexHttpClient(offline().url);
    client.setAuth(await signToken('ada'));
    expect(await client.query(whoami, {})).toBe('ada');
    const raw = await RawSyncClient.open();
    raw.send({ type: 'Authenticate', tokenType: 'User', value: await signToken('bob'), baseVersion: 0 });
    raw.send({
      type: 'ModifyQuerySet',
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: 'Add', queryId: 1, udfPath: 'messages:whoami', args: [{}] }],
    });
    await raw.next();
    expect(await raw.next()).toMatchObject({ modifications: [{ value: 'bob' }] });
    raw.close();
  });

  it('no token is the anonymous caller', async () => {
    expect(await new ConvexHttpClient(offline().url).query(whoami, {})).toBeNull();
  });

  it.each(badTokens)('a token %s is refused over HTTP with 401 Unauthenticated', async (_case, token) => {
    const response = await post(
      '/api/query',
      { path: 'messages:whoami', args: [{}], format: 'convex_encoded_json' },
      { authorization: `Bearer ${await token()}` },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'Unauthenticated', message: INVALID });
  });

  it.each(badTokens)(
    'a token %s gets an AuthError on the WebSocket and the identity stays as it was',
    async (_case, token) => {
      const client = await RawSyncClient.open();
      client.send({ type: 'Authenticate', tokenType: 'User', value: await token(), baseVersion: 0 });
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
        modifications: [{ type: 'Add', queryId: 1, udfPath: 'messages:whoami', args: [{}] }],
      });
      expect(await client.next()).toMatchObject({
        endVersion: { identity: 0 },
        modifications: [{ value: null }],
      });
      client.close();
    },
  );

  it('a token that expires while connected ends the session with an AuthError', async () => {
    const client = await RawSyncClient.open();
    const exp = Math.floor(Date.now() / 1000) + 2;
    client.send({
      type: 'Authenticate',
      tokenType: 'User',
      value: await signToken('ada', { exp }),
      baseVersion: 0,
    });
    expect(await client.next()).toMatchObject({ type: 'Transition', endVersion: { identity: 1 } });
    expect(await client.next(5_000)).toEqual({
      type: 'AuthError',
      error: 'Token expired',
      baseVersion: 1,
      authUpdateAttempted: false,
    });
  });

  it('the admin key may run internal functions; a wrong admin key is refused', async () => {
    const run = (key: string) =>
      post(
        '/api/function',
        { path: 'messages:reset', args: {}, format: 'convex_encoded_json' },
        { authorization: `Convex ${key}` },
      );
    expect(await (await run(offline().adminKey)).json()).toEqual({
      status: 'success',
      value: null,
      logLines: [],
    });
    const refused = await run('convex-offline|wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'BadAdminKey' });
  });
});
