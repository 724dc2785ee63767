import { beforeAll, describe, expect, inject, it } from 'vitest';
import { anonClient, apiUrl, itemIds, type SignedIn, signedInUser } from './clients';

let writer: SignedIn;
const freshId = itemIds(2);

beforeAll(async () => {
  writer = await signedInUser('Prefer Writer');
});

/** A raw request to PostgREST with the writer's token. */
const rest = (
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) =>
  fetch(`${apiUrl()}/rest/v1/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: inject('anonKey'),
      Authorization: `Bearer ${writer.accessToken}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('Prefer', () => {
  it('tx=rollback answers as a commit would, then leaves nothing behind', async () => {
    const id = freshId();
    const response = await rest('entries', {
      method: 'POST',
      headers: { Prefer: 'tx=rollback, return=representation' },
      body: { id, name: 'rolled back' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('preference-applied')).toBe('return=representation, tx=rollback');
    expect(await response.json()).toEqual([
      { id, name: 'rolled back', score: null, category: null, labels: [] },
    ]);
    const { data } = await writer.client.from('entries').select('id').eq('id', id);
    expect(data).toEqual([]);
  });

  it('tx=commit, and no tx at all, keep the write', async () => {
    const id = freshId();
    const response = await rest('entries', {
      method: 'POST',
      headers: { Prefer: 'tx=commit' },
      body: { id, name: 'kept' },
    });
    expect(response.status).toBe(201);
    expect((await writer.client.from('entries').select('id').eq('id', id)).data).toEqual([{ id }]);
  });

  it('handling=strict refuses an unknown preference: 400 PGRST122', async () => {
    const response = await rest('items?select=id', {
      headers: { Prefer: 'handling=strict, count=none, return=all' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'PGRST122',
      message: 'Invalid preferences given with handling=strict',
      details: 'Invalid preferences: count=none, return=all',
      hint: null,
    });
    const lenient = await rest('items?select=id&id=eq.1', { headers: { Prefer: 'count=none' } });
    expect(lenient.status).toBe(200);
  });

  it('max-affected with handling=strict rolls back a larger update: 400 PGRST124', async () => {
    const [first, second] = [freshId(), freshId()];
    const category = `max-${first}`;
    await writer.client.from('entries').insert([
      { id: first, name: 'm', category },
      { id: second, name: 'm', category },
    ]);
    const response = await rest(`entries?category=eq.${category}`, {
      method: 'PATCH',
      headers: { Prefer: 'handling=strict, max-affected=1' },
      body: { score: 7 },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 2 rows' });
    const { data } = await writer.client.from('entries').select('score').eq('category', category);
    expect(data).toEqual([{ score: null }, { score: null }]);
    const allowed = await rest(`entries?category=eq.${category}`, {
      method: 'PATCH',
      headers: { Prefer: 'handling=strict, max-affected=2' },
      body: { score: 7 },
    });
    expect(allowed.status).toBe(204);
  });

  it('timezone= writes timestamps in that zone; an unknown zone is 22023 with 400', async () => {
    const path = `users?select=created_at&id=eq.${writer.userId}`;
    const utc = (await (await rest(path)).json()) as { created_at: string }[];
    expect(utc[0]?.created_at).toMatch(/\+00:00$/);
    const zoned = await rest(path, { headers: { Prefer: 'timezone=Asia/Kolkata' } });
    expect(zoned.headers.get('preference-applied')).toBe('timezone=Asia/Kolkata');
    const [row] = (await zoned.json()) as { created_at: string }[];
    expect(row?.created_at).toMatch(/\+05:30$/);
    expect(new Date(row?.created_at ?? '').getTime()).toBe(new Date(utc[0]?.created_at ?? '').getTime());
    const unknown = await rest(path, { headers: { Prefer: 'timezone=Mars/Olympus' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: '22023' });
  });

  it('return=minimal, return=representation and count on each write', async () => {
    const id = freshId();
    const minimal = await writer.client.from('entries').insert({ id, name: 'x' }, { count: 'exact' });
    expect(minimal).toMatchObject({ status: 201, data: null, count: 1 });
    const updated = await writer.client
      .from('entries')
      .update({ name: 'y' }, { count: 'exact' })
      .eq('id', id)
      .select('name');
    expect(updated).toMatchObject({ status: 200, data: [{ name: 'y' }], count: 1 });
    const deleted = await writer.client.from('entries').delete({ count: 'exact' }).eq('id', id);
    expect(deleted).toMatchObject({ status: 204, count: 1 });
  });
});

describe('Accept', () => {
  it('text/csv answers CSV with a header line, as PostgREST writes it', async () => {
    const { data, error, status } = await anonClient()
      .from('items')
      .select('id, name, labels')
      .in('id', [1, 6])
      .order('id')
      .csv();
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toBe('id,name,labels\n1,alpha,"{red,blue}"\n6,"zeta, the sixth",{}');
    const empty = await anonClient().from('items').select('id').eq('id', -1).csv();
    expect(empty.data).toBe('\n');
  });

  it('CSV from a set-returning function too', async () => {
    const { data } = await anonClient().rpc('item_summary').order('category').csv();
    expect(data).toBe('category,total\na,2\nb,2\nc,1');
  });

  it('an unavailable media type is 406 PGRST107', async () => {
    const response = await rest('items?select=id', { headers: { Accept: 'application/xml' } });
    expect(response.status).toBe(406);
    expect(await response.json()).toEqual({
      code: 'PGRST107',
      message: 'None of these media types are available: application/xml',
      details: null,
      hint: null,
    });
    const plan = await anonClient().from('items').select('id').explain();
    expect(plan.status).toBe(406);
  });

  it('nulls=stripped leaves null fields out', async () => {
    const response = await rest('items?select=id,score,category&id=in.(3,4)&order=id', {
      headers: { Accept: 'application/vnd.pgrst.array+json;nulls=stripped' },
    });
    expect(await response.json()).toEqual([
      { id: 3, category: 'a' },
      { id: 4, score: 40 },
    ]);
  });

  it('*/* and a preference list choose the first available type', async () => {
    const response = await rest('items?select=id&id=eq.1', {
      headers: { Accept: 'text/html;q=0.9, text/csv' },
    });
    expect(await response.text()).toBe('id\n1');
    const any = await rest('items?select=id&id=eq.1', { headers: { Accept: '*/*' } });
    expect(await any.json()).toEqual([{ id: 1 }]);
  });
});
