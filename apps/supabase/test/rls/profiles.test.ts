import { describe, expect } from 'vitest';
import { test } from './sql-session';

describe('profiles', () => {
  test('select: anon, the owner and another user read every profile', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.query("insert into public.profiles (user_id, bio) values ($1, 'hi')", [ann]);
    for (const actor of ['anon', { userId: ann }, { userId: bob }] as const) {
      await db.as(actor);
      expect((await db.query('select bio from public.profiles where user_id = $1', [ann])).rows).toEqual([
        { bio: 'hi' },
      ]);
    }
  });

  test('insert: the owner creates their own profile, user_id defaulting to auth.uid()', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    const { rows } = await db.query("insert into public.profiles (bio) values ('mine') returning user_id");
    expect(rows).toEqual([{ user_id: ann }]);
  });

  test('insert: nobody names the user_id, so no one creates a profile for someone else', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.as({ userId: bob });
    await db.expectError('42501', "insert into public.profiles (user_id, bio) values ($1, 'x')", [ann]);
  });

  test('insert: anon is refused', async ({ db }) => {
    await db.as('anon');
    await db.expectError('42501', "insert into public.profiles (bio) values ('x')");
  });

  test('update: the owner edits; another user changes no row; anon is refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.query("insert into public.profiles (user_id, bio) values ($1, 'hi')", [ann]);

    await db.as({ userId: bob });
    expect((await db.query("update public.profiles set bio = 'x' where user_id = $1", [ann])).rowCount).toBe(
      0,
    );
    await db.as('anon');
    await db.expectError('42501', "update public.profiles set bio = 'x' where user_id = $1", [ann]);
    await db.as({ userId: ann });
    expect(
      (await db.query("update public.profiles set bio = 'new' where user_id = $1", [ann])).rowCount,
    ).toBe(1);
  });

  test('check: bio at most 280 characters, avatar_url an absolute https URL', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    await db.expectError('23514', 'insert into public.profiles (bio) values (repeat($1, 281))', ['x']);
    await db.expectError(
      '23514',
      "insert into public.profiles (avatar_url) values ('http://example.com/a.png')",
    );
    await db.expectError('23514', "insert into public.profiles (avatar_url) values ('https://exa mple.com')");
    await db.query("insert into public.profiles (avatar_url) values ('https://example.com/a.png')");
  });
});
