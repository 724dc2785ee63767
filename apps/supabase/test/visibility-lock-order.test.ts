import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';

// Committed data in the SQL-level database (each session here is its own transaction, so the
// rolled-back sessions of test/rls do not fit); names unique to this test.
const databaseUrl = inject('rlsDatabaseUrl');
const clients: pg.Client[] = [];

async function connect(): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  clients.push(client);
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  return { client, pid };
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()));
});

/** Resolves once session `pid` waits for a lock another session holds. */
async function waitsForLock(observer: pg.Client, pid: number): Promise<void> {
  for (;;) {
    const { rows } = await observer.query<{ wait: string | null }>(
      'select wait_event_type as wait from pg_stat_activity where pid = $1',
      [pid],
    );
    if (rows[0]?.wait === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Deleting a post removes its tagged_posts rows in scan order, each moving its tag's counter. One
// post's rows lying in the opposite order to the other's took the counters crosswise: a deadlock,
// which PostgreSQL breaks by failing one delete (40P01). Found by tooling/load's concurrent deletes.
it('two posts sharing tags, deleted at once, never deadlock whatever order their rows lie in', async () => {
  const { client: admin } = await connect();
  const [a, b] = ['a', 'b'].map((name) => `lock-${name}-${randomUUID().slice(0, 8)}`) as [string, string];
  // a's counter has the lower id; the first post links b before a, the second a before b.
  await admin.query('insert into public.tags (name) values ($1), ($2)', [a, b]);
  const author = (
    await admin.query<{ id: string }>(
      'insert into auth.users (email, raw_user_meta_data) values ($1, \'{"name":"Locker"}\') returning id',
      [`${a}@example.com`],
    )
  ).rows[0]!.id;
  const posts: string[] = [];
  for (const order of [
    [b, a],
    [a, b],
  ]) {
    const post = (
      await admin.query<{ id: string }>(
        "insert into public.posts (author_id, title, published) values ($1, 'Shared tags', true) returning id",
        [author],
      )
    ).rows[0]!.id;
    for (const tag of order)
      await admin.query(
        'insert into public.post_tags (post_id, tag_id) select $1, id from public.tags where name = $2',
        [post, tag],
      );
    posts.push(post);
  }

  // b's counter held elsewhere, so both deletes queue up mid-way, then run at once when it is freed.
  const { client: blocker } = await connect();
  await blocker.query('begin');
  await blocker.query('select from public.tags where name = $1 for update', [b]);
  const deletes = [];
  for (const post of posts) {
    const { client, pid } = await connect();
    await client.query('begin');
    deletes.push(
      client
        .query('update public.posts set deleted_at = now() where id = $1', [post])
        .then(() => client.query('commit')),
    );
    await waitsForLock(admin, pid);
  }
  await blocker.query('commit');

  const outcomes = await Promise.allSettled(deletes);
  expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'ok'))).toEqual([
    'ok',
    'ok',
  ]);
  const { rows } = await admin.query<{ post_count: number }>(
    'select post_count from public.tags where name = any($1) order by name',
    [[a, b]],
  );
  expect(rows.map((row) => row.post_count)).toEqual([0, 0]);
});
