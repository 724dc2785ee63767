import { Pool } from '@neondatabase/serverless';
import { type PlanNode, unboundedReads } from '@parity/local-stack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signUpWithPassword } from '../src/auth/accounts';
import { auditLog } from '../src/data/audit';
import type * as Client from '../src/data/client';
import { truncateAll } from '../src/data/maintenance';
import {
  createPost,
  deletePost,
  getPost,
  listPosts,
  restorePost,
  setPostTags,
  updatePost,
} from '../src/data/posts';
import { getProfile, upsertProfile } from '../src/data/profiles';
import { listTags } from '../src/data/tags';
import { deleteMe, getMe, getUser, updateMe } from '../src/data/users';

// Every statement each data-layer operation sends (Better Auth's included) is EXPLAINed with
// sequential scans and sorts disabled: on a handful of rows the planner then shows whether an
// index can serve it, in the order asked for. A Seq Scan left in the plan, or a sort of a whole index, means no index does, and the
// statement's work would grow with the table instead of the page.
const sent = vi.hoisted(() => [] as { query: string; params: unknown[] }[]);

vi.mock('../src/data/client', async (importOriginal) => {
  const client = await importOriginal<typeof Client>();
  const logged = (driver: Client.NeonDriver) =>
    client.createDatabase({
      databaseUrl: process.env.DATABASE_URL!,
      driver,
      wsProxy: process.env.NEON_WS_PROXY,
      logger: { logQuery: (query, params) => void sent.push({ query, params }) },
    });
  const db = logged(client.driverFromEnv());
  // Better Auth always writes over WebSockets (client.ts § getAuthDb).
  const authDb = db.driver === 'websocket' ? db : logged('websocket');
  return {
    ...client,
    getDb: () => db,
    getAuthDb: () => authDb,
    closeDb: async () => {
      await client.endDatabase(db);
      if (authDb !== db) await client.endDatabase(authDb);
    },
  };
});

const TABLES = ['posts', 'post_tags', 'tagged_posts', 'tags', 'audit_logs', 'users', 'profiles'];
const PASSWORD = 'correct horse battery staple';

describe('query plans of every data-layer operation', () => {
  afterAll(async () => {
    const { closeDb } = await import('../src/data/client');
    await closeDb();
  });

  beforeAll(async () => {
    await truncateAll();
  });

  it('no statement scans a whole table or sorts a whole index', async () => {
    const ada = await signUpWithPassword({ email: 'ada@example.com', name: 'Ada', password: PASSWORD });
    const grace = await signUpWithPassword({ email: 'grace@example.com', name: 'Grace', password: PASSWORD });
    for (let i = 0; i < 3; i++) {
      await createPost(grace, { title: `Grace ${i}`, published: true, tags: ['shared', `g${i}`] });
    }
    const post = await createPost(ada, { title: 'Plan', published: true, tags: ['shared', 'rare'] });
    const draft = await createPost(ada, { title: 'Draft', tags: ['shared'] });
    const page = await listPosts(null, { limit: 2 });
    const tagPage = await listPosts(null, { tag: 'shared', limit: 2 });
    const operations: Record<string, () => Promise<unknown>> = {
      me: () => getMe(ada),
      getUser: () => getUser(grace.userId),
      getProfile: () => getProfile(ada.userId),
      upsertProfile: () => upsertProfile(ada, { bio: 'Counts' }),
      updateMe: () => updateMe(ada, { name: 'Ada L' }),
      getPost: () => getPost(ada, post.id),
      feed: () => listPosts(null, { limit: 2 }),
      feedSignedIn: () => listPosts(ada, { limit: 2 }),
      feedPage2: () => listPosts(null, { limit: 2, cursor: page.nextCursor }),
      byAuthor: () => listPosts(null, { authorId: grace.userId, limit: 2 }),
      byTag: () => listPosts(null, { tag: 'shared', limit: 2 }),
      byTagSignedIn: () => listPosts(ada, { tag: 'shared', limit: 2 }),
      byTagPage2: () => listPosts(null, { tag: 'shared', limit: 2, cursor: tagPage.nextCursor }),
      byTagAndAuthor: () => listPosts(null, { tag: 'shared', authorId: grace.userId, limit: 2 }),
      listTags: () => listTags(),
      auditLog: () => auditLog(ada, post.id),
      createPost: () => createPost(ada, { title: 'New', tags: ['fresh', 'shared'] }),
      updatePost: () => updatePost(ada, draft.id, { title: 'Draft 2', published: true }),
      setPostTags: () => setPostTags(ada, post.id, ['rare', 'other']),
      deletePost: () => deletePost(ada, post.id),
      restorePost: () => restorePost(ada, post.id),
      signUp: () => signUpWithPassword({ email: 'alan@example.com', name: 'Alan', password: PASSWORD }),
      deleteMe: () => deleteMe(grace),
    };

    const statements: { operation: string; query: string; params: unknown[] }[] = [];
    for (const [operation, run] of Object.entries(operations)) {
      sent.length = 0;
      await run();
      statements.push(...sent.filter(isExplainable).map((statement) => ({ operation, ...statement })));
    }

    // A session of its own for EXPLAIN (its settings must hold across statements), whatever the driver.
    const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    const session = await pool.connect();
    const problems: string[] = [];
    try {
      // Off where an index could do the work instead, so tiny test tables show whether one can.
      await session.query('set enable_seqscan = off; set enable_sort = off');
      for (const { operation, query, params } of statements) {
        const { rows } = await session.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `explain (format json) ${query}`,
          params,
        );

        for (const problem of unboundedReads(rows[0]!['QUERY PLAN'][0].Plan, TABLES)) {
          problems.push(`${operation}: ${problem} in ${query}`);
        }
      }
    } finally {
      session.release();
      await pool.end();
    }
    expect(problems).toEqual([]);
    // Every operation was planned, so a silently empty capture cannot pass.
    expect(new Set(statements.map((statement) => statement.operation))).toEqual(
      new Set(Object.keys(operations)),
    );
    console.info(`plans: ${statements.length} statements of ${Object.keys(operations).length} operations`);
  });
});

/** Statements with a plan (transaction control has none). */
function isExplainable({ query }: { query: string }): boolean {
  return /^\s*(select|insert|update|delete|with)\b/i.test(query);
}
