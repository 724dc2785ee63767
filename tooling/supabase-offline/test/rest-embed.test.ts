import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, type SignedIn, signedInUser } from './clients';

let ada: SignedIn;
let bob: SignedIn;
let adaPostId: string;
let adaSecondPostId: string;
let bobPostId: string;

async function tagIds(names: string[]): Promise<number[]> {
  const { data } = await anonClient().from('tags').select('id').in('name', names).order('name');
  return (data ?? []).map((row) => row.id as number);
}

beforeAll(async () => {
  [ada, bob] = await Promise.all([signedInUser('Ada'), signedInUser('Bob')]);
  await ada.client.from('profiles').insert({ user_id: ada.userId, bio: 'Counts things' });
  const created = await ada.client
    .from('posts')
    .insert([
      { author_id: ada.userId, title: 'Engines', published: true },
      { author_id: ada.userId, title: 'Notes', published: true, editor_id: bob.userId },
    ])
    .select('id, title')
    .order('title');
  adaPostId = created.data?.find((post) => post.title === 'Engines')?.id as string;
  adaSecondPostId = created.data?.find((post) => post.title === 'Notes')?.id as string;
  const [news, tech] = await tagIds(['news', 'tech']);
  await ada.client.from('post_tags').insert([
    { post_id: adaPostId, tag_id: news },
    { post_id: adaPostId, tag_id: tech },
    { post_id: adaSecondPostId, tag_id: tech },
  ]);
  bobPostId = (
    await bob.client
      .from('posts')
      .insert({ author_id: bob.userId, title: 'Bob writes', published: true })
      .select('id')
      .single()
  ).data?.id as string;
});

