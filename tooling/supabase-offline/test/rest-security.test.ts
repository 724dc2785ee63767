import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { anonClient, apiUrl, type SignedIn, signedInUser, serviceClient } from './clients';

let alice: SignedIn;
let mallory: SignedIn;
let draftId: string;
let publishedId: string;

beforeAll(async () => {
  [alice, mallory] = await Promise.all([signedInUser('Alice'), signedInUser('Mallory')]);
  const { data } = await alice.client
    .from('posts')
    .insert([
      { author_id: alice.userId, title: 'Alice draft', published: false },
      { author_id: alice.userId, title: 'Alice public', published: true },
    ])
    .select('id, published');
  draftId = data?.find((post) => !post.published)?.id as string;
  publishedId = data?.find((post) => post.published)?.id as string;
});

const sign = (claims: Record<string, unknown>, secret: string, expiresAt: number) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));

async function getItems(token: string): Promise<Response> {
  return fetch(`${apiUrl()}/rest/v1/items?select=id&limit=1`, {
    headers: { apikey: inject('anonKey'), Authorization: `Bearer ${token}` },
  });
}

describe('RLS decides, not the server', () => {
  it('a draft is invisible to anon and to another user, visible to its author', async () => {
    expect((await anonClient().from('posts').select('id').eq('id', draftId)).data).toEqual([]);
    expect((await mallory.client.from('posts').select('id').eq('id', draftId)).data).toEqual([]);
    expect((await alice.client.from('posts').select('id').eq('id', draftId)).data).toEqual([{ id: draftId }]);
  });

  it('the service role bypasses RLS', async () => {
    expect((await serviceClient().from('posts').select('title').eq('id', draftId).single()).data).toEqual({
      title: 'Alice draft',
    });
  });

  it("an update of another user's post matches no row instead of failing", async () => {
    const { data, error } = await mallory.client
      .from('posts')
      .update({ title: 'Hacked' })
      .eq('id', publishedId)
      .select();
    expect(error).toBeNull();
    expect(data).toEqual([]);
    expect((await anonClient().from('posts').select('title').eq('id', publishedId).single()).data).toEqual({
      title: 'Alice public',
    });
  });

  it("a row that fails a policy's WITH CHECK is 42501 with 403 for a signed-in user", async () => {
    const { error, status } = await mallory.client
      .from('posts')
      .insert({ author_id: alice.userId, title: 'Impersonation' });
    expect(status).toBe(403);
    expect(error).toMatchObject({ code: '42501' });
  });

  it('a table without grants is 42501: 401 for anon, 403 for a signed-in user', async () => {
    const anon = await anonClient().from('internal_notes').select('*');
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({ code: '42501' });
    const signedIn = await alice.client.from('internal_notes').select('*');
    expect(signedIn.status).toBe(403);
    expect(signedIn.error).toMatchObject({ code: '42501' });
    expect((await serviceClient().from('internal_notes').select('note')).data).toEqual([{ note: 'secret' }]);
  });

  it('anon writes to a table granted only to authenticated are 401', async () => {
    const { status, error } = await anonClient().from('items').insert({ id: 999_999, name: 'anon' });
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: '42501' });
  });
});

describe('JWT verification', () => {
  it('an expired JWT is 401 PGRST303', async () => {
    const expired = await sign(
      { role: 'authenticated', sub: alice.userId },
      inject('jwtSecret'),
      Math.floor(Date.now() / 1000) - 60,
    );
    const response = await getItems(expired);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('a JWT accepted once (and cached) is refused with PGRST303 once it expires', async () => {
    const shortLived = await sign(
      { role: 'authenticated', sub: alice.userId },
      inject('jwtSecret'),
      Math.floor(Date.now() / 1000) + 2,
    );
    expect((await getItems(shortLived)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const response = await getItems(shortLived);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('a JWT signed with another secret is 401 PGRST301', async () => {
    const forged = await sign(
      { role: 'service_role' },
      'not-the-secret-not-the-secret-00',
      Math.floor(Date.now() / 1000) + 60,
    );
    const response = await getItems(forged);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'PGRST301' });
  });

  it('a role the authenticator cannot switch to is refused by the database', async () => {
    const superuser = await sign(
      { role: 'postgres' },
      inject('jwtSecret'),
      Math.floor(Date.now() / 1000) + 60,
    );
    const response = await getItems(superuser);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.json()).toMatchObject({ code: '42501' });
  });
});

describe('the gateway', () => {
  it("refuses a request without an API key: 401 with the gateway's body, on every service", async () => {
    for (const path of ['rest/v1/items?select=id', 'auth/v1/user', 'rest/v1/rpc/whoami']) {
      const response = await fetch(`${apiUrl()}/${path}`, {
        headers: { Authorization: `Bearer ${alice.accessToken}` },
      });
      expect(response.status, path).toBe(401);
      expect(await response.json(), path).toEqual({
        message: 'No API key found in request',
        hint: 'No `apikey` request header or url param was found.',
      });
    }
  });

  it('refuses a key that is not the anon or service_role key, even a valid user JWT', async () => {
    const response = await fetch(`${apiUrl()}/rest/v1/items?select=id`, {
      headers: { apikey: alice.accessToken },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('takes the key from the apikey query parameter and hides it from PostgREST', async () => {
    const response = await fetch(`${apiUrl()}/rest/v1/items?select=id&id=eq.1&apikey=${inject('anonKey')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ id: 1 }]);
  });
});

describe('PostgREST request errors', () => {
  it('an unknown table is PGRST205 with 404', async () => {
    const { error, status } = await anonClient().from('nope').select('*');
    expect(status).toBe(404);
    expect(error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.nope' in the schema cache",
    });
  });

  it('an unknown column is 42703 with 400', async () => {
    const { error, status } = await anonClient().from('items').select('id, colour');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42703' });
  });

  it('an unknown operator is PGRST100 with 400', async () => {
    const { error, status } = await anonClient().from('items').select('id').filter('id', 'almost', 1);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST100' });
  });

  it('a malformed value for the column type is 22P02 with 400', async () => {
    const { error, status } = await anonClient().from('posts').select('id').eq('id', 'not-a-uuid');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '22P02' });
  });

  it('a schema that is not exposed is PGRST106 with 406', async () => {
    const response = await fetch(`${apiUrl()}/rest/v1/items`, {
      headers: { apikey: inject('anonKey'), 'Accept-Profile': 'auth' },
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ code: 'PGRST106' });
  });

  it('request text never reaches SQL: odd identifiers are unknown names or parse errors', async () => {
    const unknown = await anonClient().from('items').select('id').eq('id;drop_table_items', 1);
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({ code: '42703' });
    const quoted = await anonClient().from('items').select('id').eq('id"; drop table items; --', 1);
    expect(quoted.status).toBe(400);
    expect(quoted.error).toMatchObject({ code: 'PGRST100' });
    expect(
      (await anonClient().from('items').select('id', { count: 'exact', head: true })).count,
    ).toBeGreaterThan(0);
  });
});
