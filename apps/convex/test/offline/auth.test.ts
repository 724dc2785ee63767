import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { signUpArgs, tokenOf } from '../../contract/auth';
import { offline, resetDeployment, signUpToken } from './helpers';

// This app's Convex Auth on the local deployment: its tokens are verified through the OpenID
// discovery and JWKS its own HTTP actions publish on the site URL (auth.config.ts). The server's
// auth cases (tampered, expired, foreign issuer or audience, no token) are tested with the server,
// in tooling/convex-offline.
describe("Convex Auth's tokens", () => {
  const clients: ConvexClient[] = [];
  beforeAll(resetDeployment);
  afterEach(async () => Promise.all(clients.splice(0).map((client) => client.close())));

  it('a token from signIn is the user over HTTP', async () => {
    const client = new ConvexHttpClient(offline().url);
    client.setAuth(await signUpToken('ada@example.com', 'Ada'));
    expect(await client.query(api.users.me, {})).toMatchObject({ email: 'ada@example.com' });
  });

  it('signIn over the WebSocket, then the token is the user there too', async () => {
    const client = new ConvexClient(offline().url);
    clients.push(client);
    const token = tokenOf(
      await client.action(api.auth.signIn, signUpArgs({ email: 'bob@example.com', name: 'Bob' })),
    );
    client.setAuth(() => Promise.resolve(token));
    const me = await new Promise((resolve) => {
      client.onUpdate(api.users.me, {}, (user) => user && resolve(user));
    });
    expect(me).toMatchObject({ email: 'bob@example.com' });
  });
});
