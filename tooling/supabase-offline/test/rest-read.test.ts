import { describe, expect, it } from 'vitest';
import { anonClient, apiUrl } from './clients';
import { inject } from 'vitest';

// Seeded in fixtures/04_seed.sql: six items, read-only for every test.
const items = () => anonClient().from('items');

describe('PostgREST reads: select lists', () => {
  it('returns only the selected columns', async () => {
    const { data, error } = await items().select('id,name').eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 1, name: 'alpha' }]);
  });

  it('returns every column, in table order, for *', async () => {
    const { data } = await items().select('*').eq('id', 2);
    expect(data).toEqual([{ id: 2, name: 'beta', score: 20, category: 'b', labels: ['red'] }]);
  });

  it('renames columns with alias:column', async () => {
    const { data } = await items().select('key:id,label:name').eq('id', 3);
    expect(data).toEqual([{ key: 3, label: 'gamma' }]);
  });
});

describe('PostgREST reads: JSON paths and casts', () => {
  it('selects JSON values with -> and ->>, keyed by the last path element', async () => {
    const { data } = await anonClient()
      .from('documents')
      .select('id, body->>title, first_tag:body->tags->0')
      .eq('id', 1);
    expect(data).toEqual([{ id: 1, title: 'Plan', first_tag: 'work' }]);
  });

  it('filters and orders on JSON paths', async () => {
    const { data } = await anonClient()
      .from('documents')
      .select('id')
      .eq('body->>kind', 'note')
      .order('body->rank');
    expect(data).toEqual([{ id: 3 }, { id: 1 }]);
  });

  it('casts a selected column', async () => {
    const { data } = await items().select('id, score::text').eq('id', 1);
    expect(data).toEqual([{ id: 1, score: '10' }]);
  });

  it('a cast to an unknown type is 42704 with 400', async () => {
    const { error, status } = await items().select('id::nosuchtype');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42704' });
  });
});

describe('PostgREST reads: filters', () => {
  const ids = async (query: PromiseLike<{ data: { id: number }[] | null; error: unknown }>) => {
    const { data, error } = await query;
    expect(error).toBeNull();
    return (data ?? []).map((row) => row.id);
  };

  it('eq and neq', async () => {
    expect(await ids(items().select('id').eq('category', 'a').order('id'))).toEqual([1, 3]);
    expect(await ids(items().select('id').neq('category', 'a').order('id'))).toEqual([2, 5, 6]);
  });

  it('gt, gte, lt and lte', async () => {
    expect(await ids(items().select('id').gt('score', 40).order('id'))).toEqual([5, 6]);
    expect(await ids(items().select('id').gte('score', 40).order('id'))).toEqual([4, 5, 6]);
    expect(await ids(items().select('id').lt('score', 20).order('id'))).toEqual([1]);
    expect(await ids(items().select('id').lte('score', 20).order('id'))).toEqual([1, 2]);
  });

  it('in, with a value that contains a comma', async () => {
    expect(await ids(items().select('id').in('name', ['alpha', 'zeta, the sixth']).order('id'))).toEqual([
      1, 6,
    ]);
  });

  it('not in', async () => {
    expect(await ids(items().select('id').not('id', 'in', '(1,2,3)').order('id'))).toEqual([4, 5, 6]);
  });

  it('is null and not is null', async () => {
    expect(await ids(items().select('id').is('score', null))).toEqual([3]);
    expect(await ids(items().select('id').not('category', 'is', null).order('id'))).toEqual([1, 2, 3, 5, 6]);
  });

  it('like is case-sensitive, ilike is not', async () => {
    expect(await ids(items().select('id').like('name', '%psilon'))).toEqual([5]);
    expect(await ids(items().select('id').like('name', 'e%'))).toEqual([]);
    expect(await ids(items().select('id').ilike('name', 'e%'))).toEqual([5]);
  });

  it('or combines conditions, including a nested and', async () => {
    expect(await ids(items().select('id').or('id.eq.1,and(category.eq.b,score.gt.30)').order('id'))).toEqual([
      1, 5,
    ]);
  });

  it('contains on an array column', async () => {
    expect(await ids(items().select('id').contains('labels', ['red']).order('id'))).toEqual([1, 2]);
  });

  it('full-text search, with a configuration and as websearch', async () => {
    expect(await ids(items().select('id').textSearch('name', 'alpha'))).toEqual([1]);
    expect(await ids(items().select('id').textSearch('name', 'sixths', { config: 'english' }))).toEqual([6]);
    expect(await ids(items().select('id').textSearch('name', 'zeta -beta', { type: 'websearch' }))).toEqual([
      6,
    ]);
  });

  it('range operators', async () => {
    const slots = () => anonClient().from('slots').select('id').order('id');
    expect(await ids(slots().rangeLt('during', '[10,20)'))).toEqual([1, 2]);
    expect(await ids(slots().rangeAdjacent('during', '[10,20)'))).toEqual([2, 3]);
    expect(await ids(slots().overlaps('during', '[4,6)'))).toEqual([1, 2]);
  });

  it('several filters combine with AND', async () => {
    expect(await ids(items().select('id').eq('category', 'b').gt('score', 20))).toEqual([5]);
  });
});

