import { afterAll, describe, expect, it } from 'vitest';
import { signUpWithPassword } from '../src/auth/accounts';
import { closeDb, createDirectClient } from '../src/data/client';
import { truncateAll } from '../src/data/maintenance';
import { createPost, editPost, setPostTags } from '../src/data/posts';
import { listTags } from '../src/data/tags';

/**
 * Deadlocks PostgreSQL has broken in this database so far. A backend reports its counts when it
 * exits, so the app's pool is closed first and its sessions are waited out.
 */
async function deadlocks(): Promise<number> {
  await closeDb();
  const client = createDirectClient();
  await client.connect();
  try {
    for (let waited = 0; waited < 100; waited++) {
      const { rows } = await client.query<{ others: number }>(
        `select count(*)::int as others from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      if (rows[0]!.others === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { rows } = await client.query<{ deadlocks: string }>(
      `select deadlocks from pg_stat_database where datname = current_database()`,
    );
    return Number(rows[0]!.deadlocks);
  } finally {
    await client.end();
  }
}

// The tag counters are rows every tagged write updates (triggers). Two writes that lock the same
// tags in opposite orders deadlock, and PostgreSQL aborts one; retryOnRace would hide that behind
// a retry a second later (deadlock_timeout), so the database's own count is what this checks.
describe('two posts swapping tags in opposite directions at once', () => {
  afterAll(() => closeDb());

  const retag = {
    setPostTags,
    editPost: (actor: { userId: string }, id: string, tags: string[]) => editPost(actor, id, { tags }),
  };

  it.each(Object.keys(retag) as (keyof typeof retag)[])(
    '%s never deadlocks, and leaves every tag count equal to its posts',
    async (operation) => {
      await truncateAll();
      const ada = await signUpWithPassword({
        email: 'swapper@example.com',
        name: 'Swapper',
        password: 'correct horse battery staple',
      });
      const one = await createPost(ada, { title: 'One', published: true, tags: ['a', 'b'] });
      const two = await createPost(ada, { title: 'Two', published: true, tags: ['b', 'c'] });
      const before = await deadlocks();
      // one: a → c while two: c → a, then back: each pair takes the a and c counters in opposite order.
      for (let i = 0; i < 30; i++) {
        const forward = i % 2 === 0;
        await Promise.all([
          retag[operation](ada, one.id, forward ? ['b', 'c'] : ['a', 'b']),
          retag[operation](ada, two.id, forward ? ['a', 'b'] : ['b', 'c']),
        ]);
      }
      expect(await deadlocks()).toBe(before);
      expect(await listTags()).toEqual([
        { name: 'b', postCount: 2 },
        { name: 'a', postCount: 1 },
        { name: 'c', postCount: 1 },
      ]);
    },
  );
});
