import { TAG_CLOUD_SIZE } from '@parity/domain';
import { convexTest, type TestConvexForDataModel } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { api } from '../convex/_generated/api';
import type { DataModel } from '../convex/_generated/dataModel';
import type { DatabaseReader, QueryCtx } from '../convex/_generated/server';
import { listVisiblePosts } from '../convex/lib/listPosts';
import { tagCloud } from '../convex/lib/tagCloud';
import schema from '../convex/schema';
import { modules, signUpMember } from '../contract/convex-test';

/**
 * ctx.db with every document it hands out counted. listPosts' index ranges have no filter, so
 * documents handed out are the documents read.
 */
function countingDb(db: DatabaseReader): { db: DatabaseReader; reads: () => number } {
  let reads = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(object, args);
          switch (property) {
            case 'take':
            case 'collect':
              return (result as Promise<unknown[]>).then((docs) => ((reads += docs.length), docs));
            case 'get':
            case 'first':
            case 'unique':
              return (result as Promise<unknown>).then((doc) => ((reads += doc === null ? 0 : 1), doc));
            case 'query':
            case 'withIndex':
            case 'order':
              return wrap(result as object);
            case 'normalizeId':
              return result;
            default:
              throw new Error(`countingDb does not count ${String(property)}`);
          }
        };
      },
    });
  return { db: wrap(db), reads: () => reads };
}

const LIMIT = 20;

describe('documents read per listPosts page', () => {
  async function seed() {
    const t = convexTest(schema, modules);
    const ada = await signUpMember(t, { email: 'ada@example.com', name: 'Ada' });
    const grace = await signUpMember(t, { email: 'grace@example.com', name: 'Grace' });
    const graceUser = (await grace.query(api.users.me, {}))!;
    /** Posts alternating between the two authors; some drafts and deleted ones to skip over. */
    const createPosts = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const author = i % 2 === 0 ? ada : grace;
        const post = await author.mutation(api.posts.createPost, {
          post: {
            title: `Post ${i}`,
            published: i % 4 !== 0,
            tags: i % 2 === 0 ? ['news'] : ['news', 'misc'],
          },
        });
        if (i % 5 === 0) await author.mutation(api.posts.deletePost, { postId: post.id });
      }
    };
    await createPosts(120);

    /** Reads of one page of `query` for the given caller, and the page's size. */
    const measure = (caller: TestConvexForDataModel<DataModel>, query: Record<string, string | number>) =>
      caller.run(async (ctx) => {
        const counting = countingDb(ctx.db);
        const page = await listVisiblePosts({ ...ctx, db: counting.db } as QueryCtx, {
          limit: LIMIT,
          ...query,
        });
        return { reads: counting.reads(), items: page.items.length };
      });
    return { t, ada, graceId: graceUser.id, createPosts, measure };
  }

  // Hundreds of mutations: a generous budget for a loaded CI machine.
  it('is bounded by the page size, not by the table size', { timeout: 60_000 }, async () => {
    const { t, ada, graceId, createPosts, measure } = await seed();
    const cases = {
      // 21 posts from the published range + 2 authors
      anonymous: () => measure(t, {}),
      // 1 caller's user + 21 published + 21 own drafts + 2 authors
      signedIn: () => measure(ada, {}),
      // the same from a cursor: the keyset range starts where the first page ended
      anonymousNextPage: async () =>
        measure(t, { cursor: (await t.query(api.posts.listPosts, { query: { limit: LIMIT } })).nextCursor! }),
      // 21 posts of the author's published range + 1 author
      byAuthor: () => measure(t, { authorId: graceId }),
      // 1 tag + 21 post-tag links + 20 posts + 2 authors
      byTag: () => measure(t, { tag: 'news' }),
      // 1 caller's user + 1 tag + 21 + 21 links + 20 posts + 2 authors
      byTagSignedIn: () => measure(ada, { tag: 'news' }),
    };
    const expected = {
      anonymous: { reads: 23, items: LIMIT },
      anonymousNextPage: { reads: 23, items: LIMIT },
      signedIn: { reads: 45, items: LIMIT },
      byAuthor: { reads: 22, items: LIMIT },
      byTag: { reads: 44, items: LIMIT },
      byTagSignedIn: { reads: 66, items: LIMIT },
    };
    for (const [name, run] of Object.entries(cases)) {
      expect({ name, ...(await run()) }).toEqual({ name, ...expected[name as keyof typeof expected] });
    }
    // Three times the posts (drafts and deleted ones included): every page reads the same.
    await createPosts(240);
    for (const [name, run] of Object.entries(cases)) {
      expect({ name, ...(await run()) }).toEqual({ name, ...expected[name as keyof typeof expected] });
    }
  });
});

describe('documents read by listTags', () => {
  it('reads the top TAG_CLOUD_SIZE tags and one probe per count, however many tags exist', async () => {
    const t = convexTest(schema, modules);
    // Tag rows as the post writes keep them (their counts are what listTags reads).
    const addTags = (count: number, postCount: (i: number) => number, prefix: string) =>
      t.run(async (ctx) => {
        for (let i = 0; i < count; i++) {
          await ctx.db.insert('tags', {
            name: `${prefix}-${String(i).padStart(4, '0')}`,
            postCount: postCount(i),
          });
        }
      });
    const measure = () =>
      t.run(async (ctx) => {
        const counting = countingDb(ctx.db);
        const cloud = await tagCloud(counting.db);
        return { reads: counting.reads(), tags: cloud.length };
      });
    // 30 tags at each count 4, 3, 2, 1: the cloud is the 30 at 4 and the first 20 at 3.
    await addTags(120, (i) => 4 - (i % 4), 'a');
    const expected = { reads: TAG_CLOUD_SIZE + 2, tags: TAG_CLOUD_SIZE };
    expect(await measure()).toEqual(expected);
    // Ten times the tags below the cloud, and unused ones: the same reads.
    await addTags(1_000, (i) => i % 2, 'b');
    expect(await measure()).toEqual(expected);
  });
});
