import { describe, expect } from 'vitest';
import { test } from './sql-session';

describe('audit_logs', () => {
  test('select: the author reads the log of their post, a deleted one too', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { deleted: true });
    await db.as({ userId: ann });
    const { rows } = await db.query('select action, actor_id from public.audit_logs where post_id = $1', [
      post,
    ]);
    expect(rows).toEqual([{ action: 'create', actor_id: ann }]);
  });

  test('select: another user reads nothing, even of a published post; anon is refused', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const bob = await db.createUser('Bob');
    const post = await db.createPost(ann);
    await db.as({ userId: bob });
    expect((await db.query('select 1 from public.audit_logs where post_id = $1', [post])).rowCount).toBe(0);
    await db.as('anon');
    await db.expectError('42501', 'select 1 from public.audit_logs');
  });

  test('insert, update and delete: refused to every client role, the author included', async ({ db }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann);
    for (const actor of ['anon', { userId: ann }] as const) {
      await db.as(actor);
      await db.expectError(
        '42501',
        "insert into public.audit_logs (post_id, actor_id, action) values ($1, $2, 'update')",
        [post, ann],
      );
      await db.expectError('42501', "update public.audit_logs set action = 'delete' where post_id = $1", [
        post,
      ]);
      await db.expectError('42501', 'delete from public.audit_logs where post_id = $1', [post]);
    }
  });

  test('triggers: changed fields only, nothing for a no-op, delete and restore with no changes', async ({
    db,
  }) => {
    const ann = await db.createUser('Ann');
    const post = await db.createPost(ann, { title: 'one' });
    await db.as({ userId: ann });
    await db.query("update public.posts set title = 'two', published = true where id = $1", [post]);
    await db.query("update public.posts set title = 'two' where id = $1", [post]);
    await db.query('update public.posts set deleted_at = now() where id = $1', [post]);
    await db.query('update public.posts set deleted_at = null where id = $1', [post]);
    const { rows } = await db.query(
      'select action, changes from public.audit_logs where post_id = $1 order by id',
      [post],
    );
    expect(rows).toEqual([
      { action: 'create', changes: {} },
      { action: 'update', changes: { title: { from: 'one', to: 'two' } } },
      { action: 'delete', changes: {} },
      { action: 'restore', changes: {} },
    ]);
  });
});
