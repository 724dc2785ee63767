import { describe, expect, it } from 'vitest';
import { expectContractError, unchecked } from './assertions';
import type { ContractContext } from './context';
import { publishedPost } from './fixtures';

const PROTOTYPE_KEYS = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];
// Keys no Convex value can carry, and keys that are not identifiers anywhere.
const ODD_KEYS = ['$where', 'a b', 'é', '名前', ''];
const UNSTORABLE = ['a\u0000b', 'a\ud800b', 'x\u0085', '\u0007bell'];

/** An object whose own keys include `key`, even `__proto__` (as a parsed request body has it). */
const withKey = (base: Record<string, unknown>, key: string, value: unknown = 1) =>
  Object.fromEntries([...Object.entries(base), [key, value]]);

export function describeHostileInput(ctx: ContractContext): void {
  describe('hostile input', () => {
    it('unknown fields named like Object.prototype members are VALIDATION naming them', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      for (const key of PROTOTYPE_KEYS) {
        await expectContractError(client.createPost(unchecked(withKey({ title: 'T' }, key))), 'VALIDATION', [
          key,
        ]);
        await expectContractError(client.updatePost(post.id, unchecked(withKey({}, key))), 'VALIDATION', [
          key,
        ]);
        await expectContractError(client.updateMe(unchecked(withKey({}, key))), 'VALIDATION', [key]);
        await expectContractError(client.upsertProfile(unchecked(withKey({}, key))), 'VALIDATION', [key]);
        await expectContractError(client.listPosts(unchecked(withKey({}, key))), 'VALIDATION', [key]);
      }
      expect(await client.getProfile(post.authorId)).toBeNull();
    });

    it('unknown fields named with $, spaces, non-ASCII letters or nothing are VALIDATION naming them', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      for (const key of ODD_KEYS) {
        await expectContractError(client.createPost(unchecked(withKey({ title: 'T' }, key))), 'VALIDATION', [
          key,
        ]);
        await expectContractError(
          client.updatePost(post.id, unchecked(withKey({ title: 'U' }, key))),
          'VALIDATION',
          [key],
        );
        await expectContractError(
          ctx.platform().signUp(unchecked(withKey({ email: ctx.uniqueEmail(), name: 'N' }, key))),
          'VALIDATION',
          [key],
        );
      }
      expect((await client.getPost(post.id))?.title).toBe(post.title);
    });

    it('NUL, control characters and lone surrogates are VALIDATION naming the field, sign-up included', async () => {
      const { client, user } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Kept' });
      for (const bad of UNSTORABLE) {
        await expectContractError(
          ctx.platform().signUp({ email: ctx.uniqueEmail(), name: bad }),
          'VALIDATION',
          ['name'],
        );
        await expectContractError(client.updateMe({ name: bad }), 'VALIDATION', ['name']);
        await expectContractError(client.upsertProfile({ bio: bad }), 'VALIDATION', ['bio']);
        await expectContractError(client.createPost({ title: bad, content: bad }), 'VALIDATION', [
          'content',
          'title',
        ]);
        await expectContractError(client.updatePost(post.id, { title: bad }), 'VALIDATION', ['title']);
        await expectContractError(client.setPostTags(post.id, [bad]), 'VALIDATION', ['tags']);
      }
      expect(await client.me()).toEqual(user);
      expect(await client.getPost(post.id)).toEqual(post);
      expect(await client.auditLog(post.id)).toHaveLength(1);
    });

    it('nested objects, NaN and non-strings in a tag list are VALIDATION naming the field', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(client.createPost(unchecked({ title: { text: 'T' } })), 'VALIDATION', [
        'title',
      ]);
      await expectContractError(
        client.updatePost(post.id, unchecked({ content: { a: { b: 1 } } })),
        'VALIDATION',
        ['content'],
      );
      await expectContractError(
        client.updatePost(post.id, unchecked({ published: Number.NaN })),
        'VALIDATION',
        ['published'],
      );
      await expectContractError(client.setPostTags(post.id, unchecked([1])), 'VALIDATION', ['tags']);
      await expectContractError(client.setPostTags(post.id, unchecked({ 0: 'a' })), 'VALIDATION', ['tags']);
      await expectContractError(
        client.listPosts(unchecked({ limit: Number.POSITIVE_INFINITY })),
        'VALIDATION',
        ['limit'],
      );
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('a patch field given as undefined is not given: for the author it is a no-op', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      expect(await client.updatePost(post.id, { title: undefined })).toEqual(post);
      expect(await client.updatePost(post.id, { content: undefined, published: undefined })).toEqual(post);
      expect(await client.auditLog(post.id)).toHaveLength(1);
    });

    it('an id that is not a string is VALIDATION on id; a string that names nothing is not found', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      for (const id of [42, null, { id: post.id }, [post.id], Symbol('id')]) {
        const bad = unchecked<string>(id);
        await expectContractError(client.getPost(bad), 'VALIDATION', ['id']);
        await expectContractError(client.getUser(bad), 'VALIDATION', ['id']);
        await expectContractError(client.getProfile(bad), 'VALIDATION', ['id']);
        await expectContractError(client.updatePost(bad, { title: 'X' }), 'VALIDATION', ['id']);
        await expectContractError(client.setPostTags(bad, ['x']), 'VALIDATION', ['id']);
        await expectContractError(client.deletePost(bad), 'VALIDATION', ['id']);
        await expectContractError(client.restorePost(bad), 'VALIDATION', ['id']);
        await expectContractError(client.auditLog(bad), 'VALIDATION', ['id']);
      }
      expect(await client.getPost(post.id)).toEqual(post);
    });

    it('listPosts with null or another non-object query is VALIDATION on input', async () => {
      const client = ctx.anonymous();
      for (const query of [null, 'tag=a', 5, ['a']]) {
        await expectContractError(client.listPosts(unchecked(query)), 'VALIDATION', ['input']);
      }
    });
  });
}
