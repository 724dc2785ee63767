import { describe, expect } from 'vitest';
import { type Actor, type SqlSession, test } from './sql-session';

async function fixture(db: SqlSession) {
  const author = await db.createUser('Author');
  const other = await db.createUser('Other');
  const published = await db.createPost(author, { title: 'published' });
  const draft = await db.createPost(author, { title: 'draft', published: false });
  const deleted = await db.createPost(author, { title: 'deleted', deleted: true });
  return { author, other, published, draft, deleted };
}

async function visibleTitles(db: SqlSession, actor: Actor, relation: string) {
  await db.as(actor);
  const { rows } = await db.query<{ title: string }>(`select title from ${relation} order by title`);
  return rows.map((row) => row.title);
}

describe('posts', () => {
  test('select: anon and another user see only the published, live post', async ({ db }) => {
    const { other } = await fixture(db);
    expect(await visibleTitles(db, 'anon', 'public.posts')).toEqual(['published']);
    expect(await visibleTitles(db, { userId: other }, 'public.posts')).toEqual(['published']);
  });

  test('select: the author sees all their rows, deleted ones too (to restore them)', async ({ db }) => {
    const { author } = await fixture(db);
    expect(await visibleTitles(db, { userId: author }, 'public.posts')).toEqual([
      'deleted',
      'draft',
      'published',
    ]);
  });

  test('post_details: hides deleted posts from everyone, the author included', async ({ db }) => {
    const { author, other } = await fixture(db);
    expect(await visibleTitles(db, { userId: author }, 'public.post_details')).toEqual([
      'draft',
      'published',
    ]);
    expect(await visibleTitles(db, { userId: other }, 'public.post_details')).toEqual(['published']);
    expect(await visibleTitles(db, 'anon', 'public.post_details')).toEqual(['published']);
  });

  test('insert: the author_id defaults to the caller and cannot be named', async ({ db }) => {
    const { author, other } = await fixture(db);
    await db.as({ userId: author });
    const { rows } = await db.query("insert into public.posts (title) values ('new') returning author_id");
    expect(rows).toEqual([{ author_id: author }]);
    await db.expectError('42501', "insert into public.posts (title, author_id) values ('x', $1)", [other]);
  });

  test('insert: id, created_at, updated_at and deleted_at cannot be chosen', async ({ db }) => {
    const { author } = await fixture(db);
    await db.as({ userId: author });
    await db.expectError('42501', "insert into public.posts (id, title) values (gen_random_uuid(), 'x')");
    await db.expectError('42501', "insert into public.posts (title, created_at) values ('x', '2000-01-01')");
    await db.expectError('42501', "insert into public.posts (title, updated_at) values ('x', '2000-01-01')");
    await db.expectError('42501', "insert into public.posts (title, deleted_at) values ('x', now())");
  });

  test('insert: anon is refused', async ({ db }) => {
    await db.as('anon');
    await db.expectError('42501', "insert into public.posts (title) values ('x')");
  });

  test('update: the author edits their post', async ({ db }) => {
    const { author, published } = await fixture(db);
    await db.as({ userId: author });
    expect(
      (await db.query("update public.posts set title = 'edited' where id = $1", [published])).rowCount,
    ).toBe(1);
  });

  test('update: another user changes no row, published or draft', async ({ db }) => {
    const { other, published, draft } = await fixture(db);
    await db.as({ userId: other });
    const { rowCount } = await db.query("update public.posts set title = 'hacked' where id = any($1)", [
      [published, draft],
    ]);
    expect(rowCount).toBe(0);
    expect(await visibleTitles(db, 'anon', 'public.posts')).toEqual(['published']);
  });

  test('update: anon is refused', async ({ db }) => {
    const { published } = await fixture(db);
    await db.as('anon');
    await db.expectError('42501', "update public.posts set title = 'x' where id = $1", [published]);
  });

  test('update: author_id, id, created_at and updated_at are not writable, even by the author', async ({
    db,
  }) => {
    const { author, other, published } = await fixture(db);
    await db.as({ userId: author });
    await db.expectError('42501', 'update public.posts set author_id = $2 where id = $1', [published, other]);
    await db.expectError('42501', 'update public.posts set id = gen_random_uuid() where id = $1', [
      published,
    ]);
    await db.expectError('42501', "update public.posts set created_at = '2000-01-01' where id = $1", [
      published,
    ]);
    await db.expectError('42501', "update public.posts set updated_at = '2000-01-01' where id = $1", [
      published,
    ]);
  });

  test('soft delete: the database sets deleted_at itself, whatever the client sends', async ({ db }) => {
    const { author, published } = await fixture(db);
    await db.as({ userId: author });
    const { rows } = await db.query<{ recent: boolean }>(
      // The write's own clock time (commit-ordered stamps), never the value sent.
      "update public.posts set deleted_at = '2000-01-01' where id = $1 returning deleted_at between now() and clock_timestamp() as recent",
      [published],
    );
    expect(rows).toEqual([{ recent: true }]);
  });

  test('soft delete: a deleted post cannot be edited, and a delete changes nothing else', async ({ db }) => {
    const { author, published, deleted } = await fixture(db);
    await db.as({ userId: author });
    await db.expectError('55000', "update public.posts set title = 'x' where id = $1", [deleted]);
    await db.expectError('55000', "update public.posts set title = 'x', deleted_at = now() where id = $1", [
      published,
    ]);
  });

  test('delete: hard deletes are refused to every client role (deletion is soft)', async ({ db }) => {
    const { author, published } = await fixture(db);
    for (const actor of ['anon', { userId: author }] as const) {
      await db.as(actor);
      await db.expectError('42501', 'delete from public.posts where id = $1', [published]);
    }
  });

  test('check: title trimmed 1–200 characters, content at most 20,000', async ({ db }) => {
    const { author } = await fixture(db);
    await db.as({ userId: author });
    await db.expectError('23514', "insert into public.posts (title) values ('')");
    await db.expectError('23514', "insert into public.posts (title) values ('padded ')");
    await db.expectError('23514', 'insert into public.posts (title) values (repeat($1, 201))', ['x']);
    await db.expectError(
      '23514',
      "insert into public.posts (title, content) values ('t', repeat('x', 20001))",
    );
    await db.query('insert into public.posts (title, content) values (repeat($1, 200), repeat($1, 20000))', [
      '😀',
    ]);
  });
});
