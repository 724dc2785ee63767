import { describe, expect } from 'vitest';
import { test } from './sql-session';

describe('create_post', () => {
  test('the author creates a post with normalized, shared tags and one create entry', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.query("insert into public.tags (name) values ('old')");
    await db.as({ userId: ann });
    const { rows } = await db.query<{ id: string; author_id: string; tags: string[] }>(
      "select id, author_id, tags from public.create_post('Title', null, true, array['new', 'old', 'new'])",
    );
    expect(rows[0]).toMatchObject({ author_id: ann, tags: ['new', 'old'] });
    const audit = await db.query('select action from public.audit_logs where post_id = $1', [rows[0]!.id]);
    expect(audit.rows).toEqual([{ action: 'create' }]);
  });

  test('anon may not call it', async ({ db }) => {
    await db.as('anon');
    await db.expectError('42501', "select public.create_post('Title')");
  });

  test('a bad tag rolls the whole post back', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    await db.expectError('23514', "select public.create_post('Title', null, true, array['ok', 'Not OK'])");
    expect((await db.query('select 1 from public.posts')).rowCount).toBe(0);
  });
});

describe('set_post_tags', () => {
  test('the author replaces the tags; one tags entry; the same set again is a no-op', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { tags: ['a', 'b'] });
    await db.as({ userId: ann });
    const { rows } = await db.query("select tags from public.set_post_tags($1, array['c', 'a'])", [post]);
    expect(rows).toEqual([{ tags: ['a', 'c'] }]);
    await db.query("select public.set_post_tags($1, array['a', 'c'])", [post]);
    const audit = await db.query(
      'select action, changes from public.audit_logs where post_id = $1 order by id',
      [post],
    );
    expect(audit.rows).toEqual([
      { action: 'create', changes: {} },
      { action: 'tags', changes: { tags: { from: ['a', 'b'], to: ['a', 'c'] } } },
    ]);
  });

  test('another user: insufficient_privilege on a post they see, no_data_found on a draft', async ({
    db,
  }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const published = await db.createPost(ann, { tags: ['a'] });
    const draft = await db.createPost(ann, { published: false });
    await db.as({ userId: bob });
    await db.expectError('42501', "select public.set_post_tags($1, array['x'])", [published]);
    await db.expectError('P0002', "select public.set_post_tags($1, array['x'])", [draft]);
  });

  test('a deleted post is not found, even for its author; anon may not call it', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const deleted = await db.createPost(ann, { deleted: true });
    await db.as({ userId: ann });
    await db.expectError('P0002', "select public.set_post_tags($1, array['x'])", [deleted]);
    await db.as('anon');
    await db.expectError('42501', "select public.set_post_tags($1, array['x'])", [deleted]);
  });

  test('the private helper refuses to record a tag change on someone else’s post', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const post = await db.createPost(ann);
    await db.as({ userId: bob });
    await db.expectError('42501', "select private.record_post_tags_change($1, '{}', array['forged'])", [
      post,
    ]);
  });
});

describe('edit_post', () => {
  test('the author edits fields and tags at once: one update entry listing both', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { tags: ['a', 'b'] });
    await db.as({ userId: ann });
    const { rows } = await db.query(
      `select title, tags from public.edit_post($1, '{"title": "New"}', array['c', 'a'])`,
      [post],
    );
    expect(rows).toEqual([{ title: 'New', tags: ['a', 'c'] }]);
    await db.query(`select public.edit_post($1, '{"title": "New"}', array['a', 'c'])`, [post]);
    const audit = await db.query(
      'select action, changes from public.audit_logs where post_id = $1 order by at',
      [post],
    );
    expect(audit.rows).toEqual([
      { action: 'create', changes: {} },
      {
        action: 'update',
        changes: {
          title: { from: expect.any(String), to: 'New' },
          tags: { from: ['a', 'b'], to: ['a', 'c'] },
        },
      },
    ]);
  });

  test('a bad tag rolls the whole edit back, the field change included', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { tags: ['a'] });
    const before = await db.query('select title, updated_at from public.posts where id = $1', [post]);
    await db.as({ userId: ann });
    await db.expectError('23514', `select public.edit_post($1, '{"title": "Half"}', array['ok', 'Not OK'])`, [
      post,
    ]);
    await db.asSuperuser();
    expect((await db.query('select title, updated_at from public.posts where id = $1', [post])).rows).toEqual(
      before.rows,
    );
    expect((await db.query('select 1 from public.audit_logs where post_id = $1', [post])).rowCount).toBe(1);
  });

  test('another user: insufficient_privilege on a post they see, no_data_found on a draft; anon may not call it', async ({
    db,
  }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const published = await db.createPost(ann, { tags: ['a'] });
    const draft = await db.createPost(ann, { published: false });
    await db.as({ userId: bob });
    await db.expectError('42501', `select public.edit_post($1, '{"title": "Mine"}')`, [published]);
    await db.expectError('P0002', `select public.edit_post($1, '{}', array['x'])`, [draft]);
    await db.as('anon');
    await db.expectError('42501', `select public.edit_post($1, '{"title": "Mine"}')`, [published]);
  });

  test('the private helper refuses to add a tag change to someone else’s entry', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const post = await db.createPost(ann);
    await db.as({ userId: bob });
    await db.expectError('42501', "select private.add_tags_to_edit_entry($1, '{}', array['forged'])", [post]);
  });
});

describe('delete_me', () => {
  test('deletes the caller’s account and cascades to everything they own', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.createPost(ann, { tags: ['shared'] });
    await db.createPost(bob, { tags: ['shared'] });
    await db.query("insert into public.profiles (user_id, bio) values ($1, 'bye')", [ann]);
    await db.as({ userId: ann });
    await db.query('select public.delete_me()');
    await db.asSuperuser();
    const { rows } = await db.query(`
      select (select count(*)::int from auth.users) as auth_users,
             (select count(*)::int from public.users) as users,
             (select count(*)::int from public.profiles) as profiles,
             (select count(*)::int from public.posts) as posts,
             (select count(*)::int from public.post_tags) as post_tags,
             (select count(*)::int from public.audit_logs) as audit_logs,
             (select count(*)::int from public.tags) as tags`);
    expect(rows).toEqual([
      { auth_users: 1, users: 1, profiles: 0, posts: 1, post_tags: 1, audit_logs: 1, tags: 1 },
    ]);
  });

  test('anon may not call it', async ({ db }) => {
    await db.createUser('Ann');
    await db.as('anon');
    await db.expectError('42501', 'select public.delete_me()');
  });
});

describe('row level security', () => {
  test('is enabled on every table in public', async ({ db }) => {
    const { rows } = await db.query(
      "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and not relrowsecurity",
    );
    expect(rows).toEqual([]);
  });

  test('every view in public runs with the caller’s rights (security_invoker)', async ({ db }) => {
    const { rows } = await db.query(`
      select relname from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'v'
        and not coalesce('security_invoker=true' = any(reloptions), false)`);
    expect(rows).toEqual([]);
  });
});
