import { type PlanNode, plansInLog, startPostgres, unboundedReads } from '@parity/local-stack';
import { startSupabaseApi } from '@parity/supabase-offline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as data from '../src/data';
import { createSupabaseClient, type Supabase } from '../src/data/supabase/node';
import { applyMigrations } from './apply-migrations';

// Every statement the offline API runs for each data-layer operation — PostgREST's queries as the
// caller's role, rpc bodies and triggers included (log_nested_statements) — is planned by
// auto_explain with sequential scans and sorts disabled, so a handful of rows still shows whether
// an index serves it in the order asked for. A Seq Scan or a sort of a whole index fails the test.
const TABLES = ['posts', 'post_tags', 'tagged_posts', 'tags', 'audit_logs', 'users', 'profiles'];
const PLAN_SETTINGS = {
  session_preload_libraries: 'auto_explain',
  'auto_explain.log_min_duration': '0',
  'auto_explain.log_nested_statements': 'on',
  'auto_explain.log_verbose': 'on',
  'auto_explain.log_format': 'json',
  enable_seqscan: 'off',
  enable_sort: 'off',
};

describe('query plans of every data-layer operation', () => {
  let log = '';
  const stops: Array<() => Promise<void>> = [];
  let api: Awaited<ReturnType<typeof startSupabaseApi>>;
  let marker: pg.Client;

  beforeAll(async () => {
    // Its own embedded server: the plans are read from that server's log.
    const postgres = await startPostgres({ onLog: (message) => void (log += message) });
    stops.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase('supabase_plans');
    await applyMigrations(databaseUrl);
    marker = new pg.Client({ connectionString: databaseUrl });
    await marker.connect();
    stops.push(() => marker.end());
    for (const [name, value] of Object.entries(PLAN_SETTINGS)) {
      await marker.query(`alter database supabase_plans set ${name} = '${value}'`);
    }
    await marker.end();
    // A new session, so the marker queries below are logged like the API's.
    marker = new pg.Client({ connectionString: databaseUrl });
    await marker.connect();
    api = await startSupabaseApi({ databaseUrl });
    stops.push(() => api.stop());
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it('no statement scans a whole table or sorts a whole index', async () => {
    const client = () => createSupabaseClient({ url: api.url, key: api.anonKey });
    const signUp = async (name: string): Promise<Supabase> => {
      const supabase = client();
      await data.signUp(supabase, { email: `${name.toLowerCase()}@example.com`, name }, 'plans password 1');
      return supabase;
    };
    const anonymous = client();
    const ada = await signUp('Ada');
    const grace = await signUp('Grace');
    const graceId = (await data.me(grace))!.id;
    for (let i = 0; i < 3; i++) {
      await data.createPost(grace, { title: `Grace ${i}`, published: true, tags: ['shared', `g${i}`] });
    }
    const post = await data.createPost(ada, { title: 'Plan', published: true, tags: ['shared', 'rare'] });
    const draft = await data.createPost(ada, { title: 'Draft', tags: ['shared'] });
    const page = await data.listPosts(anonymous, { limit: 2 });
    const tagPage = await data.listPosts(anonymous, { tag: 'shared', limit: 2 });
    const operations: Record<string, () => Promise<unknown>> = {
      signUp: () => signUp('Alan'),
      signIn: () => data.signIn(client(), { email: 'ada@example.com', password: 'plans password 1' }),
      me: () => data.me(ada),
      getUser: () => data.getUser(anonymous, graceId),
      getProfile: () => data.getProfile(anonymous, graceId),
      upsertProfile: () => data.upsertProfile(ada, { bio: 'Counts' }),
      updateMe: () => data.updateMe(ada, { name: 'Ada L' }),
      getPost: () => data.getPost(anonymous, post.id),
      feed: () => data.listPosts(anonymous, { limit: 2 }),
      feedSignedIn: () => data.listPosts(ada, { limit: 2 }),
      feedPage2: () => data.listPosts(anonymous, { limit: 2, cursor: page.nextCursor }),
      byAuthor: () => data.listPosts(anonymous, { authorId: graceId, limit: 2 }),
      byTag: () => data.listPosts(anonymous, { tag: 'shared', limit: 2 }),
      byTagSignedIn: () => data.listPosts(ada, { tag: 'shared', limit: 2 }),
      byTagPage2: () => data.listPosts(anonymous, { tag: 'shared', limit: 2, cursor: tagPage.nextCursor }),
      byTagAndAuthor: () => data.listPosts(anonymous, { tag: 'shared', authorId: graceId, limit: 2 }),
      listTags: () => data.listTags(anonymous),
      auditLog: () => data.auditLog(ada, post.id),
      createPost: () => data.createPost(ada, { title: 'New', tags: ['fresh', 'shared'] }),
      updatePost: () => data.updatePost(ada, draft.id, { title: 'Draft 2', published: true }),
      setPostTags: () => data.setPostTags(ada, post.id, ['rare', 'other']),
      deletePost: () => data.deletePost(ada, post.id),
      restorePost: () => data.restorePost(ada, post.id),
      deleteMe: () => data.deleteMe(grace),
    };
    for (const [operation, run] of Object.entries(operations)) {
      await marker.query(`select 'plans: begin ${operation}'`);
      await run();
    }
    await marker.query(`select 'plans: end'`);
    await expect.poll(() => log.includes(`'plans: end'`)).toBe(true);

    const problems: string[] = [];
    const planned = new Set<string>();
    let operation = '';
    let statements = 0;
    for (const { query, plan } of plansInLog(log)) {
      const mark = /^select 'plans: (?:begin (\w+)|end)'$/.exec(query);
      if (mark) {
        operation = mark[1] ?? '';
        continue;
      }
      if (!operation || !touches(plan, TABLES)) continue;
      planned.add(operation);
      statements++;
      for (const problem of unboundedReads(plan, TABLES))
        problems.push(`${operation}: ${problem} in ${query}`);
    }
    expect(problems).toEqual([]);
    // Every operation but signIn (GoTrue's auth schema only) reached a domain table, so a silently
    // empty log cannot pass.
    expect(planned).toEqual(new Set(Object.keys(operations).filter((name) => name !== 'signIn')));
    console.info(`plans: ${statements} statements of ${Object.keys(operations).length} operations`);
  });
});

/** Whether a plan reads or writes one of the public domain tables. */
function touches(plan: PlanNode, tables: readonly string[]): boolean {
  const relation = plan.Schema === 'public' ? plan['Relation Name'] : undefined;
  return (
    (relation !== undefined && tables.includes(relation)) ||
    (plan.Plans ?? []).some((child) => touches(child, tables))
  );
}
