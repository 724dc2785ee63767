import pg from 'pg';
import { afterAll, expect, inject, test as base } from 'vitest';

/** Who runs the next statements: as PostgREST would set it for a request. */
export type Actor = 'anon' | { userId: string };

/**
 * One test's connection to the migrated database, in a transaction rolled back at the end, in the
 * spirit of basejump's supabase-test-helpers: fixtures are written as the superuser, then
 * statements run as `anon` or `authenticated` with the JWT claims PostgREST would set.
 */
export class SqlSession {
  constructor(private readonly client: pg.PoolClient) {}

  /** Switches to an API role with its claims (set_config(..., true): this transaction only). */
  async as(actor: Actor): Promise<void> {
    await this.client.query('reset role');
    const claims =
      actor === 'anon'
        ? { role: 'anon' }
        : { sub: actor.userId, role: 'authenticated', aud: 'authenticated' };
    await this.client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
    await this.client.query(`set local role ${actor === 'anon' ? 'anon' : 'authenticated'}`);
  }

  async asSuperuser(): Promise<void> {
    await this.client.query('reset role');
    await this.client.query("select set_config('request.jwt.claims', '', true)");
  }

  async query<Row extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    const result = await this.client.query<Row>(sql, params);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  /** Runs a statement that must fail with `sqlstate`; the transaction goes on afterwards. */
  async expectError(sqlstate: string, sql: string, params: unknown[] = []): Promise<void> {
    await this.client.query('savepoint expect_error');
    const failure = await this.client.query(sql, params).then(
      () => null,
      (error: unknown) => error as { code?: string },
    );
    await this.client.query('rollback to savepoint expect_error');
    expect(failure, `expected SQLSTATE ${sqlstate} from: ${sql}`).not.toBeNull();
    expect(failure?.code).toBe(sqlstate);
  }

  /** A user as sign-up creates one: auth.users, whose trigger adds public.users. */
  async createUser(name: string): Promise<string> {
    await this.asSuperuser();
    const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`;
    const { rows } = await this.query<{ id: string }>(
      "insert into auth.users (email, raw_user_meta_data) values ($1, jsonb_build_object('name', $2::text)) returning id",
      [email, name],
    );
    return rows[0]!.id;
  }

  async createPost(
    authorId: string,
    post: { title?: string; published?: boolean; deleted?: boolean; tags?: string[] } = {},
  ): Promise<string> {
    await this.asSuperuser();
    const { rows } = await this.query<{ id: string }>(
      `insert into public.posts (author_id, title, published, deleted_at)
       values ($1, $2, $3, case when $4 then now() end) returning id`,
      [authorId, post.title ?? 'A post', post.published ?? true, post.deleted ?? false],
    );
    const postId = rows[0]!.id;
    for (const tag of post.tags ?? []) {
      await this.query('insert into public.tags (name) values ($1) on conflict do nothing', [tag]);
      await this.query(
        'insert into public.post_tags (post_id, tag_id) select $1, id from public.tags where name = $2',
        [postId, tag],
      );
    }
    return postId;
  }
}

const pool = new pg.Pool({ connectionString: inject('rlsDatabaseUrl'), max: 2 });
afterAll(() => pool.end());

export const test = base.extend<{ db: SqlSession }>({
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies first
  db: async ({}, use) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await use(new SqlSession(client));
    } finally {
      await client.query('rollback');
      client.release();
    }
  },
});
