import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';

const target = inject('supabase');

// The tag counters are rows every tagged write updates (triggers). Two set_post_tags (or edit_post)
// calls that lock the same tags in opposite orders deadlock, and PostgreSQL aborts one: the client
// would get the error (40P01), so every call succeeding is the check.
const retag = {
  setPostTags: data.setPostTags,
  editPost: (supabase: Supabase, id: string, tags: string[]) => data.editPost(supabase, id, { tags }),
};

/** A client signed in as a new account of its own. */
async function signedUp(name: string): Promise<Supabase> {
  const supabase = createSupabaseClient({ url: target.url, key: target.anonKey });
  await data.signUp(supabase, { email: `${name}.${randomUUID()}@example.com`, name }, randomUUID());
  return supabase;
}

describe('two posts swapping tags in opposite directions at once', () => {
  it.each(Object.keys(retag) as (keyof typeof retag)[])(
    '%s never deadlocks, and leaves every tag count equal to its posts',
    async (operation) => {
      const supabase = await signedUp('Swapper');
      // Tag names of this test only: the database is shared with the other files' posts.
      const [a, b, c] = ['a', 'b', 'c'].map((name) => `swap-${name}-${randomUUID().slice(0, 8)}`) as [
        string,
        string,
        string,
      ];
      const one = await data.createPost(supabase, { title: 'One', published: true, tags: [a, b] });
      const two = await data.createPost(supabase, { title: 'Two', published: true, tags: [b, c] });
      // one: a → c while two: c → a, then back: each pair takes the a and c counters in opposite order.
      for (let i = 0; i < 30; i++) {
        const forward = i % 2 === 0;
        await Promise.all([
          retag[operation](supabase, one.id, forward ? [b, c] : [a, b]),
          retag[operation](supabase, two.id, forward ? [a, b] : [b, c]),
        ]);
      }
      const { data: rows } = await supabase.from('tags').select('name, post_count').in('name', [a, b, c]);
      const counts = new Map(rows?.map((row) => [row.name, row.post_count]));
      expect([a, b, c].map((name) => counts.get(name))).toEqual([1, 2, 1]);
    },
  );
});

// A write that adds a tag nobody used yet inserts it. When a retag locked its counters (in id order)
// before inserting its new tag, and a createPost had inserted the same new tag first and then
// waited for one of those counters, each waited for the other (40P01): the load test's writers hit
// it. Every call succeeding is the check.
describe('a new tag added by two writes at once', () => {
  it.each(Object.keys(retag) as (keyof typeof retag)[])(
    'createPost beside %s never deadlocks, and every count equals its posts',
    async (operation) => {
      const supabase = await signedUp('Tagger');
      const shared = `shared-${randomUUID().slice(0, 8)}`;
      const post = await data.createPost(supabase, { title: 'Retagged', published: true, tags: [shared] });
      const fresh: string[] = [];
      for (let i = 0; i < 40; i++) {
        const tag = `fresh-${i}-${randomUUID().slice(0, 8)}`;
        fresh.push(tag);
        // The retag locks the shared counter (removed) and inserts the fresh tag; the create
        // inserts the fresh tag and then moves the shared counter.
        await Promise.all([
          data.createPost(supabase, { title: `New ${i}`, published: true, tags: [tag, shared] }),
          retag[operation](supabase, post.id, [tag]),
        ]);
        await retag[operation](supabase, post.id, [shared]);
      }
      const { data: rows } = await supabase
        .from('tags')
        .select('name, post_count')
        .in('name', [shared, ...fresh]);
      const counts = new Map(rows?.map((row) => [row.name, row.post_count]));
      expect(counts.get(shared)).toBe(41);
      expect(fresh.map((name) => counts.get(name))).toEqual(fresh.map(() => 1));
    },
  );
});
