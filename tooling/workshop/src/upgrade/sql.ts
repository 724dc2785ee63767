import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { branchDatabase, startNeonProxy, startPostgres } from '@parity/local-stack';
import pg from 'pg';
import { runOrThrow } from '../run';
import { AUTHOR, OLD_POSTS, expectedPublishedAt } from './published-at';

/**
 * The posts as a dump restores them: no trigger fires (session_replication_role = replica), so the
 * rows are exactly these, as the old schema held them.
 */
async function seed(url: string, withAuthUser: boolean): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    if (withAuthUser) {
      await client.query('insert into auth.users (id, email) values ($1, $2)', [AUTHOR.id, AUTHOR.email]);
    }
    await client.query('insert into public.users (id, email, name) values ($1, $2, $3)', [
      AUTHOR.id,
      AUTHOR.email,
      AUTHOR.name,
    ]);
    for (const post of OLD_POSTS) {
      await client.query(
        `insert into public.posts (id, author_id, title, content, published, created_at, updated_at, deleted_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          post.id,
          AUTHOR.id,
          post.title,
          post.content,
          post.published,
          post.createdAt,
          post.updatedAt,
          post.deletedAt,
        ],
      );
    }
    await client.query('commit');
  });
}

interface PostRow {
  id: string;
  /** The row as JSON, published_at left out: what the change must keep as it was. */
  rest: unknown;
  published: boolean;
  created_at: Date;
  published_at?: Date | null;
}

const readPosts = (url: string, withPublishedAt: boolean) =>
  withClient(url, async (client) => {
    const columns = withPublishedAt ? ', published_at' : '';
    const { rows } = await client.query<PostRow>(
      `select id::text, to_jsonb(p) - 'published_at' as rest, published, created_at${columns}
       from public.posts p order by id`,
    );
    return rows;
  });

/** What is wrong with the posts after the change, compared with the same posts before it. */
async function problemsAfter(url: string, before: PostRow[]): Promise<string[]> {
  const hasColumn = await withClient(url, async (client) => {
    const { rowCount } = await client.query(
      `select 1 from information_schema.columns
       where table_schema = 'public' and table_name = 'posts' and column_name = 'published_at'`,
    );
    return rowCount === 1;
  });
  if (!hasColumn) return ['posts has no published_at column after the migrations'];
  const after = await readPosts(url, true);
  const problems: string[] = [];
  if (after.length !== before.length) problems.push(`${before.length} posts before, ${after.length} after`);
  for (const old of before) {
    const now = after.find((row) => row.id === old.id);
    if (!now) {
      problems.push(`post ${old.id} is gone`);
      continue;
    }
    if (JSON.stringify(now.rest) !== JSON.stringify(old.rest)) {
      problems.push(
        `post ${old.id} changed beyond published_at: ${JSON.stringify(old.rest)} → ${JSON.stringify(now.rest)}`,
      );
    }
    const expected = expectedPublishedAt(old, old.created_at);
    if ((now.published_at?.getTime() ?? null) !== (expected?.getTime() ?? null)) {
      problems.push(
        `post ${old.id} (published: ${old.published}): published_at ${now.published_at?.toISOString() ?? 'null'}, expected ${expected?.toISOString() ?? 'null'}`,
      );
    }
  }
  problems.push(...(await narrowingProblems(url, before)));
  return problems;
}

/**
 * The narrowing step: even with every trigger off (the replica role), the database itself refuses a
 * published post without published_at — a constraint, not only the code that writes it.
 */
async function narrowingProblems(url: string, posts: PostRow[]): Promise<string[]> {
  const published = posts.find((post) => post.published);
  if (!published) return [];
  return withClient(url, async (client) => {
    await client.query('begin');
    try {
      await client.query('set local session_replication_role = replica');
      await client.query('update public.posts set published_at = null where id = $1', [published.id]);
      return [
        'the database accepts a published post without published_at: narrow with a CHECK once the backfill ran',
      ];
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === '23514'
        ? []
        : [`clearing published_at failed with ${code ?? String(error)}, not a CHECK violation`];
    } finally {
      await client.query('rollback');
    }
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Neon, as the preview workflow does it: the database at the starting point's migrations holds
 * the old posts; a branch of it (locally CREATE DATABASE … TEMPLATE, tooling/local-stack) takes the
 * new migrations through `db:migrate`; the branch must keep and backfill the posts, and the
 * parent must be untouched.
 */
export async function neonUpgrade(appDir: string, beforeDir: string): Promise<string[]> {
  const postgres = await startPostgres();
  try {
    const proxy = await startNeonProxy({ target: { host: postgres.host, port: postgres.port } });
    try {
      const migrate = (url: string, folder?: string) =>
        runOrThrow('pnpm', ['run', 'db:migrate', ...(folder ? [folder] : [])], appDir, {
          DATABASE_URL: url,
          NEON_WS_PROXY: proxy.wsProxy,
        });
      const parent = await postgres.createDatabase('upgrade_main');
      await migrate(parent, join(beforeDir, 'apps/neon-drizzle/drizzle'));
      await seed(parent, false);
      const before = await readPosts(parent, false);
      await branchDatabase(postgres.url(), 'upgrade_main', 'upgrade_preview');
      await migrate(postgres.url('upgrade_preview'));
      const problems = await problemsAfter(postgres.url('upgrade_preview'), before);
      const parentNow = await readPosts(parent, false);
      if (JSON.stringify(parentNow) !== JSON.stringify(before))
        problems.push('the parent branch changed too');
      return problems;
    } finally {
      await proxy.stop();
    }
  } finally {
    await postgres.stop();
  }
}

/**
 * Supabase: the starting point's migrations, the old posts, then `supabase migration up` applies
 * only the new migration to that same database — no reset, the data stays.
 */
export async function supabaseUpgrade(appDir: string, beforeDir: string): Promise<string[]> {
  const postgres = await startPostgres();
  // The CLI reads config.toml and migrations/ from <workdir>/supabase.
  const oldProject = mkdtempSync(join(tmpdir(), 'parity-workshop-supabase-'));
  try {
    cpSync(join(beforeDir, 'apps/supabase/supabase'), join(oldProject, 'supabase'), { recursive: true });
    const url = new URL(await postgres.createDatabase('upgrade'));
    url.searchParams.set('sslmode', 'disable');
    const migrationUp = (workdir: string) =>
      runOrThrow(
        'pnpm',
        [
          'exec',
          'supabase',
          'migration',
          'up',
          `--workdir=${workdir}`,
          `--remote=${url.href}`,
          '--yes',
          '--agent',
          'no',
        ],
        appDir,
      );
    await migrationUp(oldProject);
    await seed(url.href, true);
    const before = await readPosts(url.href, false);
    await migrationUp(appDir);
    return await problemsAfter(url.href, before);
  } finally {
    rmSync(oldProject, { recursive: true, force: true });
    await postgres.stop();
  }
}
