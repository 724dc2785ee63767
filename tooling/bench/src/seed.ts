import type pg from 'pg';

/** The generated data set: the same rows (ids included) on every SQL platform. */
export interface DataSet {
  posts: number;
  users: number;
  tags: number;
}

export const dataSet = (posts: number): DataSet => ({ posts, users: 1_000, tags: 2_000 });

/** Tags by popularity rank: tag-1 is on ~27% of posts, tag-40 on ~1%, tag-1500 on a few dozen. */
export const BENCH_TAGS = { popular: 'tag-1', mid: 'tag-40', rare: 'tag-1500' } as const;

type Flavor = 'neon-drizzle' | 'supabase';

/**
 * Seeds a migrated, empty database in set-based SQL (generate_series, no row-by-row client
 * work): 1,000 users (the first is `benchUserId`, who already signed up through the app), 2,000
 * tags with Zipf popularity (rank ⌊2000^u⌋, so P(rank) ∝ 1/rank), ~3 tags a post, 70% published,
 * 5% soft-deleted, one `create` audit entry a post. Triggers are off while loading
 * (session_replication_role = replica); the derived rows they keep (tagged_posts, post_count)
 * are then built in bulk, exactly as the migrations' backfills do.
 */
export async function seed(
  db: pg.Client,
  flavor: Flavor,
  set: DataSet,
  benchUserId: string,
  progress: (step: string) => void,
): Promise<void> {
  const steps: [string, string][] = [
    ['setup', `set session_replication_role = replica; select setseed(0.42);`],
    [
      'users',
      `create temp table bench_authors as
         select n as rank, case when n = 1 then '${benchUserId}'::uuid else md5('user' || n)::uuid end as id
         from generate_series(1, ${set.users}) as n;
       ${
         flavor === 'supabase'
           ? `insert into auth.users (id, aud, role, email, raw_user_meta_data)
                select id, 'authenticated', 'authenticated', 'user' || rank || '@bench.test',
                       jsonb_build_object('name', 'User ' || rank)
                from bench_authors where rank > 1;`
           : ''
       }
       insert into public.users (id, email, name)
         select id, 'user' || rank || '@bench.test', 'User ' || rank from bench_authors where rank > 1;`,
    ],
    [
      'tags',
      `insert into tags (id, name) select md5('tag' || r)::uuid, 'tag-' || r from generate_series(1, ${set.tags}) as r;`,
    ],
    [
      'posts',
      `insert into posts (id, author_id, title, content, published, created_at, updated_at, deleted_at)
         select md5('post' || n)::uuid, a.id, 'Post ' || n, 'Some words of a short post, number ' || n || '.',
                abs(hashtext('published' || n)) % 100 < 70, t.at, t.at,
                case when abs(hashtext('deleted' || n)) % 100 < 5 then t.at + interval '1 hour' end
         from generate_series(1, ${set.posts}) as n
         join bench_authors a on a.rank = 1 + (n::bigint * 7919) % ${set.users}
         cross join lateral (select timestamptz '2026-11-30 00:00:00+00' - n * interval '1 second' as at) as t;`,
    ],
    [
      'post_tags',
      `insert into post_tags (post_id, tag_id)
         select distinct md5('post' || n)::uuid,
                md5('tag' || least(${set.tags}, floor(exp(random() * ln(${set.tags})))::int))::uuid
         from generate_series(1, ${set.posts}) as n, generate_series(1, 3) as k;`,
    ],
    [
      'audit_logs',
      flavor === 'supabase'
        ? `insert into audit_logs (post_id, actor_id, action, at)
             select id, author_id, 'create', created_at from posts order by created_at;`
        : `insert into audit_logs (post_id, actor_id, action, created_at)
             select id, author_id, 'create', created_at from posts;`,
    ],
    [
      'tagged_posts',
      `insert into tagged_posts (tag_id, tag, post_id, author_id, published, created_at)
         select pt.tag_id, t.name, p.id, p.author_id, p.published, p.created_at
         from post_tags pt join posts p on p.id = pt.post_id join tags t on t.id = pt.tag_id
         where p.deleted_at is null;
       update tags t set post_count = c.n
         from (select tag_id, count(*)::integer as n from tagged_posts where published group by tag_id) as c
         where c.tag_id = t.id;`,
    ],
    ['triggers back on', `set session_replication_role = origin;`],
    ['vacuum analyze', `vacuum analyze;`],
  ];
  for (const [step, sql] of steps) {
    const started = performance.now();
    await db.query(sql);
    progress(`${flavor}: ${step} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
