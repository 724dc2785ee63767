import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, type SignedIn, signedInUser } from './clients';

let author: SignedIn;

beforeAll(async () => {
  author = await signedInUser('Rpc Author');
  await author.client.from('posts').insert([
    { author_id: author.userId, title: 'First', published: true },
    { author_id: author.userId, title: 'Second', published: true },
  ]);
});

describe('PostgREST rpc', () => {
  it('calls a function with named JSON arguments and returns its scalar', async () => {
    expect(await anonClient().rpc('add_numbers', { a: 2, b: 3 })).toMatchObject({
      data: 5,
      error: null,
      status: 200,
    });
  });

  it('omits arguments that have defaults', async () => {
    expect((await anonClient().rpc('add_numbers', { a: 1 })).data).toBe(11);
  });

  it('returns json, evaluated as the request role with its JWT claims, logged in as authenticator', async () => {
    const { data } = await author.client.rpc('whoami');
    expect(data).toEqual({
      role: 'authenticated',
      sub: author.userId,
      db_role: 'authenticated',
      login: 'authenticator',
    });
    expect((await anonClient().rpc('whoami')).data).toEqual({
      role: 'anon',
      sub: null,
      db_role: 'anon',
      login: 'authenticator',
    });
    expect((await serviceClient().rpc('whoami')).data).toMatchObject({
      db_role: 'service_role',
      login: 'authenticator',
    });
  });

  it('a set-returning function takes select, filters and order like a table', async () => {
    const { data } = await anonClient()
      .rpc('posts_by_author', { author: author.userId })
      .select('title')
      .order('title', { ascending: false });
    expect(data).toEqual([{ title: 'Second' }, { title: 'First' }]);
    const filtered = await anonClient()
      .rpc('posts_by_author', { author: author.userId })
      .eq('title', 'First')
      .select('title, author:users!author_id(name)');
    expect(filtered.data).toEqual([{ title: 'First', author: { name: 'Rpc Author' } }]);
  });

  it('a function returning setof a scalar returns an array', async () => {
    expect((await anonClient().rpc('item_names', { min_score: 50 })).data).toEqual([
      'Epsilon',
      'zeta, the sixth',
    ]);
  });

  it('a function returning a table returns rows', async () => {
    const { data } = await anonClient().rpc('item_summary').order('category');
    expect(data).toEqual([
      { category: 'a', total: 2 },
      { category: 'b', total: 2 },
      { category: 'c', total: 1 },
    ]);
  });

  it('passes arrays as array arguments', async () => {
    expect((await anonClient().rpc('tagged', { tag_names: ['news', 'tech', 'nope'] })).data).toBe(2);
  });

  it('a void function answers 204 with no data', async () => {
    expect(await anonClient().rpc('touch_nothing')).toMatchObject({ data: null, error: null, status: 204 });
  });

  it('a function returning a row returns one object; its write runs under RLS as the caller', async () => {
    const { data, error } = await author.client.rpc('create_draft', { title: 'Via rpc' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ title: 'Via rpc', author_id: author.userId, published: false });
  });

  it('a function the role may not execute is 42501: 401 for anon', async () => {
    const { error, status } = await anonClient().rpc('create_draft', { title: 'Nope' });
    expect(status).toBe(401);
    expect(error).toMatchObject({ code: '42501' });
  });

  it('RAISE EXCEPTION is P0001 with 400, message and hint', async () => {
    const { error, status } = await anonClient().rpc('fail_with', { message: 'nothing to see' });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'P0001', message: 'nothing to see', hint: 'raised on purpose' });
  });

  it('a PTxyz SQLSTATE answers with HTTP status xyz', async () => {
    const { error, status } = await anonClient().rpc('fail_teapot');
    expect(status).toBe(418);
    expect(error).toMatchObject({ code: 'PT418', message: 'I am a teapot' });
  });

  it('an unknown function, or unknown arguments, is PGRST202 with 404', async () => {
    const missing = await anonClient().rpc('no_such_function');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'PGRST202' });
    const wrongArgs = await anonClient().rpc('add_numbers', { x: 1 });
    expect(wrongArgs.error).toMatchObject({ code: 'PGRST202' });
  });

  it('calls with GET and query-string arguments', async () => {
    expect((await anonClient().rpc('add_numbers', { a: 4, b: 5 }, { get: true })).data).toBe(9);
  });

  it('GET runs read-only: a function that writes is 25006 with 405', async () => {
    const { error, status } = await author.client.rpc('create_draft', { title: 'Via GET' }, { get: true });
    expect(status).toBe(405);
    expect(error).toMatchObject({ code: '25006' });
  });
});
