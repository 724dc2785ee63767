import { beforeAll, describe, expect, inject, it } from 'vitest';
import { anonClient, apiUrl, itemIds, type SignedIn, signedInUser } from './clients';

// Bad input of every class answers PostgREST's status and code, leaves no partial write and
// leaves the server serving.
let writer: SignedIn;
const freshIds = itemIds(4);

beforeAll(async () => {
  writer = await signedInUser('Bad Input');
});

const raw = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  fetch(`${apiUrl()}/rest/v1/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      apikey: inject('anonKey'),
      Authorization: `Bearer ${writer.accessToken}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.body,
  });

const stillServing = async () => {
  const { data, error } = await anonClient().from('items').select('id').eq('id', 1);
  expect(error).toBeNull();
  expect(data).toEqual([{ id: 1 }]);
};

describe('bad input', () => {
  it('malformed filters, orders and ranges are 400 PGRST100', async () => {
    for (const query of [
      'select=id&id=eq',
      'select=id&id=nope.1',
      'select=id&id=in.1,2',
      'select=id&id=eq(any).1',
      'select=id&order=id.sideways',
      'select=id&limit=-1',
      'select=id&offset=x',
      'select=id&or=(id.eq.1',
    ]) {
      const response = await raw(`items?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()) as { code: string }, query).toMatchObject({ code: 'PGRST100' });
    }
    await stillServing();
  });

  it('malformed selects are 400 PGRST100', async () => {
    for (const select of ['id,', 'id,(', 'posts(', 'a:b:c', 'id::', '!inner(id)']) {
      const response = await raw(`items?select=${encodeURIComponent(select)}`);
      expect(response.status, select).toBe(400);
      expect((await response.json()) as { code: string }, select).toMatchObject({ code: 'PGRST100' });
    }
    await stillServing();
  });

  it('aggregates are off, as on Supabase: 400 PGRST123; embed(count) still counts', async () => {
    for (const select of ['score.sum()', 'category,score.avg()', 'count()', 'id,count()']) {
      const response = await raw(`items?select=${select}`);
      expect(response.status, select).toBe(400);
      expect(await response.json(), select).toEqual({
        code: 'PGRST123',
        message: 'Use of aggregate functions is not allowed',
        details: null,
        hint: null,
      });
    }
    const counted = await raw('people?select=name,clubs(count)&id=eq.3');
    expect(await counted.json()).toEqual([{ name: 'Ada', clubs: [{ count: 2 }] }]);
  });

  it('unknown tables, columns and functions answer PGRST205, 42703, PGRST204 and PGRST202', async () => {
    expect((await raw('nope')).status).toBe(404);
    const column = await raw('items?select=nope');
    expect(column.status).toBe(400);
    expect(await column.json()).toMatchObject({ code: '42703' });
    const filter = await raw('items?select=id&nope=eq.1');
    expect(await filter.json()).toMatchObject({ code: '42703' });
    const body = await raw('entries', { method: 'POST', body: JSON.stringify({ id: 1, nope: 1 }) });
    expect(await body.json()).toMatchObject({ code: 'PGRST204' });
    const fn = await raw('rpc/nope', { method: 'POST', body: '{}' });
    expect(fn.status).toBe(404);
    expect(await fn.json()).toMatchObject({ code: 'PGRST202' });
    await stillServing();
  });

  it('bodies that are not JSON, or the wrong JSON shape, are 400 PGRST102', async () => {
    for (const [path, method, body] of [
      ['entries', 'POST', '{"id": 1,'],
      ['entries', 'POST', '"just a string"'],
      ['entries', 'POST', '[1, 2]'],
      ['entries?id=eq.1', 'PATCH', '[]'],
      ['rpc/add_numbers', 'POST', '[1]'],
    ] as const) {
      const response = await raw(path, { method, body });
      expect(response.status, `${method} ${path} ${body}`).toBe(400);
      expect((await response.json()) as { code: string }).toMatchObject({ code: 'PGRST102' });
    }
    await stillServing();
  });

  it('a bulk insert failing on its last row writes none of them', async () => {
    const base = freshIds(3);
    const rows = [
      { id: base, name: 'ok' },
      { id: base + 1, name: 'ok' },
      { id: base + 2, name: null },
    ];
    const { error, status } = await writer.client.from('entries').insert(rows);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '23502' });
    const { data } = await writer.client
      .from('entries')
      .select('id')
      .gte('id', base)
      .lte('id', base + 2);
    expect(data).toEqual([]);
  });

  it('a huge payload is handled: a 5 MB insert of 2 000 rows, then a 5 MB malformed one', async () => {
    const base = freshIds(2_000);
    const rows = Array.from({ length: 2_000 }, (_, index) => ({ id: base + index, name: 'x'.repeat(2_500) }));
    const { error, count } = await writer.client.from('entries').insert(rows, { count: 'exact' });
    expect(error).toBeNull();
    expect(count).toBe(2_000);
    const broken = await raw('entries', { method: 'POST', body: `${JSON.stringify(rows).slice(0, -2)}` });
    expect(broken.status).toBe(400);
    await writer.client
      .from('entries')
      .delete()
      .gte('id', base)
      .lt('id', base + 2_000);
    await stillServing();
  });

  it('a huge filter value and a deeply nested logic tree still answer', async () => {
    const many = Array.from({ length: 1000 }, (_, index) => index).join(',');
    const response = await raw(`items?select=id&id=in.(${many})&order=id&limit=2`);
    expect(await response.json()).toEqual([{ id: 1 }, { id: 2 }]);
    const deep = `${'or('.repeat(200)}id.eq.1${')'.repeat(200)}`;
    const nested = await raw(`items?select=id&or=(${deep})`);
    expect(await nested.json()).toEqual([{ id: 1 }]);
    await stillServing();
  });
});
