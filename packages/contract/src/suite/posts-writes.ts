import { describe, expect, it } from 'vitest';
import {
  ISO_TIMESTAMP,
  expectAfter,
  expectCurrentTime,
  expectNotBefore,
  expectContractError,
  unchecked,
} from './assertions';
import type { Client } from '../platform';
import type { ContractContext } from './context';
import { type CreatePostInput, afterClockPasses, draftPost, publishedPost } from './fixtures';

type UpdatePostPatch = Parameters<Client['updatePost']>[1];

export function describePostWrites(ctx: ContractContext): void {
  describe('posts: createPost', () => {
    it('createPost returns the post with platform-set id, author and timestamps', async () => {
      const { client, user } = await ctx.signUp('Ada');
      const post = await client.createPost({
        title: 'Notes',
        content: 'On the engine',
        published: true,
        tags: ['math'],
      });
      expect(post).toEqual({
        id: expect.any(String),
        authorId: user.id,
        author: { id: user.id, name: 'Ada' },
        title: 'Notes',
        content: 'On the engine',
        published: true,
        tags: ['math'],
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
      expectNotBefore(post.updatedAt, post.createdAt);
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('createPost defaults published to false, content to null and tags to []', async () => {
      const { client } = await ctx.signUp();
      expect(await client.createPost({ title: 'Bare' })).toMatchObject({
        published: false,
        content: null,
        tags: [],
      });
    });

    it('createPost trims the title', async () => {
      const { client } = await ctx.signUp();
      expect((await client.createPost({ title: '  Spaced out  ' })).title).toBe('Spaced out');
    });

    it('createPost normalizes tags: trimmed, lowercased, whitespace runs to "-", duplicates collapsed, sorted', async () => {
      const { client } = await ctx.signUp();
      const post = await client.createPost({
        title: 'Tagged',
        tags: ['  Web   Dev ', 'zeta', 'ALPHA', 'web-dev', 'alpha', '\tData\nScience '],
      });
      expect(post.tags).toEqual(['alpha', 'data-science', 'web-dev', 'zeta']);
    });

    it('createPost sets createdAt to the current time', async () => {
      const { client } = await ctx.signUp();
      const before = Date.now();
      const post = await client.createPost({ title: 'Now' });
      expectCurrentTime(post.createdAt, before);
    });

    it('createPost rejects authorId: the platform sets the author', async () => {
      const { client } = await ctx.signUp();
      const { user: other } = await ctx.signUp();
      const input = unchecked<CreatePostInput>({ title: 'Impersonation', authorId: other.id });
      await expectContractError(client.createPost(input), 'VALIDATION', ['authorId']);
    });

    it('createPost rejects id, createdAt and updatedAt: the platform sets them', async () => {
      const { client } = await ctx.signUp();
      const input = unchecked<CreatePostInput>({
        title: 'Backdated',
        id: 'chosen-id',
        createdAt: '2000-01-01T00:00:00.000Z',
        updatedAt: '2000-01-01T00:00:00.000Z',
      });
      await expectContractError(client.createPost(input), 'VALIDATION', ['id', 'createdAt', 'updatedAt']);
      expect((await client.listPosts()).items).toEqual([]);
    });

    it('title: 200 characters are accepted, 201 rejected', async () => {
      const { client } = await ctx.signUp();
      expect((await client.createPost({ title: 't'.repeat(200) })).title).toBe('t'.repeat(200));
      await expectContractError(client.createPost({ title: 't'.repeat(201) }), 'VALIDATION', ['title']);
    });

    it('title length counts code points after trimming: 200 emoji with spaces around are accepted', async () => {
      const { client } = await ctx.signUp();
      expect((await client.createPost({ title: ` ${'🚀'.repeat(200)} ` })).title).toBe('🚀'.repeat(200));
    });

    it('title: empty or only whitespace is rejected', async () => {
      const { client } = await ctx.signUp();
      await expectContractError(client.createPost({ title: '' }), 'VALIDATION', ['title']);
      await expectContractError(client.createPost({ title: ' \t\n ' }), 'VALIDATION', ['title']);
    });

    it('content: 20,000 characters are accepted, 20,001 rejected', async () => {
      const { client } = await ctx.signUp();
      expect((await client.createPost({ title: 'Long', content: 'c'.repeat(20_000) })).content).toHaveLength(
        20_000,
      );
      await expectContractError(
        client.createPost({ title: 'Long', content: 'c'.repeat(20_001) }),
        'VALIDATION',
        ['content'],
      );
    });

    it('tags: 10 are accepted, 11 rejected', async () => {
      const { client } = await ctx.signUp();
      const tags = Array.from({ length: 11 }, (_, i) => `tag-${i}`);
      expect((await client.createPost({ title: 'Ten', tags: tags.slice(0, 10) })).tags).toHaveLength(10);
      await expectContractError(client.createPost({ title: 'Eleven', tags }), 'VALIDATION', ['tags']);
    });

    it('tags: 11 names that collapse to 10 after normalizing are accepted', async () => {
      const { client } = await ctx.signUp();
      const tags = [...Array.from({ length: 10 }, (_, i) => `tag-${i}`), 'TAG-0'];
      expect((await client.createPost({ title: 'Ten', tags })).tags).toHaveLength(10);
    });

    it('tags: 32 characters are accepted, 33 rejected', async () => {
      const { client } = await ctx.signUp();
      expect((await client.createPost({ title: 'Long tag', tags: ['t'.repeat(32)] })).tags).toEqual([
        't'.repeat(32),
      ]);
      await expectContractError(
        client.createPost({ title: 'Longer tag', tags: ['t'.repeat(33)] }),
        'VALIDATION',
        ['tags'],
      );
    });

    it('tags: names that do not match the tag pattern are rejected', async () => {
      const { client } = await ctx.signUp();
      for (const tag of ['-leading-dash', 'c++', 'ünïcode', '', '   ', 'under_score']) {
        await expectContractError(client.createPost({ title: 'Bad tag', tags: [tag] }), 'VALIDATION', [
          'tags',
        ]);
      }
    });

    it('published must be a boolean', async () => {
      const { client } = await ctx.signUp();
      const input = unchecked<CreatePostInput>({ title: 'Maybe', published: 'yes' });
      await expectContractError(client.createPost(input), 'VALIDATION', ['published']);
    });

    it('createPost reports every bad field at once and creates nothing', async () => {
      const { client } = await ctx.signUp();
      await expectContractError(
        client.createPost({ title: ' ', content: 'c'.repeat(20_001), tags: ['no good'.repeat(10)] }),
        'VALIDATION',
        ['title', 'content', 'tags'],
      );
      expect((await client.listPosts()).items).toEqual([]);
      expect(await client.listTags()).toEqual([]);
    });

    it('anonymous createPost is UNAUTHENTICATED', async () => {
      await expectContractError(ctx.anonymous().createPost({ title: 'Hello' }), 'UNAUTHENTICATED');
    });

    it('each post gets its own id', async () => {
      const { client } = await ctx.signUp();
      const [first, second] = [
        await client.createPost({ title: 'One' }),
        await client.createPost({ title: 'One' }),
      ];
      expect(first.id).not.toBe(second.id);
    });
  });

  describe('posts: updatePost', () => {
    it('updatePost changes the given fields, keeps the others and moves updatedAt forward', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client, { content: 'Draft text', tags: ['math'] });
      await afterClockPasses(post.updatedAt);
      const updated = await client.updatePost(post.id, { title: ' Final ', published: true });
      expect(updated).toEqual({
        ...post,
        title: 'Final',
        published: true,
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
      });
      expectAfter(updated.updatedAt, post.updatedAt);
      expect(await client.getPost(post.id)).toEqual(updated);
    });

    it('updatePost can set content to null', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client, { content: 'Something' });
      expect((await client.updatePost(post.id, { content: null })).content).toBeNull();
    });

    it('updatePost with an empty patch returns the current post, updatedAt kept', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await afterClockPasses(post.updatedAt);
      expect(await client.updatePost(post.id, {})).toEqual(post);
    });

    it('updatePost with the current values is a no-op that keeps updatedAt', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Same', content: null });
      await afterClockPasses(post.updatedAt);
      expect(await client.updatePost(post.id, { title: ' Same ', content: null, published: true })).toEqual(
        post,
      );
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('a rejected updatePost reports every bad field and changes nothing, updatedAt included', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await afterClockPasses(post.updatedAt);
      const patch = unchecked<UpdatePostPatch>({ title: '', content: 'c'.repeat(20_001), published: 1 });
      await expectContractError(client.updatePost(post.id, patch), 'VALIDATION', [
        'title',
        'content',
        'published',
      ]);
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('updatePost rejects authorId, id and createdAt: a client never changes them', async () => {
      const { client } = await ctx.signUp();
      const { user: other } = await ctx.signUp();
      const post = await publishedPost(client);
      const patch = unchecked<UpdatePostPatch>({
        authorId: other.id,
        id: 'new-id',
        createdAt: '2000-01-01T00:00:00.000Z',
      });
      await expectContractError(client.updatePost(post.id, patch), 'VALIDATION', [
        'authorId',
        'id',
        'createdAt',
      ]);
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('updatePost rejects tags: tags change through setPostTags only', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      const patch = unchecked<UpdatePostPatch>({ tags: ['math'] });
      await expectContractError(client.updatePost(post.id, patch), 'VALIDATION', ['tags']);
    });

    it('updatePost: title of 201 characters is rejected', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(client.updatePost(post.id, { title: 't'.repeat(201) }), 'VALIDATION', [
        'title',
      ]);
    });

    it('anonymous updatePost is UNAUTHENTICATED', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(ctx.anonymous().updatePost(post.id, { title: 'Defaced' }), 'UNAUTHENTICATED');
    });
  });

  describe('posts: setPostTags', () => {
    it('setPostTags replaces the tags, normalized and sorted, and moves updatedAt forward', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['old'] });
      await afterClockPasses(post.updatedAt);
      const tagged = await client.setPostTags(post.id, ['Zeta', ' Machine  Learning', 'alpha']);
      expect(tagged.tags).toEqual(['alpha', 'machine-learning', 'zeta']);
      expectAfter(tagged.updatedAt, post.updatedAt);
      expect(await client.getPost(post.id)).toEqual(tagged);
    });

    it('setPostTags with [] removes every tag', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['a', 'b'] });
      expect((await client.setPostTags(post.id, [])).tags).toEqual([]);
    });

    it('setPostTags with the same set in another order or case is a no-op that keeps updatedAt', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['alpha', 'beta'] });
      await afterClockPasses(post.updatedAt);
      expect(await client.setPostTags(post.id, ['BETA', 'alpha', 'beta'])).toEqual(post);
    });

    it('setPostTags: 10 tags accepted, 11 rejected without changing the post', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['kept'] });
      const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
      expect((await client.setPostTags(post.id, tags.slice(0, 10))).tags).toHaveLength(10);
      const current = await client.getPost(post.id);
      await expectContractError(client.setPostTags(post.id, tags), 'VALIDATION', ['tags']);
      expect(await client.getPost(post.id)).toEqual(current);
    });

    it('setPostTags rejects an invalid tag', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(client.setPostTags(post.id, ['ok', '#hash']), 'VALIDATION', ['tags']);
    });

    it('anonymous setPostTags is UNAUTHENTICATED', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(ctx.anonymous().setPostTags(post.id, ['spam']), 'UNAUTHENTICATED');
    });
  });

  describe('posts: deletePost and restorePost', () => {
    it('deletePost hides the post; restorePost brings it back with its id, content, tags and createdAt', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { content: 'Body', tags: ['kept'] });
      await afterClockPasses(post.updatedAt);
      await client.deletePost(post.id);
      expect(await client.getPost(post.id)).toBeNull();
      const restored = await client.restorePost(post.id);
      expect(restored).toEqual({ ...post, updatedAt: expect.stringMatching(ISO_TIMESTAMP) });
      expectAfter(restored.updatedAt, post.updatedAt);
      expect(await client.getPost(post.id)).toEqual(restored);
      expect(await ctx.anonymous().getPost(post.id)).toEqual(restored);
    });

    it('restorePost of a post that is not deleted returns it unchanged, updatedAt kept', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await afterClockPasses(post.updatedAt);
      expect(await client.restorePost(post.id)).toEqual(post);
    });

    it('a restored draft is still a draft', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client);
      await client.deletePost(post.id);
      expect((await client.restorePost(post.id)).published).toBe(false);
    });

    it('anonymous deletePost is UNAUTHENTICATED', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(ctx.anonymous().deletePost(post.id), 'UNAUTHENTICATED');
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('anonymous restorePost is UNAUTHENTICATED', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await client.deletePost(post.id);
      await expectContractError(ctx.anonymous().restorePost(post.id), 'UNAUTHENTICATED');
      expect(await client.getPost(post.id)).toBeNull();
    });
  });

  describe('posts: author read live', () => {
    it('Post.author shows the new name on every post after updateMe', async () => {
      const { client, user } = await ctx.signUp('Ada');
      const [first, second] = [await publishedPost(client), await draftPost(client)];
      await client.updateMe({ name: 'Countess' });
      // Only the author changed: the posts themselves, updatedAt included, are untouched.
      const author = { id: user.id, name: 'Countess' };
      expect(await client.getPost(first.id)).toEqual({ ...first, author });
      expect(await client.getPost(second.id)).toEqual({ ...second, author });
      expect((await ctx.anonymous().listPosts()).items).toEqual([{ ...first, author }]);
    });
  });
}
