import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDb, createDirectClient, getDb } from '../src/data/client';
import { type LiveEvent, type PostChange, staleScopes, watchPostChanges } from '../src/data/live';
import { truncateAll } from '../src/data/maintenance';
import { createPost, deletePost, setPostTags, updatePost } from '../src/data/posts';
import { users } from '../src/data/schema';

/** Collects what a subscription receives, and waits for the next matching event. */
async function inbox() {
  const events: LiveEvent[] = [];
  const waiters: (() => void)[] = [];
  const stop = await watchPostChanges((event) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (count: number) => {
    while (events.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${events.length} of ${count} events arrived`)),
          5_000,
        );
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return events;
  };
  return { events, stop, until };
}

const listeners = async (): Promise<number> => {
  // Both drivers' execute() results carry the rows (the generic PgDatabase types them as unknown).
  const { rows } = (await getDb().execute(
    sql`select count(*)::int as count from pg_stat_activity where query ilike 'listen %'`,
  )) as { rows: { count: number }[] };
  return rows[0]!.count;
};

describe('live updates: LISTEN/NOTIFY behind /api/live', () => {
  let ada: { userId: string };
  let bob: { userId: string };

  beforeAll(async () => {
    await truncateAll();
    const rows = await getDb()
      .insert(users)
      .values([
        { email: 'ada-live@example.com', name: 'Ada' },
        { email: 'bob-live@example.com', name: 'Bob' },
      ])
      .returning({ id: users.id });
    [ada, bob] = rows.map((row) => ({ userId: row.id })) as [{ userId: string }, { userId: string }];
  });

  afterAll(() => closeDb());

  it('tells everyone of a public post, and only its author of a draft', () => {
    const change = (isPublic: boolean): PostChange => ({
      postId: 'p',
      authorId: ada.userId,
      public: isPublic,
    });
    expect(staleScopes(change(true), null)).toEqual(['feed', `user:${ada.userId}`, 'post:p']);
    expect(staleScopes(change(false), bob)).toEqual([]);
    expect(staleScopes(change(false), null)).toEqual([]);
    expect(staleScopes(change(false), ada)).toEqual(['feed', `user:${ada.userId}`, 'post:p']);
  });

  it('announces each committed change in commit order, a tag set once, and a post leaving the public view', async () => {
    const received = await inbox();
    try {
      expect(await listeners()).toBe(1);
      const draft = await createPost(ada, { title: 'Draft', tags: ['one', 'two'], published: false });
      const post = await createPost(ada, { title: 'Public', tags: [], published: true });
      await setPostTags(ada, post.id, ['a', 'b', 'c']);
      await updatePost(ada, draft.id, { published: true });
      await deletePost(ada, post.id);
      // NOTIFY folds identical payloads of one transaction: a post and its tags are one event.
      expect(await received.until(5)).toEqual([
        { postId: draft.id, authorId: ada.userId, public: false },
        { postId: post.id, authorId: ada.userId, public: true },
        { postId: post.id, authorId: ada.userId, public: true },
        { postId: draft.id, authorId: ada.userId, public: true },
        { postId: post.id, authorId: ada.userId, public: true },
      ]);
    } finally {
      received.stop();
    }
  });

  it('says nothing of a rolled-back write, and holds no session once the last page left', async () => {
    const received = await inbox();
    try {
      // A session of its own, whichever driver the data layer runs on (HTTP has no open transaction).
      const session = createDirectClient();
      await session.connect();
      await session.query('begin');
      await session.query("select pg_notify('post_changes', '{}')");
      await session.query('rollback');
      await session.end();
      const post = await createPost(bob, { title: 'After', tags: [], published: true });
      await received.until(1);
      expect(received.events).toEqual([{ postId: post.id, authorId: bob.userId, public: true }]);
    } finally {
      received.stop();
    }
    await expect.poll(listeners).toBe(0);
  });
});