describe('PostgREST resource embedding', () => {
  it('embeds a to-one resource with an alias and a foreign-key hint', async () => {
    const { data, error } = await anonClient()
      .from('posts')
      .select('title, author:users!author_id(name)')
      .eq('id', adaPostId)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'Engines', author: { name: 'Ada' } });
  });

  it('embeds by the foreign key column name', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, editor:editor_id(name)')
      .eq('id', adaSecondPostId)
      .single();
    expect(data).toEqual({ title: 'Notes', editor: { name: 'Bob' } });
  });

  it('an embed through two foreign keys without a hint is ambiguous: 300 PGRST201', async () => {
    const { error, status } = await anonClient()
      .from('posts')
      .select('title, users(name)')
      .eq('id', adaPostId);
    expect(status).toBe(300);
    expect(error).toMatchObject({ code: 'PGRST201' });
    expect(error?.details).toHaveLength(2);
  });

  it('embeds a to-many resource as an array', async () => {
    const { data } = await anonClient()
      .from('users')
      .select('name, posts!author_id(title)')
      .eq('id', ada.userId)
      .single();
    expect(data?.name).toBe('Ada');
    expect((data?.posts as { title: string }[]).map((post) => post.title).sort()).toEqual([
      'Engines',
      'Notes',
    ]);
  });

  it('embeds a one-to-one resource (unique foreign key) as an object', async () => {
    const { data } = await anonClient()
      .from('users')
      .select('name, profiles(bio)')
      .eq('id', ada.userId)
      .single();
    expect(data).toEqual({ name: 'Ada', profiles: { bio: 'Counts things' } });
    const none = await anonClient().from('users').select('name, profiles(bio)').eq('id', bob.userId).single();
    expect(none.data).toEqual({ name: 'Bob', profiles: null });
  });

  it('embeds many-to-many through a junction table', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, tags(name)')
      .eq('id', adaPostId)
      .order('name', { referencedTable: 'tags' })
      .single();
    expect(data).toEqual({ title: 'Engines', tags: [{ name: 'news' }, { name: 'tech' }] });
  });

  it('filters embedded rows without dropping the parent', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, tags(name)')
      .in('id', [adaPostId, adaSecondPostId])
      .eq('tags.name', 'news')
      .order('title');
    expect(data).toEqual([
      { title: 'Engines', tags: [{ name: 'news' }] },
      { title: 'Notes', tags: [] },
    ]);
  });

  it('!inner drops parents whose embed is empty after filtering', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, tags!inner(name)')
      .in('id', [adaPostId, adaSecondPostId])
      .eq('tags.name', 'news');
    expect(data).toEqual([{ title: 'Engines', tags: [{ name: 'news' }] }]);
  });

  it('!inner on a to-one embed filters parents by the embedded row', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, author:users!author_id!inner(name)')
      .in('id', [adaPostId, bobPostId])
      .eq('author.name', 'Bob');
    expect(data).toEqual([{ title: 'Bob writes', author: { name: 'Bob' } }]);
  });

  it('orders and limits embedded rows', async () => {
    const { data } = await anonClient()
      .from('users')
      .select('name, posts!author_id(title)')
      .eq('id', ada.userId)
      .order('title', { referencedTable: 'posts', ascending: false })
      .limit(1, { referencedTable: 'posts' })
      .single();
    expect(data).toEqual({ name: 'Ada', posts: [{ title: 'Notes' }] });
  });

  it('orders by a column of a to-one embed', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, author:users!author_id(name)')
      .in('id', [adaPostId, bobPostId])
      .order('author(name)', { ascending: false });
    expect(data?.map((post) => post.title)).toEqual(['Bob writes', 'Engines']);
  });

  it('refuses to order by a to-many embed: PGRST118', async () => {
    const { error, status } = await anonClient()
      .from('users')
      .select('name, posts!author_id(title)')
      .order('posts(title)');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST118' });
  });

  it('nests embeds', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, author:users!author_id(name, profiles(bio))')
      .eq('id', adaPostId)
      .single();
    expect(data).toEqual({ title: 'Engines', author: { name: 'Ada', profiles: { bio: 'Counts things' } } });
  });

  it('spreads a to-one embed into the parent row', async () => {
    const { data } = await anonClient()
      .from('posts')
      .select('title, ...users!author_id(author_name:name)')
      .eq('id', adaPostId)
      .single();
    expect(data).toEqual({ title: 'Engines', author_name: 'Ada' });
  });

  it('refuses to spread a to-many embed: PGRST119', async () => {
    const { error, status } = await anonClient()
      .from('users')
      .select('name, ...posts!author_id(title)')
      .eq('id', ada.userId);
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST119' });
  });

  it('counts embedded rows with embed(count)', async () => {
    const { data } = await anonClient()
      .from('users')
      .select('name, posts!author_id(count)')
      .eq('id', ada.userId)
      .single();
    expect(data).toEqual({ name: 'Ada', posts: [{ count: 2 }] });
  });

  it('an unknown relationship is PGRST200 with 400', async () => {
    const { error, status } = await anonClient().from('items').select('id, posts(title)');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST200' });
  });

  it('a filter on an embed that is not selected is PGRST108', async () => {
    const { error, status } = await anonClient().from('posts').select('title').eq('tags.name', 'news');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'PGRST108' });
  });

  it('reads views like tables', async () => {
    const { data } = await anonClient().from('published_posts').select('title').eq('author_id', bob.userId);
    expect(data).toEqual([{ title: 'Bob writes' }]);
  });

  it("embeds through a view's columns as through its table's foreign keys", async () => {
    const toOne = await anonClient()
      .from('published_posts')
      .select('title, users(name)')
      .eq('id', bobPostId)
      .single();
    expect(toOne.data).toEqual({ title: 'Bob writes', users: { name: 'Bob' } });
    const toMany = await anonClient()
      .from('users')
      .select('name, published_posts(title)')
      .eq('id', bob.userId)
      .single();
    expect(toMany.data).toEqual({ name: 'Bob', published_posts: [{ title: 'Bob writes' }] });
    const manyToMany = await anonClient()
      .from('published_posts')
      .select('title, tags(name)')
      .eq('id', adaPostId)
      .order('name', { referencedTable: 'tags' })
      .single();
    expect(manyToMany.data).toEqual({ title: 'Engines', tags: [{ name: 'news' }, { name: 'tech' }] });
  });
});
