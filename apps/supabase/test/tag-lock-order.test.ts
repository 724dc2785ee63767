import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';

const target = inject('supabase');

// The tag counters are rows every tagged write updates (triggers). Two set_post_tags (or edit_post)
// calls that lock the same tags in opposite orders deadlock, and PostgreSQL aborts one: the client
// would get the error (40P01), so every call succeeding is the check.
describe('two posts swapping tags in opposite directions at once', () => {
  const retag = {
    setPostTags: data.setPostTags,
    editPost: (supabase: Supabase, id: string, tags: string[]) => data.editPost(supabase, id, { tags }),
  };

  it.each(Object.keys(retag) as (keyof typeof retag)[])(
    '%s never deadlocks, and leaves every tag count equal to its posts',
    async (operation) => {
      const supabase = createSupabaseClient({ url: target.url, key: target.anonKey });
      await data.signUp(
        supabase,
        { email: `swap.${randomUUID()}@example.com`, name: 'Swapper' },
        randomUUID(),
      );
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
