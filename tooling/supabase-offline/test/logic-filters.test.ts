import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, itemIds, type SignedIn, signedInUser } from './clients';

// Logic trees (or/and, nested, negated) combined with other filters: top level, in embeds and
// in PATCH / DELETE. Each tree is one bracketed condition ANDed with the level's other filters.
const items = () => anonClient().from('items');

const ids = async (query: PromiseLike<{ data: { id: number }[] | null; error: unknown }>) => {
  const { data, error } = await query;
  expect(error).toBeNull();
  return (data ?? []).map((row) => row.id);
};

describe('logic trees with other filters, at the top level', () => {
  it('or() ANDed with eq matches only rows satisfying both', async () => {
    // Without brackets, `id = 2 AND category = a OR category = b` would also return 5.
    expect(await ids(items().select('id').or('category.eq.a,category.eq.b').eq('id', 2))).toEqual([2]);
    expect(await ids(items().select('id').eq('id', 2).or('category.eq.a,category.eq.b'))).toEqual([2]);
  });

  it('two or() trees are both applied', async () => {
    const query = items()
      .select('id')
      .or('id.eq.1,id.eq.2,id.eq.5')
      .or('category.eq.b,score.lt.15')
      .order('id');
    expect(await ids(query)).toEqual([1, 2, 5]);
    const narrower = items().select('id').or('id.eq.1,id.eq.5').or('category.eq.b').order('id');
    expect(await ids(narrower)).toEqual([5]);
  });

  it('nests and/or/not at any depth', async () => {
    const query = items()
      .select('id')
      .or('and(category.eq.a,or(score.is.null,score.gt.5)),not.and(score.lt.55,id.gt.1)')
      .gt('id', 0)
      .order('id');
    // a-items (1, 3) plus rows that are not (score < 55 and id > 1): 1, 3 (null score), 6.
    expect(await ids(query)).toEqual([1, 3, 6]);
    const negated = items().select('id').or('not.or(category.eq.a,category.is.null)').order('id');
    expect(await ids(negated)).toEqual([2, 5, 6]);
  });

  it('an and() inside one or() combines with another or()', async () => {
    const query = items().select('id').or('id.eq.1,id.eq.4').or('and(id.gte.4,category.is.null)');
    expect(await ids(query)).toEqual([4]);
  });

  it('takes quoted values and operators with lists inside a tree', async () => {
    const query = items().select('id').or('name.eq."zeta, the sixth",id.in.(1,2)').lt('id', 6).order('id');
    expect(await ids(query)).toEqual([1, 2]);
    const quantified = items().select('id').or('name.like(any).{a*,b*},labels.cs.{green}').order('id');
    expect(await ids(quantified)).toEqual([1, 2, 5]);
  });

  it('an empty tree or a malformed one is PGRST100 with 400', async () => {
    for (const tree of ['', 'id.eq', 'xor(id.eq.1)', 'id.eq.1,']) {
      const { error, status } = await items().select('id').or(tree);
      expect(status, tree).toBe(400);
      expect(error, tree).toMatchObject({ code: 'PGRST100' });
    }
  });
});

let ada: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  [ada, bob] = await Promise.all([signedInUser('Logic Ada'), signedInUser('Logic Bob')]);
  await ada.client.from('posts').insert([
    { author_id: ada.userId, title: 'ada-1', published: true },
    { author_id: ada.userId, title: 'ada-2', published: true },
  ]);
  await bob.client.from('posts').insert({ author_id: bob.userId, title: 'bob-1', published: true });
});

describe('logic trees inside embeds', () => {
  it("an embed's or() stays inside each parent's rows", async () => {
    const { data, error } = await anonClient()
      .from('users')
      .select('name, posts!author_id(title)')
      .in('id', [ada.userId, bob.userId])
      .or('title.eq.ada-1,title.eq.bob-1', { referencedTable: 'posts' })
      .order('name');
    expect(error).toBeNull();
    // Each user keeps only their own matching posts: the or() never reaches another user's rows.
    expect(data).toEqual([
      { name: 'Logic Ada', posts: [{ title: 'ada-1' }] },
      { name: 'Logic Bob', posts: [{ title: 'bob-1' }] },
    ]);
  });

  it("an embed's nested tree ANDs with the embed's other filters", async () => {
    const { data } = await anonClient()
      .from('users')
      .select('name, posts!author_id(title)')
      .eq('id', ada.userId)
      .or('title.eq.ada-1,and(title.eq.ada-2,published.is.true)', { referencedTable: 'posts' })
      .neq('posts.title', 'ada-2')
      .single();
    expect(data).toEqual({ name: 'Logic Ada', posts: [{ title: 'ada-1' }] });
  });
});

describe('logic trees in PATCH and DELETE', () => {
  const freshIds = itemIds(3);
  const seed = async (writer: SignedIn) => {
    const first = freshIds(3);
    const { error } = await writer.client.from('entries').insert([
      { id: first, name: 'p', category: 'keep' },
      { id: first + 1, name: 'q', category: 'change' },
      { id: first + 2, name: 'r', category: 'keep' },
    ]);
    expect(error).toBeNull();
    return first;
  };

  it('PATCH with or() and eq changes only rows matching both', async () => {
    const first = await seed(ada);
    const { data, error } = await ada.client
      .from('entries')
      .update({ score: 99 })
      .or(`id.eq.${first},id.eq.${first + 2}`)
      .eq('category', 'change')
      .select('id');
    expect(error).toBeNull();
    expect(data).toEqual([]);
    const { data: after } = await ada.client
      .from('entries')
      .select('id, score')
      .gte('id', first)
      .lte('id', first + 2)
      .order('id');
    expect(after?.every((row) => row.score === null)).toBe(true);
  });

  it('DELETE with or() and eq removes only rows matching both', async () => {
    const first = await seed(ada);
    const { data } = await ada.client
      .from('entries')
      .delete()
      .eq('category', 'keep')
      .or(`id.eq.${first},id.eq.${first + 1}`)
      .select('id');
    expect(data).toEqual([{ id: first }]);
    const { count } = await ada.client
      .from('entries')
      .select('id', { count: 'exact', head: true })
      .gte('id', first)
      .lte('id', first + 2);
    expect(count).toBe(2);
  });
});
