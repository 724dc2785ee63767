import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiUrl, itemIds, type SignedIn, signedInUser } from './clients';

let writer: SignedIn;
const freshId = itemIds(1);

beforeAll(async () => {
  writer = await signedInUser('Writer');
});

describe('PostgREST writes', () => {
  it('insert with return=minimal answers 201 without a body', async () => {
    const id = freshId();
    const { data, error, status } = await writer.client.from('entries').insert({ id, name: 'minimal' });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
    expect((await writer.client.from('entries').select('name').eq('id', id).single()).data).toEqual({
      name: 'minimal',
    });
  });

  it('insert with return=representation returns the row, defaults included', async () => {
    const id = freshId();
    const { data, status } = await writer.client
      .from('entries')
      .insert({ id, name: 'shown' })
      .select()
      .single();
    expect(status).toBe(201);
    expect(data).toEqual({ id, name: 'shown', score: null, category: null, labels: [] });
  });

  it('bulk insert takes the union of keys; a key missing from one row is null', async () => {
    const [first, second] = [freshId(), freshId()];
    const { data } = await writer.client
      .from('entries')
      .insert([
        { id: first, name: 'one', score: 1 },
        { id: second, name: 'two', category: 'x' },
      ])
      .select('id, score, category')
      .order('id');
    expect(data).toEqual([
      { id: first, score: 1, category: null },
      { id: second, score: null, category: 'x' },
    ]);
  });

  it('with defaultToNull: false (missing=default) a missing key takes the column default', async () => {
    const [first, second] = [freshId(), freshId()];
    const rows = [
      { id: first, name: 'tagged', labels: ['x'] },
      { id: second, name: 'untagged' },
    ];
    const asNull = await writer.client.from('entries').insert(rows);
    expect(asNull.error).toMatchObject({ code: '23502' });
    const { data, error } = await writer.client
      .from('entries')
      .insert(rows, { defaultToNull: false })
      .select('id, labels')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: first, labels: ['x'] },
      { id: second, labels: [] },
    ]);
  });

  it('update returns the changed rows and only those the filters match', async () => {
    const [first, second] = [freshId(), freshId()];
    await writer.client.from('entries').insert([
      { id: first, name: 'u1', score: 1 },
      { id: second, name: 'u2', score: 2 },
    ]);
    const { data, status } = await writer.client
      .from('entries')
      .update({ score: 10 })
      .eq('id', first)
      .select('id, score');
    expect(status).toBe(200);
    expect(data).toEqual([{ id: first, score: 10 }]);
    expect((await writer.client.from('entries').select('score').eq('id', second).single()).data).toEqual({
      score: 2,
    });
  });

  it('returns updated rows even when they no longer match the filter', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'draft', category: 'before' });
    const { data } = await writer.client
      .from('entries')
      .update({ category: 'after' })
      .eq('category', 'before')
      .eq('id', id)
      .select('category');
    expect(data).toEqual([{ category: 'after' }]);
  });

  it('update without matches returns an empty array; minimal answers 204', async () => {
    expect((await writer.client.from('entries').update({ score: 1 }).eq('id', -1).select()).data).toEqual([]);
    const minimal = await writer.client.from('entries').update({ score: 1 }).eq('id', -1);
    expect(minimal.status).toBe(204);
  });

  it('update with count=exact reports the affected rows', async () => {
    const [first, second] = [freshId(), freshId()];
    await writer.client.from('entries').insert([
      { id: first, name: 'c', category: `count-${first}` },
      { id: second, name: 'c', category: `count-${first}` },
    ]);
    const { count } = await writer.client
      .from('entries')
      .update({ score: 5 }, { count: 'exact' })
      .eq('category', `count-${first}`);
    expect(count).toBe(2);
  });

  it('single() on an update of several rows is PGRST116 and rolls the update back', async () => {
    const [first, second] = [freshId(), freshId()];
    await writer.client.from('entries').insert([
      { id: first, name: 'keep', category: `single-${first}` },
      { id: second, name: 'keep', category: `single-${first}` },
    ]);
    const { error, status } = await writer.client
      .from('entries')
      .update({ name: 'changed' })
      .eq('category', `single-${first}`)
      .select()
      .single();
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST116' });
    const { data } = await writer.client.from('entries').select('name').eq('category', `single-${first}`);
    expect(data).toEqual([{ name: 'keep' }, { name: 'keep' }]);
  });

  it('refuses limit on a DELETE instead of deleting every matching row', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'kept' });
    const response = await fetch(`${apiUrl()}/rest/v1/entries?id=eq.${id}&limit=1`, {
      method: 'DELETE',
      headers: { apikey: inject('anonKey'), Authorization: `Bearer ${writer.accessToken}` },
    });
    expect(response.status).toBe(400);
    expect((await writer.client.from('entries').select('name').eq('id', id)).data).toEqual([
      { name: 'kept' },
    ]);
  });

  it('delete returns the deleted rows with select()', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'doomed' });
    const { data } = await writer.client.from('entries').delete().eq('id', id).select('id, name');
    expect(data).toEqual([{ id, name: 'doomed' }]);
    expect((await writer.client.from('entries').select('id').eq('id', id)).data).toEqual([]);
  });

  it('upsert merges duplicates on the primary key', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'old', score: 1 });
    const { data, status } = await writer.client
      .from('entries')
      .upsert({ id, name: 'new' })
      .select('id, name, score');
    // PostgREST answers 200 when the upsert inserted nothing, 201 when it inserted a row.
    expect(status).toBe(200);
    expect(data).toEqual([{ id, name: 'new', score: 1 }]);
    const mixed = await writer.client.from('entries').upsert([
      { id, name: 'newer' },
      { id: freshId(), name: 'inserted' },
    ]);
    expect(mixed.status).toBe(201);
    const onlyUpdates = await writer.client.from('entries').upsert({ id, name: 'newest' });
    expect(onlyUpdates.status).toBe(200);
  });

  it('upsert with onConflict on another unique column', async () => {
    const key = `theme-${freshId()}`;
    await writer.client.from('settings').upsert({ key, value: 'light' }, { onConflict: 'key' });
    const { data } = await writer.client
      .from('settings')
      .upsert({ key, value: 'dark' }, { onConflict: 'key' })
      .select('key, value');
    expect(data).toEqual([{ key, value: 'dark' }]);
  });

  it('upsert with ignoreDuplicates keeps the existing row', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'first' });
    const { data } = await writer.client
      .from('entries')
      .upsert({ id, name: 'second' }, { ignoreDuplicates: true })
      .select();
    expect(data).toEqual([]);
    expect((await writer.client.from('entries').select('name').eq('id', id).single()).data).toEqual({
      name: 'first',
    });
  });

  it('column defaults run as the request role: auth.uid() fills settings.updated_by', async () => {
    const key = `owner-${freshId()}`;
    const { data } = await writer.client
      .from('settings')
      .insert({ key, value: 'v' })
      .select('updated_by')
      .single();
    expect(data).toEqual({ updated_by: writer.userId });
  });
});

