import { describe, expect, it } from 'vitest';
import { anonClient, signedInUser } from './clients';

describe('smoke', () => {
  it('reads seeded rows as anon', async () => {
    const { data, error } = await anonClient().from('items').select('id,name').order('id').limit(2);
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, name: 'alpha' },
      { id: 2, name: 'beta' },
    ]);
  });

  it('signs up, inserts, updates, deletes and calls rpc', async () => {
    const { client, userId } = await signedInUser('Ada');
    const created = await client.from('posts').insert({ author_id: userId, title: 'Hello' }).select('id, title, author:users!author_id(name)').single();
    expect(created.error).toBeNull();
    expect(created.data).toMatchObject({ title: 'Hello', author: { name: 'Ada' } });
    const updated = await client.from('posts').update({ title: 'Hello again' }).eq('id', created.data?.id).select().single();
    expect(updated.data).toMatchObject({ title: 'Hello again' });
    const rpc = await client.rpc('add_numbers', { a: 2, b: 3 });
    expect(rpc).toMatchObject({ data: 5, error: null });
    const deleted = await client.from('posts').delete().eq('id', created.data?.id);
    expect(deleted.error).toBeNull();
    expect(deleted.status).toBe(204);
  });
});
