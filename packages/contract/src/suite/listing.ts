import { describe, expect, it } from 'vitest';
import type { Post } from '@parity/domain';
import type { Client, ListPostsQuery } from '../platform';
import { expectContractError, expectNewestFirst, expectSameIds, ids, unchecked } from './assertions';
import type { ContractContext } from './context';
import { MISSING_IDS, createPostsInOrder, deletedPost, draftPost, publishedPost } from './fixtures';

// More pages than any test creates: a platform whose cursors loop fails instead of hanging.
const MAX_PAGES = 50;

/** Every page from `cursor` (null: the first page) to the last one, in order. */
async function pagesFrom(client: Client, query: ListPostsQuery, cursor: string | null): Promise<Post[][]> {
  const pages: Post[][] = [];
  do {
    const page = await client.listPosts({ ...query, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < MAX_PAGES);
  expect(cursor, 'nextCursor never became null').toBeNull();
  return pages;
}

export function describeListing(ctx: ContractContext): void {
  describe('listing: order and filters', () => {
    it('listPosts returns the newest post first', async () => {
      const { client } = await ctx.signUp();
      const posts = await createPostsInOrder(client, 5);
      const { items } = await ctx.anonymous().listPosts();
      expect(ids(items)).toEqual(ids(posts).reverse());
      expectNewestFirst(items);
    });

    it('listPosts returns records equal to getPost', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { content: 'Body', tags: ['b', 'a'] });
      expect((await client.listPosts()).items).toEqual([await client.getPost(post.id)]);
    });

    it('the authorId filter returns only that author’s visible posts', async () => {
      const ada = await ctx.signUp('Ada');
      const grace = await ctx.signUp('Grace');
      const adaPosts = [await publishedPost(ada.client), await draftPost(ada.client)];
      await publishedPost(grace.client);
      expectSameIds(ids((await ada.client.listPosts({ authorId: ada.user.id })).items), ids(adaPosts));
      expect(ids((await grace.client.listPosts({ authorId: ada.user.id })).items)).toEqual([adaPosts[0]!.id]);
    });

    it('the authorId filter with a missing or malformed id returns no posts', async () => {
      const { client } = await ctx.signUp();
      await publishedPost(client);
      for (const authorId of MISSING_IDS)
        expect(await client.listPosts({ authorId })).toEqual({ items: [], nextCursor: null });
    });

    it('the tag filter returns the posts carrying that tag', async () => {
      const { client } = await ctx.signUp();
      const tagged = await publishedPost(client, { tags: ['math', 'poetry'] });
      await publishedPost(client, { tags: ['poetry'] });
      await publishedPost(client);
      expect(ids((await ctx.anonymous().listPosts({ tag: 'math' })).items)).toEqual([tagged.id]);
    });

    it('the tag filter is normalized like a tag', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['web-dev'] });
      expect(ids((await client.listPosts({ tag: '  Web  DEV ' })).items)).toEqual([post.id]);
    });

    it('a tag filter that cannot be a tag is VALIDATION on tag', async () => {
      const { client } = await ctx.signUp();
      for (const tag of ['', 'c++', '-x', 't'.repeat(33)]) {
        await expectContractError(client.listPosts({ tag }), 'VALIDATION', ['tag']);
      }
    });

    it('a tag filter naming an unknown tag returns no posts', async () => {
      expect(await ctx.anonymous().listPosts({ tag: 'never-used' })).toEqual({ items: [], nextCursor: null });
    });

    it('tag and authorId filters combine with AND', async () => {
      const ada = await ctx.signUp('Ada');
      const grace = await ctx.signUp('Grace');
      const match = await publishedPost(ada.client, { tags: ['math'] });
      await publishedPost(ada.client, { tags: ['poetry'] });
      await publishedPost(grace.client, { tags: ['math'] });
      const { items } = await ctx.anonymous().listPosts({ authorId: ada.user.id, tag: 'math' });
      expect(ids(items)).toEqual([match.id]);
    });

    it('the tag filter does not reveal drafts or deleted posts', async () => {
      const { client } = await ctx.signUp();
      await draftPost(client, { tags: ['hidden'] });
      await deletedPost(client, { tags: ['hidden'] });
      expect((await ctx.anonymous().listPosts({ tag: 'hidden' })).items).toEqual([]);
    });

    it('listPosts rejects an unknown query field', async () => {
      const query = unchecked<ListPostsQuery>({ published: false });
      await expectContractError(ctx.anonymous().listPosts(query), 'VALIDATION', ['published']);
    });

    it('listPosts reports a bad limit and a bad tag together', async () => {
      await expectContractError(ctx.anonymous().listPosts({ limit: 0, tag: '!' }), 'VALIDATION', [
        'limit',
        'tag',
      ]);
    });
  });

  describe('listing: limit and pagination', () => {
    it('limit defaults to 20', async () => {
      const { client } = await ctx.signUp();
      const posts = await Promise.all(
        Array.from({ length: 21 }, (_, i) => publishedPost(client, { title: `P${i}` })),
      );
      const first = await client.listPosts();
      expect(first.items).toHaveLength(20);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await client.listPosts({ cursor: first.nextCursor });
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expectSameIds([...ids(first.items), ...ids(second.items)], ids(posts));
    });

    it('limit 1 pages through posts one at a time, newest first', async () => {
      const { client } = await ctx.signUp();
      const posts = await createPostsInOrder(client, 3);
      const pages = await pagesFrom(client, { limit: 1 }, null);
      expect(pages.map(ids)).toEqual(
        ids(posts)
          .reverse()
          .map((id) => [id]),
      );
    });

    it('limit 100 is accepted', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      expect(await client.listPosts({ limit: 100 })).toEqual({ items: [post], nextCursor: null });
    });

    it('limit 0, 101, 1.5 and a string are VALIDATION on limit', async () => {
      const client = ctx.anonymous();
      for (const limit of [0, 101, 1.5, -1, unchecked<number>('10')]) {
        await expectContractError(client.listPosts({ limit }), 'VALIDATION', ['limit']);
      }
    });

    it('nextCursor is null on the last page, also when it is exactly full', async () => {
      const { client } = await ctx.signUp();
      await createPostsInOrder(client, 3);
      expect((await client.listPosts({ limit: 3 })).nextCursor).toBeNull();
      expect((await client.listPosts({ limit: 5 })).nextCursor).toBeNull();
    });

    it('a cursor null or omitted starts at the first page', async () => {
      const { client } = await ctx.signUp();
      await createPostsInOrder(client, 2);
      expect(await client.listPosts({ cursor: null })).toEqual(await client.listPosts());
    });

    it('pages neither repeat nor skip posts when posts are created between page requests', async () => {
      const { client } = await ctx.signUp();
      const existing = await createPostsInOrder(client, 7);
      const first = await client.listPosts({ limit: 3 });
      expect(first.nextCursor).toEqual(expect.any(String));
      const newer = await createPostsInOrder(client, 3, { title: 'Newer' });
      const rest = await pagesFrom(client, { limit: 3 }, first.nextCursor);
      const seen = [...ids(first.items), ...rest.flatMap(ids)];
      expect(seen).toEqual(ids(existing).reverse());
      expect(ids((await client.listPosts({ limit: 3 })).items)).toEqual(ids(newer).reverse());
    });

    it('pages neither repeat nor skip posts created concurrently (equal timestamps tie-break by id)', async () => {
      const { client } = await ctx.signUp();
      const posts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => publishedPost(client, { title: `C${i}` })),
      );
      const pages = await pagesFrom(client, { limit: 5 }, null);
      expect(pages.map((page) => page.length)).toEqual([5, 5, 2]);
      const seen = pages.flat();
      expect(new Set(ids(seen)).size).toBe(12);
      expectSameIds(ids(seen), ids(posts));
      expectNewestFirst(seen);
    });

    it('paging a tag filter keeps the filter on every page', async () => {
      const { client } = await ctx.signUp();
      const tagged = await createPostsInOrder(client, 4, { tags: ['math'] });
      await createPostsInOrder(client, 3, { tags: ['other'] });
      const pages = await pagesFrom(client, { tag: 'math', limit: 3 }, null);
      expect(pages.flat().map((post) => post.id)).toEqual(ids(tagged).reverse());
    });

    it('a deleted post between pages is not returned and does not break the cursor', async () => {
      const { client } = await ctx.signUp();
      const posts = (await createPostsInOrder(client, 5)).reverse();
      const first = await client.listPosts({ limit: 2 });
      expect(first.nextCursor).toEqual(expect.any(String));
      await client.deletePost(posts[1]!.id);
      await client.deletePost(posts[3]!.id);
      const rest = await pagesFrom(client, { limit: 2 }, first.nextCursor);
      expect(rest.flat().map((post) => post.id)).toEqual([posts[2]!.id, posts[4]!.id]);
    });

    it('a garbage cursor is VALIDATION on cursor', async () => {
      const client = ctx.anonymous();
      for (const cursor of ['garbage', '', 'eyJub3QiOiJhIGN1cnNvciJ9', '!!!']) {
        await expectContractError(client.listPosts({ cursor }), 'VALIDATION', ['cursor']);
      }
    });

    it('a cursor from a query with another tag filter is VALIDATION on cursor', async () => {
      const { client } = await ctx.signUp();
      await createPostsInOrder(client, 3, { tags: ['math', 'poetry'] });
      const { nextCursor } = await client.listPosts({ tag: 'math', limit: 1 });
      expect(nextCursor).toEqual(expect.any(String));
      await expectContractError(client.listPosts({ tag: 'poetry', cursor: nextCursor }), 'VALIDATION', [
        'cursor',
      ]);
      await expectContractError(client.listPosts({ cursor: nextCursor }), 'VALIDATION', ['cursor']);
    });

    it('a cursor from a query with another authorId filter is VALIDATION on cursor', async () => {
      const ada = await ctx.signUp('Ada');
      const grace = await ctx.signUp('Grace');
      await createPostsInOrder(ada.client, 2);
      await createPostsInOrder(grace.client, 2);
      const { nextCursor } = await ada.client.listPosts({ authorId: ada.user.id, limit: 1 });
      expect(nextCursor).toEqual(expect.any(String));
      const otherQuery = { authorId: grace.user.id, cursor: nextCursor };
      await expectContractError(ada.client.listPosts(otherQuery), 'VALIDATION', ['cursor']);
      await expectContractError(ada.client.listPosts({ cursor: nextCursor }), 'VALIDATION', ['cursor']);
    });

    it('a cursor of an unfiltered query is VALIDATION when a filter is added', async () => {
      const { client, user } = await ctx.signUp();
      await createPostsInOrder(client, 2, { tags: ['math'] });
      const { nextCursor } = await client.listPosts({ limit: 1 });
      await expectContractError(client.listPosts({ tag: 'math', cursor: nextCursor }), 'VALIDATION', [
        'cursor',
      ]);
      await expectContractError(client.listPosts({ authorId: user.id, cursor: nextCursor }), 'VALIDATION', [
        'cursor',
      ]);
    });

    it('a cursor stays valid for the same filters with another limit', async () => {
      const { client } = await ctx.signUp();
      const posts = (await createPostsInOrder(client, 4)).reverse();
      const { nextCursor } = await client.listPosts({ limit: 1 });
      expect(ids((await client.listPosts({ limit: 10, cursor: nextCursor })).items)).toEqual(
        ids(posts.slice(1)),
      );
    });
  });
}
