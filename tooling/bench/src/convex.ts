import { fileURLToPath } from 'node:url';
import { createClient } from '@parity/convex/contract/client';
import { signUpArgs, subjectOf, tokenOf } from '@parity/convex/contract/auth';
import { api } from '@parity/convex/convex/_generated/api';
import type { DataModel, Id } from '@parity/convex/convex/_generated/dataModel';
import { ConvexApp, generateAuthKeys } from '@parity/convex-offline';
import type { Client } from '@parity/contract';
import { convexTest, type TestConvexForDataModel } from 'convex-test';
import type { FunctionReference } from 'convex/server';
import type { DataSet } from './seed';

type Accessor = TestConvexForDataModel<DataModel>;

export interface ConvexSetup {
  t: Accessor;
  /** The signed-in caller, signed up through the app (Convex Auth's signIn action). */
  signedIn: Accessor;
  userId: Id<'users'>;
}

/** The contract's client over one convex-test accessor (what apps/convex/contract runs). */
export const clientOf = (accessor: Accessor): Client =>
  createClient({
    query: (fn, args) => accessor.query<FunctionReference<'query'>>(fn, args),
    mutation: (fn, args) => accessor.mutation<FunctionReference<'mutation'>>(fn, args),
  });

/**
 * The Convex app's real schema and functions on convex-test, loaded as the local deployment loads
 * them (tooling/convex-offline's ConvexApp), with the variables Convex Auth reads.
 */
export async function setUpConvex(): Promise<ConvexSetup> {
  Object.assign(process.env, {
    CONVEX_SITE_URL: 'http://127.0.0.1:3211',
    AUTH_LOG_LEVEL: 'ERROR',
    ...(await generateAuthKeys()),
  });
  const app = new ConvexApp(fileURLToPath(new URL('../../../apps/convex/convex', import.meta.url)));
  const t = convexTest((await app.schema())!, app.modules) as unknown as Accessor;
  const result = await t.action(api.auth.signIn, signUpArgs({ email: 'bench@example.com', name: 'Bench' }));
  const signedIn = t.withIdentity({ subject: subjectOf(tokenOf(result)) });
  const userId = (await signedIn.query(api.users.me, {}))!.id as Id<'users'>;
  return { t, signedIn, userId };
}

/** A small seeded generator (mulberry32): the same data set on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BATCH = 2_000;

/**
 * The SQL data set's shape (seed.ts), as documents: the same counts and distributions (Zipf tags,
 * ~3 a post, 70% published, 5% soft-deleted, one audit entry a post, the bench user authoring 1 in
 * 1,000), with every derived document the post mutations keep (postTags mirrors, tag postCount).
 * Written directly in batches of t.run (one transaction each), oldest post first so that
 * `_creationTime` orders them as the SQL set's created_at does.
 */
export async function seedConvex(
  { t, userId }: ConvexSetup,
  set: DataSet,
  progress: (step: string) => void,
): Promise<void> {
  const next = random(42);
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const users = await t.run(async (ctx) => {
    const ids: Id<'users'>[] = [userId];
    for (let rank = 2; rank <= set.users; rank++)
      ids.push(await ctx.db.insert('users', { email: `user${rank}@bench.test`, name: `User ${rank}` }));
    return ids;
  });
  const tags = await t.run(async (ctx) => {
    const ids: Id<'tags'>[] = [];
    for (let rank = 1; rank <= set.tags; rank++)
      ids.push(await ctx.db.insert('tags', { name: `tag-${rank}`, postCount: 0 }));
    return ids;
  });
  progress(`convex: users and tags (${seconds()} s)`);
  const counts = new Map<number, number>();
  for (let from = set.posts; from >= 1; from -= BATCH) {
    const to = Math.max(1, from - BATCH + 1);
    await t.run(async (ctx) => {
      for (let n = from; n >= to; n--) {
        const authorId = users[(n * 7919) % set.users]!;
        const ranks = new Set(
          [0, 1, 2].map(() => Math.min(set.tags, Math.floor(Math.exp(next() * Math.log(set.tags))))),
        );
        const names = [...ranks].map((rank) => `tag-${rank}`).sort();
        const published = next() < 0.7;
        const deleted = next() < 0.05;
        const postId = await ctx.db.insert('posts', {
          authorId,
          title: `Post ${n}`,
          content: `Some words of a short post, number ${n}.`,
          published,
          tags: names,
          deletedAt: null,
        });
        const createdAt = (await ctx.db.get('posts', postId))!._creationTime;
        const deletedAt = deleted ? createdAt + 3_600_000 : null;
        if (deleted) await ctx.db.patch('posts', postId, { deletedAt, updatedAt: deletedAt! });
        for (const rank of ranks) {
          await ctx.db.insert('postTags', {
            postId,
            tagId: tags[rank - 1]!,
            authorId,
            published,
            deletedAt,
            postCreationTime: createdAt,
          });
          if (published && !deleted) counts.set(rank, (counts.get(rank) ?? 0) + 1);
        }
        await ctx.db.insert('auditLogs', {
          postId,
          actorId: authorId,
          action: 'create',
          changes: {},
          at: createdAt,
        });
      }
    });
    progress(`convex: posts ${set.posts - to + 1}/${set.posts} (${seconds()} s)`);
  }
  await t.run(async (ctx) => {
    for (const [rank, postCount] of counts) await ctx.db.patch('tags', tags[rank - 1]!, { postCount });
  });
  progress(`convex: tag counts (${seconds()} s)`);
}
