import { encodeCursor } from '@parity/domain';
import { startPostgres } from '@parity/local-stack';
import { Pool as NeonPool } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  FLOOR_READS,
  FLOOR_SET_POST_TAGS,
  type Flavor,
  floorAuditLog,
  floorCreatePost,
  floorDeletePost,
  floorEditPost,
  floorUpdatePost,
} from './floor';
import { type Timing, type Variant, measure } from './measure';
import { setUpNeon } from './neon';
import { type FixedCost, type Result } from './report';
import { BENCH_TAGS, type DataSet, seed } from './seed';
import { setUpSupabase } from './supabase';

const PASSWORD = 'bench password 1234';
const AUDITED_EDITS = 19;
// The operation that times each path's fixed cost; its timings leave the results as `fixedCost`.
const FIXED_COST = 'fixed cost';

/**
 * The SQL platforms: neon-drizzle and supabase on one embedded PostgreSQL, each beside its floor,
 * interleaved. `driver` is neon-drizzle's NEON_DRIVER: the WebSocket Pool or neon() over HTTP.
 * `fixedCost`: what a call costs before any work on each path, timed in the same loop (report.ts).
 */
export async function benchSql(
  set: DataSet,
  { rounds, warmUp, driver }: { rounds: number; warmUp: number; driver: 'websocket' | 'http' },
  log: (message: string) => void,
): Promise<{ results: Result[]; fixedCost: FixedCost }> {
  const postgres = await startPostgres();
  const stops: Array<() => Promise<void>> = [() => postgres.stop()];
  try {
    log(
      `${set.posts} posts, ${set.users} users, ${set.tags} tags; ${rounds} rounds; neon-drizzle over ${driver}`,
    );
    const neon = await setUpNeon(postgres, 'bench_neon', driver);
    stops.push(neon.stop);
    const supabase = await setUpSupabase(postgres, 'bench_supabase');
    stops.push(supabase.stop);

    // The signed-in caller signs up through each app, then owns 1 in 1,000 of the seeded posts.
    const neonAuth = await import('@parity/neon-drizzle/src/auth/accounts');
    const neonData = {
      ...(await import('@parity/neon-drizzle/src/data/posts')),
      ...(await import('@parity/neon-drizzle/src/data/tags')),
      ...(await import('@parity/neon-drizzle/src/data/audit')),
    };
    const neonActor = await neonAuth.signUpWithPassword({
      email: 'bench@example.com',
      name: 'Bench',
      password: PASSWORD,
    });
    const neonDb = (await import('@parity/neon-drizzle/src/data/client')).getDb();
    // An idle pooled connection that drops while the seed runs must not end the process.
    const neonClient: unknown = (neonDb as { $client?: unknown }).$client;
    if (neonClient instanceof NeonPool)
      neonClient.on('error', (error: Error) => log(`neon pool: ${error.message}`));
    const supabaseData = await import('@parity/supabase/src/data');
    const signedIn = supabase.client();
    await supabaseData.signUp(signedIn, { email: 'bench@example.com', name: 'Bench' }, PASSWORD);
    const supabaseUser = (await supabaseData.me(signedIn))!;
    const anonymous = supabase.client();

    const floors = {
      'neon-drizzle': new pg.Client({ connectionString: neon.databaseUrl }),
      supabase: new pg.Client({ connectionString: supabase.databaseUrl }),
    };
    for (const client of Object.values(floors)) await client.connect();
    stops.push(async () => {
      for (const client of Object.values(floors)) await client.end();
    });
    await seed(floors['neon-drizzle'], 'neon-drizzle', set, neonActor.userId, log);
    await seed(floors.supabase, 'supabase', set, supabaseUser.id, log);

    // Cursors: after the first page, and halfway down the feed (same rows on both databases).
    const position = async (offset: number) => {
      const { rows } = await floors['neon-drizzle'].query<{ id: string; created_at: Date }>(
        `select id, created_at from posts where published and deleted_at is null
         order by created_at desc, id desc offset $1 limit 1`,
        [offset],
      );
      return { createdAt: rows[0]!.created_at.toISOString(), id: rows[0]!.id };
    };
    const page2 = await position(19);
    const deep = await position(Math.floor(set.posts * 0.35));
    const cursor = (at: { createdAt: string; id: string }) => encodeCursor({}, at);
    const { rows: samplePost } = await floors['neon-drizzle'].query<{ id: string }>(
      `select id from posts where author_id = $1 and published and deleted_at is null limit 1`,
      [neonActor.userId],
    );
    const ownPostId = samplePost[0]!.id;
    const supabaseOwnPostId = (
      await floors.supabase.query<{ id: string }>(
        `select id from posts where author_id = $1 and published and deleted_at is null limit 1`,
        [supabaseUser.id],
      )
    ).rows[0]!.id;
    // The audit log read is a post with a fixed history (its create and AUDITED_EDITS edits), apart
    // from the post the timed writes edit: that one's log grows every round, and with it the read.
    const audited = {
      'neon-drizzle': (await neonData.createPost(neonActor, { title: 'Audited', published: true })).id,
      supabase: (await supabaseData.createPost(signedIn, { title: 'Audited', published: true })).id,
    };
    for (let edit = 1; edit <= AUDITED_EDITS; edit++) {
      await neonData.updatePost(neonActor, audited['neon-drizzle'], { title: `Audited ${edit}` });
      await supabaseData.updatePost(signedIn, audited.supabase, { title: `Audited ${edit}` });
    }

    const floor = (flavor: Flavor, sql: string, params: (i: number) => unknown[] = () => []): Variant => ({
      name: `${flavor} floor`,
      run: (i) => floors[flavor].query(sql, params(i)),
      roundTrips: () => 1,
    });
    const neonRun = (run: (i: number) => Promise<unknown>): Variant => ({
      name: 'neon-drizzle',
      run,
      roundTrips: neon.statements,
    });
    const supabaseRun = (run: (i: number) => Promise<unknown>): Variant => ({
      name: 'supabase',
      run,
      roundTrips: supabase.requests,
    });
    const ids = { 'neon-drizzle': neonActor.userId, supabase: supabaseUser.id };
    const own = { 'neon-drizzle': ownPostId, supabase: supabaseOwnPostId };
    const both = (
      floorSql: (flavor: Flavor) => string,
      params: (flavor: Flavor, i: number) => unknown[],
      neonOp: (i: number) => Promise<unknown>,
      supabaseOp: (i: number) => Promise<unknown>,
    ): Variant[] => [
      floor('neon-drizzle', floorSql('neon-drizzle'), (i) => params('neon-drizzle', i)),
      neonRun(neonOp),
      floor('supabase', floorSql('supabase'), (i) => params('supabase', i)),
      supabaseRun(supabaseOp),
    ];
    const same = (sql: string) => () => sql;
    const tagSets = [
      ['tag-5', 'tag-60', 'tag-700'],
      ['tag-5', 'tag-61', 'tag-701'],
    ];
    const victims = {
      neon: [] as string[],
      supabase: [] as string[],
      floor: { 'neon-drizzle': [] as string[], supabase: [] as string[] },
    };
    const total = rounds + warmUp;
    for (let i = 0; i < total; i++) {
      victims.neon.push((await neonData.createPost(neonActor, { title: `Victim ${i}`, published: true })).id);
      victims.supabase.push(
        (await supabaseData.createPost(signedIn, { title: `Victim ${i}`, published: true })).id,
      );
      for (const flavor of ['neon-drizzle', 'supabase'] as const) {
        const { rows } = await floors[flavor].query<{ id: string }>(floorCreatePost(flavor), [
          ids[flavor],
          `Floor victim ${i}`,
          [],
        ]);
        victims.floor[flavor].push(rows[0]!.id);
      }
    }

    const operations = new Map<string, Variant[]>([
      [
        'feed',
        both(
          same(FLOOR_READS.feed),
          () => [],
          () => neonData.listPosts(null),
          () => supabaseData.listPosts(anonymous),
        ),
      ],
      [
        'feed, signed in',
        both(
          same(FLOOR_READS.feedSignedIn),
          (f) => [ids[f]],
          () => neonData.listPosts(neonActor),
          () => supabaseData.listPosts(signedIn),
        ),
      ],
      [
        'by author',
        both(
          same(FLOOR_READS.byAuthor),
          (f) => [ids[f]],
          () => neonData.listPosts(null, { authorId: neonActor.userId }),
          () => supabaseData.listPosts(anonymous, { authorId: supabaseUser.id }),
        ),
      ],
      ...(Object.entries(BENCH_TAGS).map(([kind, tag]) => [
        `tag, ${kind} (${tag})`,
        both(
          same(FLOOR_READS.byTag),
          () => [tag],
          () => neonData.listPosts(null, { tag }),
          () => supabaseData.listPosts(anonymous, { tag }),
        ),
      ]) as [string, Variant[]][]),
      [
        'page 2',
        both(
          same(FLOOR_READS.after),
          () => [page2.createdAt, page2.id],
          () => neonData.listPosts(null, { cursor: cursor(page2) }),
          () => supabaseData.listPosts(anonymous, { cursor: cursor(page2) }),
        ),
      ],
      [
        'deep page (35% down)',
        both(
          same(FLOOR_READS.after),
          () => [deep.createdAt, deep.id],
          () => neonData.listPosts(null, { cursor: cursor(deep) }),
          () => supabaseData.listPosts(anonymous, { cursor: cursor(deep) }),
        ),
      ],
      [
        'getPost',
        both(
          same(FLOOR_READS.getPost),
          (f) => [own[f]],
          () => neonData.getPost(null, ownPostId),
          () => supabaseData.getPost(anonymous, supabaseOwnPostId),
        ),
      ],
      [
        'listTags',
        both(
          same(FLOOR_READS.listTags),
          () => [],
          () => neonData.listTags(),
          () => supabaseData.listTags(anonymous),
        ),
      ],
      [
        'auditLog',
        both(
          floorAuditLog,
          (f) => [audited[f]],
          () => neonData.auditLog(neonActor, audited['neon-drizzle']),
          () => supabaseData.auditLog(signedIn, audited.supabase),
        ),
      ],
      // What a call pays before any work, in the same loop (not a result row): an empty statement
      // through pg and through neon-drizzle's driver, and the cheapest request supabase-js makes.
      [
        FIXED_COST,
        [
          floor('neon-drizzle', 'select 1'),
          neonRun(() => neonDb.execute(sql`select 1`)),
          supabaseRun(() => supabase.health()),
        ],
      ],
      [
        'createPost (3 tags)',
        both(
          floorCreatePost,
          (f, i) => [ids[f], `Floor ${i}`, tagSets[0]],
          (i) => neonData.createPost(neonActor, { title: `New ${i}`, published: true, tags: tagSets[0] }),
          (i) => supabaseData.createPost(signedIn, { title: `New ${i}`, published: true, tags: tagSets[0] }),
        ),
      ],
      [
        'updatePost',
        both(
          floorUpdatePost,
          (f, i) => [own[f], `Edited floor ${i}`, ids[f]],
          (i) => neonData.updatePost(neonActor, ownPostId, { title: `Edited ${i}` }),
          (i) => supabaseData.updatePost(signedIn, supabaseOwnPostId, { title: `Edited ${i}` }),
        ),
      ],
      [
        'setPostTags',
        both(
          () => FLOOR_SET_POST_TAGS,
          (f) => [own[f], tagSets[0], ids[f]],
          () => neonData.setPostTags(neonActor, ownPostId, tagSets[1]!),
          () => supabaseData.setPostTags(signedIn, supabaseOwnPostId, tagSets[1]!),
        ),
      ],
      [
        // Title and tag set together. A floor and its app write the same post one after the other:
        // each floor sets the first tag set and each app the second, so every call changes the tags.
        'editPost (title + tags)',
        both(
          floorEditPost,
          (f, i) => [own[f], `Edit floor ${i}`, tagSets[0], ids[f]],
          (i) => neonData.editPost(neonActor, ownPostId, { title: `Edit ${i}`, tags: tagSets[1]! }),
          (i) =>
            supabaseData.editPost(signedIn, supabaseOwnPostId, { title: `Edit ${i}`, tags: tagSets[1]! }),
        ),
      ],
      [
        'deletePost',
        both(
          floorDeletePost,
          (f, i) => [victims.floor[f][i], ids[f]],
          (i) => neonData.deletePost(neonActor, victims.neon[i]!),
          (i) => supabaseData.deletePost(signedIn, victims.supabase[i]!),
        ),
      ],
    ]);

    // Round trips of one call each, before the timed loop (writes use spare data: index total).
    const roundTrips = new Map<string, number[]>();
    for (const [op, variants] of operations) {
      const counts: number[] = [];
      for (const variant of variants) {
        const before = variant.roundTrips?.() ?? 0;
        if (op === 'deletePost') {
          counts.push(
            variant.name.endsWith('floor')
              ? 1
              : variant.name === 'neon-drizzle'
                ? await countNeonDelete()
                : await countSupabaseDelete(),
          );
          continue;
        }
        await variant.run(0);
        counts.push((variant.roundTrips?.() ?? 0) - before);
      }
      roundTrips.set(op, counts);
    }
    async function countNeonDelete(): Promise<number> {
      const post = await neonData.createPost(neonActor, { title: 'Counted' });
      const before = neon.statements();
      await neonData.deletePost(neonActor, post.id);
      return neon.statements() - before;
    }
    async function countSupabaseDelete(): Promise<number> {
      const post = await supabaseData.createPost(signedIn, { title: 'Counted' });
      const before = supabase.requests();
      await supabaseData.deletePost(signedIn, post.id);
      return supabase.requests() - before;
    }

    log('measuring (interleaved: neon floor, neon-drizzle, supabase floor, supabase)');
    const timings: Map<string, Timing[]> = await measure(operations, { rounds, warmUp }, log);
    const results: Result[] = [...operations.keys()]
      .filter((op) => op !== FIXED_COST)
      .map((op) => ({ operation: op, timings: timings.get(op)!, roundTrips: roundTrips.get(op)! }));
    const [pgSelect1, neonSelect1, httpRequest] = timings.get(FIXED_COST)! as [Timing, Timing, Timing];
    return { results, fixedCost: { pgSelect1, neonSelect1, httpRequest } };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  }
}
