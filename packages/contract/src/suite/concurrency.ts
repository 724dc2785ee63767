import { describe, expect, it } from 'vitest';
import { expectSameIds, ids } from './assertions';
import type { ContractContext } from './context';
import { publishedPost } from './fixtures';

const POSTS = 30;
const CLIENTS = 3;
const TAGS = ['fresh-a', 'fresh-b', 'fresh-c', 'fresh-d'];

export function describeConcurrency(ctx: ContractContext): void {
  describe('concurrency', () => {
    it('30 concurrent createPost calls sharing brand-new tags all succeed, one tag per name', async () => {
      const members = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => ctx.signUp(`Writer ${i}`)));
      // Post i carries two neighbouring shared tags, so every tag is new to several writers at once.
      const tagsOf = (i: number) => [TAGS[i % TAGS.length]!, TAGS[(i + 1) % TAGS.length]!].sort();
      const posts = await Promise.all(
        Array.from({ length: POSTS }, (_, i) => {
          const [first, second] = tagsOf(i);
          // One tag in upper case: normalizing must happen before the tag is looked up or created.
          const tags = [first!, second!.toUpperCase()];
          return publishedPost(members[i % CLIENTS]!.client, { title: `Concurrent ${i}`, tags });
        }),
      );

      posts.forEach((post, i) => expect(post.tags).toEqual(tagsOf(i)));
      expect(new Set(ids(posts)).size).toBe(POSTS);
      const countOf = (tag: string) => posts.filter((_, i) => tagsOf(i).includes(tag)).length;
      const expectedTags = TAGS.map((name) => ({ name, postCount: countOf(name) })).sort(
        (a, b) => b.postCount - a.postCount || (a.name < b.name ? -1 : 1),
      );
      expect(await ctx.anonymous().listTags()).toEqual(expectedTags);

      const listed = await ctx.anonymous().listPosts({ limit: 100 });
      expectSameIds(ids(listed.items), ids(posts));
      for (const tag of TAGS) {
        expect((await ctx.anonymous().listPosts({ tag, limit: 100 })).items).toHaveLength(countOf(tag));
      }
    });

    it('concurrent setPostTags on different posts with brand-new tags all succeed', async () => {
      const { client } = await ctx.signUp();
      const posts = await Promise.all(
        Array.from({ length: 8 }, (_, i) => publishedPost(client, { title: `P${i}` })),
      );
      const tagged = await Promise.all(
        posts.map((post) => client.setPostTags(post.id, ['late-a', 'late-b'])),
      );
      for (const post of tagged) expect(post.tags).toEqual(['late-a', 'late-b']);
      expect(await client.listTags()).toEqual([
        { name: 'late-a', postCount: 8 },
        { name: 'late-b', postCount: 8 },
      ]);
    });

    it('concurrent updates of one post each append their own audit entry', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Start' });
      await Promise.all(['A', 'B', 'C'].map((title) => client.updatePost(post.id, { title })));
      const log = await client.auditLog(post.id);
      expect(log.map((entry) => entry.action)).toEqual(['create', 'update', 'update', 'update']);
      const titleChanges = log.slice(1).map((entry) => entry.changes['title']);
      expect(titleChanges.map((change) => change?.to).sort()).toEqual(['A', 'B', 'C']);
      expect(titleChanges.map((change) => change?.to)).toContain((await client.getPost(post.id))?.title);
    });
  });
}