describe('PostgREST reads: order and paging', () => {
  it('orders descending with nulls first or last', async () => {
    const first = await items().select('id').order('score', { ascending: false, nullsFirst: true });
    expect(first.data?.map((row) => row.id)).toEqual([3, 6, 5, 4, 2, 1]);
    const last = await items().select('id').order('score', { ascending: false, nullsFirst: false });
    expect(last.data?.map((row) => row.id)).toEqual([6, 5, 4, 2, 1, 3]);
  });

  it('orders by several columns', async () => {
    const { data } = await items()
      .select('id')
      .order('category', { ascending: true })
      .order('id', { ascending: false });
    expect(data?.map((row) => row.id)).toEqual([3, 1, 5, 2, 6, 4]);
  });

  it('limit and range', async () => {
    expect((await items().select('id').order('id').limit(2)).data).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await items().select('id').order('id').range(2, 3)).data).toEqual([{ id: 3 }, { id: 4 }]);
  });

  it('count=exact gives the total, Content-Range and 206 for a partial page', async () => {
    const { data, count, status } = await items().select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(data).toEqual([{ id: 2 }, { id: 3 }]);
    expect(count).toBe(6);
    expect(status).toBe(206);
    const response = await fetch(`${apiUrl()}/rest/v1/items?select=id&order=id&offset=1&limit=2`, {
      headers: { apikey: inject('anonKey'), Prefer: 'count=exact' },
    });
    expect(response.headers.get('content-range')).toBe('1-2/6');
  });

  it('a head request with count returns the count and no rows', async () => {
    const { data, count, error } = await items()
      .select('*', { count: 'exact', head: true })
      .eq('category', 'a');
    expect(error).toBeNull();
    expect(data).toBeNull();
    expect(count).toBe(2);
  });

  it('Content-Range without count ends in /*, and an empty page is */…', async () => {
    const headers = { apikey: inject('anonKey') };
    const page = await fetch(`${apiUrl()}/rest/v1/items?select=id&limit=3`, { headers });
    expect(page.headers.get('content-range')).toBe('0-2/*');
    const empty = await fetch(`${apiUrl()}/rest/v1/items?select=id&id=eq.99`, { headers });
    expect(empty.headers.get('content-range')).toBe('*/*');
  });

  it('an offset past the counted total is PGRST103 with 416', async () => {
    const { error, status } = await items().select('id', { count: 'exact' }).range(10, 12);
    expect(status).toBe(416);
    expect(error).toMatchObject({ code: 'PGRST103' });
  });

  it('the Range header pages like limit and offset', async () => {
    const response = await fetch(`${apiUrl()}/rest/v1/items?select=id&order=id`, {
      headers: { apikey: inject('anonKey'), Range: '4-5', 'Range-Unit': 'items' },
    });
    expect(await response.json()).toEqual([{ id: 5 }, { id: 6 }]);
  });
});

describe('PostgREST reads: single and maybeSingle', () => {
  it('single() returns the one row as an object', async () => {
    const { data, error } = await items().select('name').eq('id', 1).single();
    expect(error).toBeNull();
    expect(data).toEqual({ name: 'alpha' });
  });

  it('single() with no row is PGRST116 with 406', async () => {
    const { data, error, status } = await items().select('name').eq('id', 99).single();
    expect(data).toBeNull();
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
  });

  it('single() with several rows is PGRST116 with 406', async () => {
    const { error, status } = await items().select('name').eq('category', 'a').single();
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
  });

  it('maybeSingle() gives null for no row and an error for several', async () => {
    expect(await items().select('name').eq('id', 99).maybeSingle()).toMatchObject({
      data: null,
      error: null,
    });
    expect((await items().select('name').eq('id', 1).maybeSingle()).data).toEqual({ name: 'alpha' });
    expect((await items().select('name').eq('category', 'a').maybeSingle()).error).toMatchObject({
      code: 'PGRST116',
    });
  });
});
