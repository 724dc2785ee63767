import { describe, expect } from 'vitest';
import { test } from './sql-session';

describe('users', () => {
  test('the sign-up trigger creates the public user from auth.users and its metadata name', async ({
    db,
  }) => {
    const id = await db.createUser('Ann');
    const { rows } = await db.query('select name, email from public.users where id = $1', [id]);
    expect(rows).toEqual([{ name: 'Ann', email: expect.stringMatching(/^ann-.*@example\.com$/) }]);
  });

  test('select: anon, the owner and another user all read public fields', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    for (const actor of ['anon', { userId: ann }, { userId: bob }] as const) {
      await db.as(actor);
      const { rows } = await db.query('select id, name from public.users where id = $1', [ann]);
      expect(rows).toEqual([{ id: ann, name: 'Ann' }]);
    }
  });

  test('select: the email column is private to every client role, the owner included', async ({ db }) => {
    const ann = await db.createUser('Ann');
    for (const actor of ['anon', { userId: ann }] as const) {
      await db.as(actor);
      await db.expectError('42501', 'select email from public.users where id = $1', [ann]);
    }
  });

  test('update: the owner renames themself', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    const { rowCount } = await db.query("update public.users set name = 'Annie' where id = $1", [ann]);
    expect(rowCount).toBe(1);
  });

  test('update: another user changes no row and the name stays', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    await db.as({ userId: bob });
    const { rowCount } = await db.query("update public.users set name = 'Hacked' where id = $1", [ann]);
    expect(rowCount).toBe(0);
    await db.asSuperuser();
    expect((await db.query('select name from public.users where id = $1', [ann])).rows).toEqual([
      { name: 'Ann' },
    ]);
  });

  test('update: anon is refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as('anon');
    await db.expectError('42501', "update public.users set name = 'Hacked' where id = $1", [ann]);
  });

  test('update: the owner cannot change id, email or created_at', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    await db.expectError('42501', "update public.users set email = 'x@example.com' where id = $1", [ann]);
    await db.expectError('42501', 'update public.users set id = gen_random_uuid() where id = $1', [ann]);
    await db.expectError('42501', "update public.users set created_at = '2000-01-01' where id = $1", [ann]);
  });

  test('insert and delete: no client role may, not even for itself', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    await db.expectError('42501', "insert into public.users (id, email, name) values ($1, 'a@b.io', 'A')", [
      ann,
    ]);
    await db.expectError('42501', 'delete from public.users where id = $1', [ann]);
  });

  test('check: names are trimmed, 1–80 characters; emails lowercased', async ({ db }) => {
    const ann = await db.createUser('Ann');
    await db.as({ userId: ann });
    await db.expectError('23514', "update public.users set name = ' Ann' where id = $1", [ann]);
    await db.expectError('23514', "update public.users set name = '' where id = $1", [ann]);
    await db.expectError('23514', 'update public.users set name = repeat($2, 81) where id = $1', [ann, 'é']);
    await db.asSuperuser();
    await db.expectError('23514', "update public.users set email = 'Ann@Example.com' where id = $1", [ann]);
  });
});
