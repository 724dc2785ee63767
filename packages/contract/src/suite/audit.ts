import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@parity/domain';
import { ISO_TIMESTAMP, expectContractError } from './assertions';
import type { ContractContext } from './context';
import { MISSING_IDS, deletedPost, draftPost, publishedPost } from './fixtures';

const actions = (entries: readonly AuditEntry[]) => entries.map((entry) => entry.action);

export function describeAudit(ctx: ContractContext): void {
  describe('audit: entries per write', () => {
    it('createPost appends one create entry with empty changes, even with tags', async () => {
      const { client, user } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['math', 'poetry'] });
      expect(await client.auditLog(post.id)).toEqual([
        {
          id: expect.any(String),
          postId: post.id,
          actorId: user.id,
          action: 'create',
          at: expect.stringMatching(ISO_TIMESTAMP),
          changes: {},
        },
      ]);
    });

    it('updatePost appends an update entry with only the changed fields, as {from, to}', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client, { title: 'Old', content: 'Same' });
      await client.updatePost(post.id, { title: 'New', content: 'Same', published: true });
      const [, update] = await client.auditLog(post.id);
      expect(update).toMatchObject({
        action: 'update',
        changes: { title: { from: 'Old', to: 'New' }, published: { from: false, to: true } },
      });
      expect(Object.keys(update!.changes).sort()).toEqual(['published', 'title']);
    });

    it('an update entry records content changes to and from null', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client);
      await client.updatePost(post.id, { content: 'Text' });
      await client.updatePost(post.id, { content: null });
      const log = await client.auditLog(post.id);
      expect(log.map((entry) => entry.changes)).toEqual([
        {},
        { content: { from: null, to: 'Text' } },
        { content: { from: 'Text', to: null } },
      ]);
    });

    it('setPostTags appends a tags entry with both lists normalized and sorted', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { tags: ['b', 'a'] });
      await client.setPostTags(post.id, ['Zeta', 'a', ' New Tag ']);
      const [, tags] = await client.auditLog(post.id);
      expect(tags).toMatchObject({
        action: 'tags',
        changes: { tags: { from: ['a', 'b'], to: ['a', 'new-tag', 'zeta'] } },
      });
      expect(Object.keys(tags!.changes)).toEqual(['tags']);
    });

    it('deletePost and restorePost append delete and restore entries with empty changes', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await client.deletePost(post.id);
      await client.restorePost(post.id);
      const log = await client.auditLog(post.id);
      expect(actions(log)).toEqual(['create', 'delete', 'restore']);
      expect(log[1]!.changes).toEqual({});
      expect(log[2]!.changes).toEqual({});
    });

    it('the log is oldest first, one entry per successful write, with distinct ids', async () => {
      const { client, user } = await ctx.signUp();
      const post = await draftPost(client);
      await client.updatePost(post.id, { title: 'Second' });
      await client.setPostTags(post.id, ['third']);
      await client.deletePost(post.id);
      await client.restorePost(post.id);
      const log = await client.auditLog(post.id);
      expect(actions(log)).toEqual(['create', 'update', 'tags', 'delete', 'restore']);
      expect(new Set(log.map((entry) => entry.id)).size).toBe(5);
      for (const entry of log) expect(entry).toMatchObject({ postId: post.id, actorId: user.id });
      const times = log.map((entry) => entry.at);
      expect(times).toEqual([...times].sort());
    });
  });

  describe('audit: no entry without a change', () => {
    it('no-op writes append no entry', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Same', tags: ['a'] });
      await client.updatePost(post.id, {});
      await client.updatePost(post.id, { title: 'Same', published: true });
      await client.setPostTags(post.id, ['A']);
      await client.restorePost(post.id);
      expect(actions(await client.auditLog(post.id))).toEqual(['create']);
    });

    it('rejected writes by the author append no entry', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      await expectContractError(client.updatePost(post.id, { title: '' }), 'VALIDATION', ['title']);
      await expectContractError(client.setPostTags(post.id, ['#']), 'VALIDATION', ['tags']);
      expect(actions(await client.auditLog(post.id))).toEqual(['create']);
    });

    it('refused writes by other users and by the anonymous visitor append no entry', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      const { client: other } = await ctx.signUp();
      await expectContractError(other.updatePost(post.id, { title: 'Defaced' }), 'FORBIDDEN');
      await expectContractError(other.deletePost(post.id), 'FORBIDDEN');
      await expectContractError(ctx.anonymous().setPostTags(post.id, ['spam']), 'UNAUTHENTICATED');
      expect(actions(await client.auditLog(post.id))).toEqual(['create']);
    });

    it('a rejected createPost leaves no post and no audit trail behind', async () => {
      const { client } = await ctx.signUp();
      await expectContractError(client.createPost({ title: 'Tags', tags: ['ok', 'not ok!'] }), 'VALIDATION', [
        'tags',
      ]);
      expect((await client.listPosts()).items).toEqual([]);
      expect(await client.listTags()).toEqual([]);
    });
  });

  describe('audit: who can read it', () => {
    it('the author reads the audit log of their draft', async () => {
      const { client } = await ctx.signUp();
      const post = await draftPost(client);
      expect(actions(await client.auditLog(post.id))).toEqual(['create']);
    });

    it('the author reads the audit log of their deleted post', async () => {
      const { client } = await ctx.signUp();
      const post = await deletedPost(client);
      expect(actions(await client.auditLog(post.id))).toEqual(['create', 'delete']);
    });

    it('another user gets FORBIDDEN for the audit log of a published post', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client);
      const { client: other } = await ctx.signUp();
      await expectContractError(other.auditLog(post.id), 'FORBIDDEN');
    });

    it('another user gets NOT_FOUND for the audit log of a draft or a deleted post', async () => {
      const { client } = await ctx.signUp();
      const [draft, deleted] = [await draftPost(client), await deletedPost(client)];
      const { client: other } = await ctx.signUp();
      await expectContractError(other.auditLog(draft.id), 'NOT_FOUND');
      await expectContractError(other.auditLog(deleted.id), 'NOT_FOUND');
    });

    it('the anonymous visitor gets FORBIDDEN for a published post’s log and NOT_FOUND for a draft’s', async () => {
      const { client } = await ctx.signUp();
      const [published, draft] = [await publishedPost(client), await draftPost(client)];
      await expectContractError(ctx.anonymous().auditLog(published.id), 'FORBIDDEN');
      await expectContractError(ctx.anonymous().auditLog(draft.id), 'NOT_FOUND');
    });

    it('auditLog of a missing or malformed post id is NOT_FOUND', async () => {
      const { client, user } = await ctx.signUp();
      for (const id of [...MISSING_IDS, user.id]) await expectContractError(client.auditLog(id), 'NOT_FOUND');
    });
  });
}
