import { describe, expect } from 'vitest';
import { test } from './sql-session';

describe('tags', () => {
  test('select: anon, an author and another user read every tag', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.createPost(ann, { published: false, tags: ['draft-only'] });
    for (const actor of ['anon', { userId: ann }, { userId: bob }] as const) {
      await db.as(actor);
      expect((await db.query("select name from public.tags where name = 'draft-only'")).rows).toHaveLength(1);
    }
  });

  test('insert: any signed-in user adds a tag name; anon is refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    expect((await db.query("insert into public.tags (name) values ('fresh')")).rowCount).toBe(1);
    await db.as('anon');
    await db.expectError('42501', "insert into public.tags (name) values ('anon-tag')");
  });

  test('update and delete: refused to every client role', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.createPost(ann, { tags: ['kept'] });
    for (const actor of ['anon', { userId: ann }] as const) {
      await db.as(actor);
      await db.expectError('42501', "update public.tags set name = 'renamed' where name = 'kept'");
      await db.expectError('42501', "delete from public.tags where name = 'kept'");
    }
  });

  test('check: only normalized names are stored', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    for (const name of ['Upper', ' padded', 'two words', '-leading', 'x'.repeat(33), '']) {
      await db.expectError('23514', 'insert into public.tags (name) values ($1)', [name]);
    }
  });

  test('post_count: counts published, live posts only, whoever asks', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.createPost(ann, { tags: ['a', 'b'] });
    await db.createPost(ann, { tags: ['a'] });
    await db.createPost(ann, { published: false, tags: ['a', 'draft'] });
    await db.createPost(ann, { deleted: true, tags: ['a', 'gone'] });
    for (const actor of ['anon', { userId: ann }] as const) {
      await db.as(actor);
      const { rows } = await db.query(
        'select name, post_count from public.tags where post_count > 0 order by name',
      );
      expect(rows).toEqual([
        { name: 'a', post_count: 2 },
        { name: 'b', post_count: 1 },
      ]);
      await db.expectError('42501', "update public.tags set post_count = 99 where name = 'a'");
    }
  });
});

describe('tagged_posts', () => {
  test('select: live posts under a tag; a draft for its author only; written by triggers alone', async ({
    db,
  }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.createPost(ann, { tags: ['t'] });
    await db.createPost(ann, { published: false, tags: ['t'] });
    await db.createPost(ann, { deleted: true, tags: ['t'] });
    for (const [actor, visible] of [
      ['anon', 1],
      [{ userId: bob }, 1],
      [{ userId: ann }, 2],
    ] as const) {
      await db.as(actor);
      expect((await db.query('select 1 from public.tagged_posts')).rowCount).toBe(visible);
    }
    await db.expectError('42501', 'delete from public.tagged_posts');
  });
});

describe('post_tags', () => {
  test('select: links of a published post are visible to all, of a draft to its author only', async ({
    db,
  }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.createPost(ann, { tags: ['public'] });
    const draft = await db.createPost(ann, { published: false, tags: ['secret'] });
    for (const actor of ['anon', { userId: bob }] as const) {
      await db.as(actor);
      expect((await db.query('select 1 from public.post_tags')).rowCount).toBe(1);
      expect((await db.query('select 1 from public.post_tags where post_id = $1', [draft])).rowCount).toBe(0);
    }
    await db.as({ userId: ann });
    expect((await db.query('select 1 from public.post_tags')).rowCount).toBe(2);
  });

  test('insert: the author links a tag; another user and anon are refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const post = await db.createPost(ann);
    await db.query("insert into public.tags (name) values ('t')");
    const link =
      "insert into public.post_tags (post_id, tag_id) select $1, id from public.tags where name = 't'";
    await db.as({ userId: bob });
    await db.expectError('42501', link, [post]);
    await db.as('anon');
    await db.expectError('42501', link, [post]);
    await db.as({ userId: ann });
    expect((await db.query(link, [post])).rowCount).toBe(1);
  });

  test('insert: not even the author links tags to a deleted post', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { deleted: true });
    await db.query("insert into public.tags (name) values ('t')");
    await db.as({ userId: ann });
    await db.expectError(
      '42501',
      "insert into public.post_tags (post_id, tag_id) select $1, id from public.tags where name = 't'",
      [post],
    );
  });

  test('delete: the author unlinks; another user removes nothing; anon is refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const post = await db.createPost(ann, { tags: ['t'] });
    await db.as({ userId: bob });
    expect((await db.query('delete from public.post_tags where post_id = $1', [post])).rowCount).toBe(0);
    await db.as('anon');
    await db.expectError('42501', 'delete from public.post_tags where post_id = $1', [post]);
    await db.as({ userId: ann });
    expect((await db.query('delete from public.post_tags where post_id = $1', [post])).rowCount).toBe(1);
  });

  test('a post has at most 10 tags', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const tags = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const post = await db.createPost(ann, { tags });
    await db.query("insert into public.tags (name) values ('eleventh')");
    await db.as({ userId: ann });
    await db.expectError(
      '23514',
      "insert into public.post_tags (post_id, tag_id) select $1, id from public.tags where name = 'eleventh'",
      [post],
    );
  });
});