// PostgREST returns the selected columns, the ones embeds join on and the primary key, not `*`.
describe('PostgREST mutation representations', () => {
  it('return only the selected columns, so a role with column grants can write and read back', async () => {
    const id = freshId();
    const members = writer.client.from('members');
    const inserted = await members.insert({ id, name: 'Ada' }).select('name').single();
    expect(inserted).toMatchObject({ error: null, data: { name: 'Ada' } });
    const updated = await members.update({ name: 'Ada L.' }).eq('id', id).select('id, name').single();
    expect(updated).toMatchObject({ error: null, data: { id, name: 'Ada L.' } });
    const deleted = await members.delete().eq('id', id).select('id');
    expect(deleted).toMatchObject({ error: null, data: [{ id }] });
  });

  it('select=* needs every column: 42501 under column grants, and the write is rolled back', async () => {
    const id = freshId();
    const members = writer.client.from('members');
    await members.insert({ id, name: 'Grace' });
    const { error } = await members.update({ name: 'changed' }).eq('id', id).select();
    expect(error).toMatchObject({ code: '42501' });
    expect((await members.select('name').eq('id', id).single()).data).toEqual({ name: 'Grace' });
  });

  it('embeds join through columns that are not selected', async () => {
    const { data: post } = await writer.client
      .from('posts')
      .insert({ author_id: writer.userId, title: 'Before' })
      .select('id')
      .single();
    const { data, error } = await writer.client
      .from('posts')
      .update({ title: 'After' })
      .eq('id', post!.id)
      .select('title, author:users!author_id(name)')
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'After', author: { name: 'Writer' } });
  });

  it('order by a column that is not returned is 42703, as on PostgREST', async () => {
    const [low, high] = [freshId(), freshId()];
    const entries = writer.client.from('entries');
    await entries.insert([
      { id: low, name: 'low', score: 1 },
      { id: high, name: 'high', score: 2 },
    ]);
    const update = () => entries.update({ category: 'ordered' }).in('id', [low, high]);
    const unselected = await update().select('name').order('score', { ascending: false });
    expect(unselected.error).toMatchObject({ code: '42703' });
    const selected = await update().select('name, score').order('score', { ascending: false });
    expect(selected.data).toEqual([
      { name: 'high', score: 2 },
      { name: 'low', score: 1 },
    ]);
  });
});

describe('PostgREST write errors', () => {
  it('a unique violation is 23505 with 409', async () => {
    const id = freshId();
    await writer.client.from('entries').insert({ id, name: 'once' });
    const { error, status } = await writer.client.from('entries').insert({ id, name: 'again' });
    expect(status).toBe(409);
    expect(error).toMatchObject({ code: '23505' });
    expect(error?.details).toContain(`Key (id)=(${id}) already exists`);
  });

  it('a foreign key violation is 23503 with 409', async () => {
    const bad = await writer.client
      .from('posts')
      .insert({ author_id: writer.userId, title: 'ok', editor_id: '00000000-0000-4000-8000-000000000000' });
    expect(bad.status).toBe(409);
    expect(bad.error).toMatchObject({ code: '23503' });
  });

  it('a check violation is 23514 with 400, a not-null violation 23502 with 400', async () => {
    const check = await writer.client.from('posts').insert({ author_id: writer.userId, title: '' });
    expect(check.status).toBe(400);
    expect(check.error).toMatchObject({ code: '23514' });
    const notNull = await writer.client.from('entries').insert({ id: freshId() });
    expect(notNull.status).toBe(400);
    expect(notNull.error).toMatchObject({ code: '23502' });
  });

  it('an unknown column in the body is PGRST204 with 400', async () => {
    const { error, status } = await writer.client
      .from('entries')
      .insert({ id: freshId(), name: 'x', colour: 'red' });
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'colour' column of 'entries' in the schema cache",
    });
  });

  it('a body that is not JSON is PGRST102 with 400', async () => {
    const response = await fetch(`${apiUrl()}/rest/v1/entries`, {
      method: 'POST',
      headers: {
        apikey: inject('anonKey'),
        Authorization: `Bearer ${writer.accessToken}`,
        'Content-Type': 'application/json',
      },
      body: '{"id": 1,',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PGRST102' });
  });

  it('a value of the wrong type is 22P02 with 400', async () => {
    const { error, status } = await writer.client.from('entries').insert({ id: 'not a number', name: 'x' });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '22P02' });
  });
});
