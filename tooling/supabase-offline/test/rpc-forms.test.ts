import { describe, expect, inject, it } from 'vitest';
import { anonClient, apiUrl } from './clients';

// rpc shapes PostgREST documents (fixtures/05_conformance.sql): a single unnamed json
// parameter, overloads, variadic, set-returning and single-row functions, GET and POST, count, head.
const rpc = anonClient().rpc.bind(anonClient());

describe('rpc: parameters', () => {
  it('a single unnamed json parameter receives the whole POSTed body', async () => {
    const { data, error, status } = await anonClient().rpc('echo_body', { any: ['shape', 1] });
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual({ any: ['shape', 1] });
  });

  it('an unnamed parameter is not reachable with GET: 404 PGRST202', async () => {
    const { error, status } = await anonClient().rpc('echo_body', { any: 1 }, { get: true });
    expect(status).toBe(404);
    expect(error).toMatchObject({ code: 'PGRST202' });
  });

  it('overloads are chosen by their parameter names', async () => {
    expect((await rpc('describe_value', { value: 3 })).data).toBe('integer 3');
    expect((await rpc('describe_value', { label: 'x' })).data).toBe('text x');
    expect((await rpc('describe_value', { label: 'y' }, { get: true })).data).toBe('text y');
  });

  it('overloads with the same parameter names are 300 PGRST203', async () => {
    const { error, status } = await rpc('ambiguous', { x: 1 });
    expect(status).toBe(300);
    expect(error).toEqual({
      code: 'PGRST203',
      message:
        'Could not choose the best candidate function between: public.ambiguous(x => integer), public.ambiguous(x => text)',
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  });

  it('unknown and missing arguments are 404 PGRST202 with the searched signature', async () => {
    const { error } = await rpc('describe_value', { other: 1 });
    expect(error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.describe_value(other) in the schema cache',
    });
    const missing = await rpc('sum_all');
    expect(missing.error).toMatchObject({ code: 'PGRST202' });
  });

  it('a variadic parameter takes an array by POST and repeated parameters by GET', async () => {
    expect((await rpc('sum_all', { nums: [1, 2, 3] })).data).toBe(6);
    const response = await fetch(`${apiUrl()}/rest/v1/rpc/sum_all?nums=4&nums=5`, {
      headers: { apikey: inject('anonKey') },
    });
    expect(await response.json()).toBe(9);
  });
});

describe('rpc: results, count and head', () => {
  it('count on a scalar function is 1, with a Content-Range', async () => {
    const { data, count, error } = await rpc('add_numbers', { a: 1, b: 2 }, { count: 'exact' });
    expect(error).toBeNull();
    expect(data).toBe(3);
    expect(count).toBe(1);
  });

  it('count on a single-row function is 1; on a setof scalar the number of elements', async () => {
    const row = await rpc('person_by_id', { person: 2 }, { count: 'exact' });
    expect(row.data).toEqual({ id: 2, name: 'Alan', username: 'alan', manager_id: 1 });
    expect(row.count).toBe(1);
    const numbers = await rpc('numbers_upto', { n: 4 }, { count: 'exact' });
    expect(numbers.data).toEqual([1, 2, 3, 4]);
    expect(numbers.count).toBe(4);
  });

  it('count on a set-returning function counts the filtered rows, and head returns no body', async () => {
    const counted = await rpc('item_summary', {}, { count: 'exact' }).gte('total', 2);
    expect(counted.count).toBe(2);
    const { data, count, error } = await anonClient().rpc(
      'posts_by_author',
      { author: '00000000-0000-0000-0000-000000000000' },
      { head: true, count: 'exact' },
    );
    expect(error).toBeNull();
    expect(data).toBeNull();
    expect(count).toBe(0);
  });

  it('a function returning a row embeds and selects like its table', async () => {
    const { data } = await rpc('person_by_id', { person: 4 }).select('name, boss:manager_id(name)');
    expect(data).toEqual({ name: 'Edsger', boss: { name: 'Alan' } });
  });

  it('reads request.headers in SQL, as PostgREST sets it', async () => {
    const client = anonClient();
    const { data } = await client.rpc('request_header', { name: 'apikey' });
    expect(data).toBe(inject('anonKey'));
    const response = await fetch(`${apiUrl()}/rest/v1/rpc/request_header`, {
      method: 'POST',
      headers: {
        apikey: inject('anonKey'),
        'Content-Type': 'application/json',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ name: 'traceparent' }),
    });
    expect(await response.json()).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });
});
