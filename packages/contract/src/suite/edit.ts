import { describe, expect, it } from 'vitest';
import type { AuditEntry, Post } from '@parity/domain';
import type { Client } from '../platform';
import { expectAfter, expectContractError, outcome, unchecked } from './assertions';
import type { ContractContext } from './context';
import { MISSING_IDS, afterClockPasses, deletedPost, draftPost, publishedPost } from './fixtures';
import { expectLogMatches, replayAuditLog } from './replay';

type Edit = Parameters<Client['editPost']>[1];

/** SPEC.md §6 "An edit is all or nothing": the edit form's one write, fields and tags together. */
export function describeEdit(ctx: ContractContext): void {
  describe('posts: editPost', () => {
    it('editPost saves fields and tags together and appends one update entry listing both', async () => {
      const { client, user } = await ctx.signUp();
      const original = await publishedPost(client, {
        title: 'Before',
        content: 'Old',
        tags: ['keep', 'old'],
      });
      await afterClockPasses(original.updatedAt);
      const edited = await client.editPost(original.id, {
        title: '  After  ',
        content: null,
        tags: ['Keep', 'New Tag'],
      });
      expect(edited).toEqual({
        ...original,
        title: 'After',
        content: null,
        tags: ['keep', 'new-tag'],
        updatedAt: edited.updatedAt,
      });
      expectAfter(edited.updatedAt, original.updatedAt);
      expect(await client.getPost(original.id)).toEqual(edited);

      const log = await client.auditLog(original.id);
      expect(log.map((entry) => entry.action)).toEqual(['create', 'update']);
      expect(log[1]).toMatchObject({
        actorId: user.id,
        at: edited.updatedAt,
        changes: {
          title: { from: 'Before', to: 'After' },
          content: { from: 'Old', to: null },
          tags: { from: ['keep', 'old'], to: ['keep', 'new-tag'] },
        },
      });
      expect(Object.keys(log[1]!.changes).sort()).toEqual(['content', 'tags', 'title']);
    });

    it('editPost of one kind appends the entry updatePost or setPostTags would', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Same', tags: ['a'] });
      await client.editPost(post.id, { title: 'Same', tags: ['b', 'A'] });
      await client.editPost(post.id, { published: false, tags: ['b', 'a'] });
      const log = await client.auditLog(post.id);
      expect(log.slice(1).map(({ action, changes }) => ({ action, changes }))).toEqual([
        { action: 'tags', changes: { tags: { from: ['a'], to: ['a', 'b'] } } },
        { action: 'update', changes: { published: { from: true, to: false } } },
      ]);
    });

    it('editPost that changes nothing returns the post, keeps updatedAt and appends no entry', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Still', content: null, tags: ['x', 'y'] });
      await afterClockPasses(post.updatedAt);
      const noOps: Edit[] = [
        {},
        { title: ' Still ', content: null, published: true, tags: ['Y', 'x', 'x'] },
        unchecked<Edit>({ title: undefined, tags: undefined }),
      ];
      for (const edit of noOps) expect(await client.editPost(post.id, edit)).toEqual(post);
      expect(await client.auditLog(post.id)).toHaveLength(1);
    });

    it('editPost reports every bad field at once, tags and unknown fields included, and saves nothing', async () => {
      const { client } = await ctx.signUp();
      const post = await publishedPost(client, { title: 'Kept', tags: ['kept'] });
      const bad = unchecked<Edit>({ title: ' ', published: 'yes', tags: ['ok', '-bad'], authorId: 'x' });
      await expectContractError(client.editPost(post.id, bad), 'VALIDATION', [
        'title',
        'published',
        'tags',
        'authorId',
      ]);
      // Valid fields beside one bad part: nothing of the edit is saved, neither half.
      const elevenTags = Array.from({ length: 11 }, (_, i) => `t${i}`);
      await expectContractError(client.editPost(post.id, { title: 'Half', tags: elevenTags }), 'VALIDATION', [
        'tags',
      ]);
      await expectContractError(
        client.editPost(post.id, { title: 'x'.repeat(201), tags: ['fine'] }),
        'VALIDATION',
        ['title'],
      );
      expect(await client.getPost(post.id)).toEqual(post);
      expect(await client.auditLog(post.id)).toHaveLength(1);
    });

    it('editPost: UNAUTHENTICATED for the visitor, FORBIDDEN or NOT_FOUND for another user, nothing saved', async () => {
      const { client } = await ctx.signUp();
      const { client: other } = await ctx.signUp();
      const published = await publishedPost(client, { tags: ['mine'] });
      const draft = await draftPost(client);
      const edit = { title: 'Taken over', tags: ['theirs'] };
      await expectContractError(ctx.anonymous().editPost(published.id, edit), 'UNAUTHENTICATED');
      await expectContractError(ctx.anonymous().editPost('not-an-id', edit), 'UNAUTHENTICATED');
      await expectContractError(other.editPost(published.id, edit), 'FORBIDDEN');
      await expectContractError(other.editPost(draft.id, edit), 'NOT_FOUND');
      expect(await client.getPost(published.id)).toEqual(published);
      expect(await client.getPost(draft.id)).toEqual(draft);
      expect(await client.auditLog(published.id)).toHaveLength(1);
      expect(await client.listTags()).toEqual([{ name: 'mine', postCount: 1 }]);
    });

    it('editPost of a deleted post or a missing id is NOT_FOUND; an id that is not a string is VALIDATION', async () => {
      const { client } = await ctx.signUp();
      const deleted = await deletedPost(client);
      await expectContractError(client.editPost(deleted.id, { title: 'Ghost', tags: ['g'] }), 'NOT_FOUND');
      for (const id of MISSING_IDS) {
        await expectContractError(client.editPost(id, { tags: ['nothing'] }), 'NOT_FOUND');
      }
      await expectContractError(client.editPost(unchecked<string>(42), { title: 'x' }), 'VALIDATION', ['id']);
      expect((await client.auditLog(deleted.id)).map((entry) => entry.action)).toEqual(['create', 'delete']);
    });

    it('editPost that publishes a draft and changes its tags counts the new tags only', async () => {
      const { client } = await ctx.signUp();
      const draft = await draftPost(client, { tags: ['dropped', 'kept'] });
      await client.editPost(draft.id, { published: true, tags: ['kept', 'added'] });
      expect(await ctx.anonymous().listTags()).toEqual([
        { name: 'added', postCount: 1 },
        { name: 'kept', postCount: 1 },
      ]);
      expect((await ctx.anonymous().listPosts({ tag: 'added' })).items.map((post) => post.id)).toEqual([
        draft.id,
      ]);
      expect((await ctx.anonymous().listPosts({ tag: 'dropped' })).items).toEqual([]);
      await client.editPost(draft.id, { published: false, tags: ['kept'] });
      expect(await ctx.anonymous().listTags()).toEqual([]);
    });
  });

  describe('concurrency: editPost', () => {
    it('10 concurrent editPost calls on one post each save whole: the log replays to one edit’s fields with its tags', async () => {
      const { client } = await ctx.signUp();
      const original = await publishedPost(client, { title: 'Start', tags: ['start'] });
      const edits = Array.from({ length: 10 }, (_, i) => editNumber(i));
      const results = await Promise.all(edits.map((edit) => client.editPost(original.id, edit)));
      results.forEach((post, i) => expectWhole(post, i));

      const log = await client.auditLog(original.id);
      expect(log.map((entry) => entry.action)).toEqual(['create', ...edits.map(() => 'update')]);
      for (const entry of log.slice(1)) expect(Object.keys(entry.changes).sort()).toEqual(['tags', 'title']);
      const post = await client.getPost(original.id);
      expectLogMatches(post!, log, replayAuditLog(original, log));
      expectWhole(post!, editIndex(post!));
    });

    it('editPost racing deletePost: each edit is saved whole before the delete or is NOT_FOUND, never half', async () => {
      const { client } = await ctx.signUp();
      for (let round = 0; round < 4; round++) {
        const original = await publishedPost(client, { title: `Round ${round}`, tags: ['start'] });
        const outcomes = await Promise.all([
          ...[0, 1, 2].map((i) => outcome(client.editPost(original.id, editNumber(i)))),
          outcome(client.deletePost(original.id)),
          ...[3, 4].map((i) => outcome(client.editPost(original.id, editNumber(i)))),
        ]);
        expect(outcomes[3]).toBe('ok');
        for (const result of outcomes) expect(['ok', 'NOT_FOUND']).toContain(result);

        const log = await client.auditLog(original.id);
        const replayed = replayAuditLog(original, log);
        expect(log.at(-1)?.action).toBe('delete');
        const edited = log.filter((entry) => entry.action === 'update');
        expect(edited).toHaveLength(outcomes.filter((result) => result === 'ok').length - 1);
        for (const entry of edited) expect(Object.keys(entry.changes).sort()).toEqual(['tags', 'title']);
        // Restored, the post shows the last edit whole: its title with its own tags.
        const restored = await client.restorePost(original.id);
        expect({ title: restored.title, tags: restored.tags }).toEqual({
          title: replayed.title,
          tags: replayed.tags,
        });
        if (edited.length > 0) expectWhole(restored, editIndex(restored));
      }
    });

    it('editPost racing deletePost, restorePost, setPostTags and updatePost: only contract outcomes, the log replays', async () => {
      const { client } = await ctx.signUp();
      const original = await publishedPost(client, { title: 'Start', tags: ['start'] });
      const calls: Promise<string>[] = [];
      for (let i = 0; i < 12; i++) {
        calls.push(outcome(client.editPost(original.id, editNumber(i))));
        if (i % 4 === 0) calls.push(outcome(client.deletePost(original.id)));
        if (i % 4 === 1) calls.push(outcome(client.restorePost(original.id)));
        if (i % 4 === 2) calls.push(outcome(client.setPostTags(original.id, [`other-${i}`])));
        if (i % 4 === 3) calls.push(outcome(client.updatePost(original.id, { title: `Other ${i}` })));
      }
      // Never FORBIDDEN to the author, never anything but success or NOT_FOUND (a deleted post).
      for (const result of await Promise.all(calls)) expect(['ok', 'NOT_FOUND']).toContain(result);

      const log = await client.auditLog(original.id);
      const editEntries = log.filter((entry) => isEditEntry(entry));
      for (const entry of editEntries) expect(Object.keys(entry.changes)).toContain('tags');
      const replayed = replayAuditLog(original, log);
      const post = await client.getPost(original.id);
      if (replayed.deleted) expect(post).toBeNull();
      else expectLogMatches(post!, log, replayed);
    });
  });
}

/** Edit i sets a title and a tag set that name it, so half of one edit is visible as a mismatch. */
function editNumber(i: number): { title: string; tags: string[] } {
  return { title: `Edit ${i}`, tags: ['edited', `edit-${i}`] };
}

function editIndex(post: Post): number {
  return Number(/^Edit (\d+)$/.exec(post.title)?.[1] ?? Number.NaN);
}

function expectWhole(post: Post, i: number): void {
  const { title, tags } = editNumber(i);
  expect({ title: post.title, tags: post.tags }).toEqual({ title, tags: [...tags].sort() });
}

/** An entry only editPost writes in that test: an update to an `Edit n` title. */
function isEditEntry(entry: AuditEntry): boolean {
  const to = entry.changes['title']?.to;
  return entry.action === 'update' && typeof to === 'string' && to.startsWith('Edit ');
}
