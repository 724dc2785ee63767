import { TAG_CLOUD_SIZE } from '@parity/domain';
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './context';
import { deletedPost, draftPost, publishedPost } from './fixtures';

export function describeTags(ctx: ContractContext): void {
  describe('tags: listTags', () => {
    it('listTags is empty when there are no posts', async () => {
      expect(await ctx.anonymous().listTags()).toEqual([]);
    });

    it('listTags counts published posts per tag: postCount desc, then name asc', async () => {
      const { client } = await ctx.signUp();
      await publishedPost(client, { tags: ['beta', 'alpha', 'gamma'] });
      await publishedPost(client, { tags: ['gamma', 'beta'] });
      await publishedPost(client, { tags: ['gamma', 'delta'] });
      expect(await ctx.anonymous().listTags()).toEqual([
        { name: 'gamma', postCount: 3 },
        { name: 'beta', postCount: 2 },
        { name: 'alpha', postCount: 1 },
        { name: 'delta', postCount: 1 },
      ]);
    });

    it('listTags counts posts of every author', async () => {
      const ada = await ctx.signUp('Ada');
      const grace = await ctx.signUp('Grace');
      await publishedPost(ada.client, { tags: ['shared'] });
      await publishedPost(grace.client, { tags: ['shared'] });
      expect(await ada.client.listTags()).toEqual([{ name: 'shared', postCount: 2 }]);
    });

    it('listTags never counts drafts, even for their author', async () => {
      const { client } = await ctx.signUp();
      await draftPost(client, { tags: ['secret', 'shared'] });
      await publishedPost(client, { tags: ['shared'] });
      const expected = [{ name: 'shared', postCount: 1 }];
      expect(await client.listTags()).toEqual(expected);
      expect(await ctx.anonymous().listTags()).toEqual(expected);
    });

    it('listTags never counts deleted posts, even for their author', async () => {
      const { client } = await ctx.signUp();
      await deletedPost(client, { tags: ['gone', 'shared'] });
      await publishedPost(client, { tags: ['shared'] });
      expect(await client.listTags()).toEqual([{ name: 'shared', postCount: 1 }]);
    });

    it('a restored post counts again', async () => {
      const { client } = await ctx.signUp();
      const post = await deletedPost(client, { tags: ['back'] });
      expect(await client.listTags()).toEqual([]);
      await client.restorePost(post.id);
      expect(await client.listTags()).toEqual([{ name: 'back', postCount: 1 }]);
    });

    it('publishing a draft adds it to the counts; unpublishing removes it', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client, { tags: ['news'] });
      await client.updatePost(post.id, { published: true });
      expect(await client.listTags()).toEqual([{ name: 'news', postCount: 1 }]);
      await client.updatePost(post.id, { published: false });
      expect(await client.listTags()).toEqual([]);
    });

    it('a tag removed by setPostTags disappears from listTags when its count drops to 0', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['old', 'kept'] });
      await client.setPostTags(post.id, ['kept', 'new']);
      expect(await client.listTags()).toEqual([
        { name: 'kept', postCount: 1 },
        { name: 'new', postCount: 1 },
      ]);
    });

    it('listTags returns the 50 most used tags, ties by name', async () => {
      const { client } = await ctx.signUp();
      // 60 tags on 6 posts, once each, then 'tag-59' again and 'zz-last', which sorts after the others.
      const names = Array.from({ length: 60 }, (_, i) => `tag-${String(i).padStart(2, '0')}`);
      for (let i = 0; i < 60; i += 10) await publishedPost(client, { tags: names.slice(i, i + 10) });
      await publishedPost(client, { tags: ['tag-59', 'zz-last'] });
      const cloud = await ctx.anonymous().listTags();
      expect(cloud).toHaveLength(TAG_CLOUD_SIZE);
      expect(cloud).toEqual([
        { name: 'tag-59', postCount: 2 },
        ...names.slice(0, TAG_CLOUD_SIZE - 1).map((name) => ({ name, postCount: 1 })),
      ]);
    });

    it('a tag whose count went to 0 and back is listed once with its new count', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['phoenix'] });
      await client.setPostTags(post.id, []);
      await publishedPost(client, { tags: ['Phoenix'] });
      expect(await client.listTags()).toEqual([{ name: 'phoenix', postCount: 1 }]);
    });
  });
}
