import { describe, expect, it } from 'vitest';
import { expectContractError, ids } from './assertions';
import type { ContractContext } from './context';
import { draftPost, publishedPost } from './fixtures';

export function describeAccountDeletion(ctx: ContractContext): void {
  describe('account deletion: deleteMe', () => {
    it('after deleteMe the same client’s me() is null', async () => {
      const { client } = await ctx.signUp();
      await client.deleteMe();
      expect(await client.me()).toBeNull();
    });

    it('after deleteMe every write of the same client is UNAUTHENTICATED', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await client.deleteMe();
      await expectContractError(client.createPost({ title: 'From beyond' }), 'UNAUTHENTICATED');
      await expectContractError(client.updateMe({ name: 'Ghost' }), 'UNAUTHENTICATED');
      await expectContractError(client.upsertProfile({ bio: 'Ghost' }), 'UNAUTHENTICATED');
      await expectContractError(client.updatePost(post.id, { title: 'Ghost' }), 'UNAUTHENTICATED');
      await expectContractError(client.deleteMe(), 'UNAUTHENTICATED');
    });

    it('after deleteMe the client still reads like the anonymous visitor', async () => {
      const { client } = await ctx.signUp();
      const { client: other } = await ctx.signUp();
      const post = await publishedPost(other);
      await client.deleteMe();
      expect(await client.getPost(post.id)).toEqual(post);
      expect(ids((await client.listPosts()).items)).toEqual([post.id]);
    });

    it('deleteMe removes the user: getUser is null for everyone', async () => {
      const { client, user } = await ctx.signUp();
      await client.deleteMe();
      expect(await ctx.anonymous().getUser(user.id)).toBeNull();
    });

    it('deleteMe removes the profile', async () => {
      const { client, user } = await ctx.signUp();
      await client.upsertProfile({ bio: 'Soon gone' });
      await client.deleteMe();
      expect(await ctx.anonymous().getProfile(user.id)).toBeNull();
    });

    it('deleteMe removes the user’s posts, published and drafts, and their audit logs', async () => {
      const { client, user } = await ctx.signUp();
      const [published, draft] = [await publishedPost(client), await draftPost(client)];
      const { client: other } = await ctx.signUp();
      await client.deleteMe();
      expect(await other.getPost(published.id)).toBeNull();
      expect((await other.listPosts({ authorId: user.id })).items).toEqual([]);
      await expectContractError(other.auditLog(published.id), 'NOT_FOUND');
      await expectContractError(other.auditLog(draft.id), 'NOT_FOUND');
    });

    it('after deleteMe the user’s tags stay but leave listTags when their count is 0', async () => {
      const { client } = await ctx.signUp();
      const { client: other } = await ctx.signUp();
      await publishedPost(client, { tags: ['only-mine', 'shared'] });
      await publishedPost(other, { tags: ['shared'] });
      await client.deleteMe();
      expect(await other.listTags()).toEqual([{ name: 'shared', postCount: 1 }]);
      await publishedPost(other, { tags: ['only-mine'] });
      expect(await other.listTags()).toEqual([
        { name: 'only-mine', postCount: 1 },
        { name: 'shared', postCount: 1 },
      ]);
    });

    it('deleteMe leaves other users, their profiles, posts and audit logs untouched', async () => {
      const { client } = await ctx.signUp();
      const other = await ctx.signUp('Other');
      const profile = await other.client.upsertProfile({ bio: 'Still here' });
      const post = await publishedPost(other.client, { tags: ['shared'] });
      await publishedPost(client, { tags: ['shared'] });
      await client.deleteMe();
      expect(await other.client.me()).toEqual(other.user);
      expect(await ctx.anonymous().getProfile(other.user.id)).toEqual(profile);
      expect(await other.client.getPost(post.id)).toEqual(post);
      expect((await other.client.auditLog(post.id)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('the email of a deleted account can sign up again, as a new user', async () => {
      const email = ctx.uniqueEmail();
      const first = await ctx.platform().signUp({ email, name: 'First' });
      const firstId = (await first.me())!.id;
      await first.deleteMe();
      const second = await ctx.platform().signUp({ email, name: 'Second' });
      const me = await second.me();
      expect(me).toMatchObject({ email, name: 'Second' });
      expect(me!.id).not.toBe(firstId);
    });

    it('concurrent deleteMe of users sharing tags all succeed, and the counts stay right', async () => {
      // Each user's posts take the shared tags in another order, so the counters their deletions
      // move are met in opposite orders: a database that locks them as it goes deadlocks here.
      const tags = ['del-a', 'del-b', 'del-c', 'del-d'];
      const users = await Promise.all([0, 1, 2, 3].map(() => ctx.signUp()));
      for (const [index, { client }] of users.entries()) {
        const order = index % 2 === 0 ? tags : [...tags].reverse();
        for (const tag of order) await publishedPost(client, { tags: [tag] });
      }
      const { client: survivor } = await ctx.signUp();
      await publishedPost(survivor, { tags: ['del-a'] });
      await Promise.all(users.map(({ client }) => client.deleteMe()));
      expect(await survivor.listTags()).toEqual([{ name: 'del-a', postCount: 1 }]);
      for (const { user } of users) expect(await survivor.getUser(user.id)).toBeNull();
    });

    it('anonymous deleteMe is UNAUTHENTICATED', async () => {
      await expectContractError(ctx.anonymous().deleteMe(), 'UNAUTHENTICATED');
    });
  });
}
