import { encodeCursor } from '@parity/domain';
import type { Client } from '@parity/contract';
import { createClient } from '@parity/convex/contract/client';
import { clientOf, type ConvexSetup, seedConvex, setUpConvex } from './convex';
import { type Timing, type Variant, measure } from './measure';
import { BENCH_TAGS, type DataSet } from './seed';

/** What one call of an operation costs Convex: its transaction's metrics. */
export interface ConvexCost {
  documentsRead: number;
  documentsWritten: number;
  /** Index ranges (`databaseQueries`): each query/withIndex read, each a seek. */
  indexRanges: number;
}

export interface ConvexResult {
  operation: string;
  timing: Timing;
  cost: ConvexCost;
}

type Op = (client: Client, i: number) => Promise<unknown>;

/**
 * Every contract operation through the Convex app's public functions on convex-test (the same
 * client the contract suite uses), timed per call, and its documents read and written counted by
 * convex-test's own transaction metrics (`ctx.meta.getTransactionMetrics()`, what Convex bills and
 * limits): the call runs once more inside a mutation that calls it with ctx.runQuery/runMutation,
 * whose reads and writes fold into that mutation's metrics.
 */
export async function benchConvex(
  set: DataSet,
  { rounds, warmUp }: { rounds: number; warmUp: number },
  log: (message: string) => void,
): Promise<ConvexResult[]> {
  const setup = await setUpConvex();
  await seedConvex(setup, set, log);
  const anonymous = clientOf(setup.t);
  const signedIn = clientOf(setup.signedIn);
  const userId = setup.userId;

  // Cursors after the first page and 35% down the feed, and one of the caller's published posts.
  const { page2, deep, ownPostId } = await setup.t.run(async (ctx) => {
    const feed = ctx.db
      .query('posts')
      .withIndex('by_visibility', (q) => q.eq('deletedAt', null).eq('published', true))
      .order('desc');
    const positions: { createdAt: string; id: string }[] = [];
    const depth = Math.floor(set.posts * 0.35);
    let index = 0;
    for await (const post of feed) {
      if (index === 19 || index === depth)
        positions.push({ createdAt: String(post._creationTime), id: post._id });
      if (index++ >= depth) break;
    }
    const own = await ctx.db
      .query('posts')
      .withIndex('by_author_and_visibility', (q) =>
        q.eq('authorId', userId).eq('deletedAt', null).eq('published', true),
      )
      .first();
    return { page2: positions[0]!, deep: positions[1] ?? positions[0]!, ownPostId: own!._id as string };
  });
  const cursor = (at: { createdAt: string; id: string }) => encodeCursor({}, at);
  const tagSets = [
    ['tag-5', 'tag-60', 'tag-700'],
    ['tag-5', 'tag-61', 'tag-701'],
  ];
  const victims: string[] = [];
  // Enough for the warm-up, the rounds and the cost call.
  for (let i = 0; i <= rounds + warmUp; i++)
    victims.push((await signedIn.createPost({ title: `Victim ${i}`, published: true })).id);

  const operations: [string, 'anonymous' | 'signedIn', Op][] = [
    ['feed', 'anonymous', (c) => c.listPosts()],
    ['feed, signed in', 'signedIn', (c) => c.listPosts()],
    ['by author', 'anonymous', (c) => c.listPosts({ authorId: userId })],
    ...Object.entries(BENCH_TAGS).map(
      ([kind, tag]) =>
        [`tag, ${kind} (${tag})`, 'anonymous', (c: Client) => c.listPosts({ tag })] as [
          string,
          'anonymous',
          Op,
        ],
    ),
    ['page 2', 'anonymous', (c) => c.listPosts({ cursor: cursor(page2) })],
    ['deep page (35% down)', 'anonymous', (c) => c.listPosts({ cursor: cursor(deep) })],
    ['getPost', 'anonymous', (c) => c.getPost(ownPostId)],
    ['listTags', 'anonymous', (c) => c.listTags()],
    ['auditLog', 'signedIn', (c) => c.auditLog(ownPostId)],
    [
      'createPost (3 tags)',
      'signedIn',
      (c, i) => c.createPost({ title: `New ${i}`, published: true, tags: tagSets[0] }),
    ],
    ['updatePost', 'signedIn', (c, i) => c.updatePost(ownPostId, { title: `Edited ${i}` })],
    // setPostTags sets the first tag set and editPost the second, one after the other each round,
    // so every call of each changes the post's tags.
    ['setPostTags', 'signedIn', (c) => c.setPostTags(ownPostId, tagSets[0]!)],
    [
      'editPost (title + tags)',
      'signedIn',
      (c, i) => c.editPost(ownPostId, { title: `Edit ${i}`, tags: tagSets[1]! }),
    ],
    ['deletePost', 'signedIn', (c, i) => c.deletePost(victims[i]!)],
  ];

  const costs = new Map<string, ConvexCost>();
  for (const [name, caller, op] of operations) {
    const accessor = caller === 'anonymous' ? setup.t : setup.signedIn;
    // The last victim is the cost call's.
    const i = name === 'deletePost' ? rounds + warmUp : 1;
    costs.set(name, await costOf(accessor, (client) => op(client, i)));
  }
  const clients = { anonymous, signedIn };
  const timed = new Map<string, Variant[]>(
    operations.map(([name, caller, op]) => [name, [{ name: 'convex', run: (i) => op(clients[caller], i) }]]),
  );
  log('measuring convex');
  const timings = await measure(timed, { rounds, warmUp }, log);
  return operations.map(([name]) => ({
    operation: name,
    timing: timings.get(name)![0]!,
    cost: costs.get(name)!,
  }));
}

/** One call of `op` inside a mutation, through ctx.runQuery/runMutation; that mutation's metrics. */
function costOf(accessor: ConvexSetup['t'], op: (client: Client) => Promise<unknown>): Promise<ConvexCost> {
  return accessor.mutation(async (ctx) => {
    await op(
      createClient({
        query: (fn, args) => ctx.runQuery(fn, args),
        mutation: (fn, args) => ctx.runMutation(fn, args),
      }),
    );
    const metrics = await ctx.meta.getTransactionMetrics();
    return {
      documentsRead: metrics.documentsRead.used,
      documentsWritten: metrics.documentsWritten.used,
      indexRanges: metrics.databaseQueries.used,
    };
  });
}
