import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ContractError } from '@parity/domain';
import { type SupabaseApi, startSupabaseApi } from '@parity/supabase-offline';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';

// Issue 18: the offline Supabase API restarted (every socket and pool closed, then the same port and
// keys again) with writes in flight. An API of its own on the suite's database, so the restart
// cuts nobody else. Each create_post is held inside its transaction by a lock on posts while the
// API stops; then half of the held sessions die (rolled back, as a killed process leaves them) and
// the other half commit with nobody left to answer. Every write must be all or nothing (post, tags
// and its one audit entry), every caller must get an error, and the next request must work.

const databaseUrl = inject('apiDatabaseUrl');
const supabaseConfig = fileURLToPath(new URL('../supabase/config.toml', import.meta.url));
const WRITES = 6;

let api: SupabaseApi;
let admin: pg.Client;

beforeAll(async () => {
  api = await startSupabaseApi({ databaseUrl, supabaseConfig, passwordHashing: 'quick' });
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});

afterAll(async () => {
  await api?.stop();
  await admin?.end();
});

/** The backends of the writes waiting for the lock on posts, once `count` of them are. */
async function heldWrites(count: number): Promise<number[]> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    // pg_locks, not pg_stat_activity.query: the API pipelines a request's statements, so a backend
    // may still show the text of its previous query.
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_locks where relation = 'public.posts'::regclass and not granted order by pid`,
    );
    if (rows.length === count) return rows.map((row) => row.pid);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${count} writes never waited for the lock on posts`);
}

it('applies a write in flight across an API restart entirely or not at all, and serves the next request', async () => {
  const client = (): Supabase => createSupabaseClient({ url: api.url, key: api.anonKey });
  const author = client();
  const email = `restart.${randomUUID()}@example.com`;
  const password = randomUUID();
  await data.signUp(author, { email, name: 'Restart' }, password);
  const titles = Array.from({ length: WRITES }, (_, n) => `In flight ${n} ${randomUUID()}`);

  await admin.query('begin');
  await admin.query('lock table public.posts in share row exclusive mode');
  const outcomes = titles.map((title) =>
    data.createPost(author, { title, published: true, tags: ['restart', 'inflight'] }).then(
      () => 'applied' as const,
      (error: unknown) => error,
    ),
  );
  // Released on failure too: the API's stop() waits for the writes the lock holds.
  const held = await heldWrites(WRITES).catch(async (error: unknown) => {
    await admin.query('rollback');
    throw error;
  });
  const stopped = api.stop();
  const killed = held.slice(0, WRITES / 2);
  await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [killed]);
  await admin.query('commit');
  await stopped;
  const port = Number(new URL(api.url).port);
  api = await startSupabaseApi({
    databaseUrl,
    supabaseConfig,
    passwordHashing: 'quick',
    port,
    jwtSecret: api.jwtSecret,
    signingKey: api.signingKey,
  });

  // Each caller lost its connection: an error, never a ContractError, never a success.
  for (const outcome of await Promise.all(outcomes)) {
    expect(outcome).toBeInstanceOf(Error);
    expect(outcome).not.toBeInstanceOf(ContractError);
  }
  // The session from before the restart still works; the next write too.
  const me = await data.me(author);
  expect(me?.email).toBe(email);
  await data.createPost(author, { title: 'After the restart', published: true, tags: ['restart'] });
  const mine = (await data.listPosts(author, { authorId: me!.id, limit: 100 })).items;
  const applied = mine.filter((post) => titles.includes(post.title));
  // The killed sessions' transactions rolled back; the others committed after their answer was lost.
  expect(applied).toHaveLength(WRITES - killed.length);
  for (const post of applied) {
    expect(post.tags).toEqual(['inflight', 'restart']);
    expect((await data.auditLog(author, post.id)).map((entry) => entry.action)).toEqual(['create']);
  }
  const { rows } = await admin.query<{ count: string }>(
    `select count(*) from public.posts where title = any($1::text[])`,
    [titles],
  );
  expect(Number(rows[0]!.count)).toBe(applied.length);
  expect(mine.some((post) => post.title === 'After the restart')).toBe(true);
});
