import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@parity/domain';
import { expectSameIds, ids, outcome } from './assertions';
import type { ContractContext } from './context';
import { publishedPost } from './fixtures';
import { expectLogMatches, replayAuditLog } from './replay';

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

    it('20 concurrent updates of one post: the log replays to the final post, at strictly increasing, updatedAt the last at', async () => {
      const { client } = await ctx.signUp();
      const original = await publishedPost(client, { title: 'Start', content: 'Body' });
      // Every call changes the title, and some content or published too, so every call is a write.
      const patches = Array.from({ length: 20 }, (_, i) => ({
        title: `Title ${i}`,
        ...(i % 3 === 0 && { content: i % 2 === 0 ? `Body ${i}` : null }),
        ...(i % 4 === 1 && { published: i % 8 === 1 }),
      }));
      await Promise.all(patches.map((patch) => client.updatePost(original.id, patch)));

      const log = await client.auditLog(original.id);
      expect(actions(log)).toEqual(['create', ...patches.map(() => 'update')]);
      const post = await client.getPost(original.id);
      expectLogMatches(post!, log, replayAuditLog(original, log));
    });

    it('10 concurrent setPostTags on one post all succeed and the log replays to the final tags', async () => {
      const { client } = await ctx.signUp();
      const original = await publishedPost(client, { tags: ['start'] });
      const sets = Array.from({ length: 10 }, (_, i) => [`shared`, `set-${i}`, `n${i % 3}`]);
      const results = await Promise.all(sets.map((tags) => client.setPostTags(original.id, tags)));
      results.forEach((post, i) => expect(post.tags).toEqual([...sets[i]!].sort()));

      const log = await client.auditLog(original.id);
      expect(actions(log)).toEqual(['create', ...sets.map(() => 'tags')]);
      const post = await client.getPost(original.id);
      expectLogMatches(post!, log, replayAuditLog(original, log));
    });

    it('setPostTags racing deletePost: the delete wins or comes after, never a tag change after it', async () => {
      const { client } = await ctx.signUp();
      for (let round = 0; round < 4; round++) {
        const original = await publishedPost(client, { title: `Round ${round}`, tags: ['start'] });
        const outcomes = await Promise.all([
          ...[0, 1, 2].map((i) => outcome(client.setPostTags(original.id, [`round-${round}`, `tag-${i}`]))),
          outcome(client.deletePost(original.id)),
          ...[3, 4].map((i) => outcome(client.setPostTags(original.id, [`tag-${i}`]))),
        ]);
        expect(outcomes[3]).toBe('ok');
        for (const result of outcomes) expect(['ok', 'NOT_FOUND']).toContain(result);

        const log = await client.auditLog(original.id);
        const replayed = replayAuditLog(original, log);
        expect(replayed.deleted).toBe(true);
        expect(actions(log).at(-1)).toBe('delete');
        expect(actions(log).filter((action) => action === 'tags')).toHaveLength(
          outcomes.filter((result) => result === 'ok').length - 1,
        );
        expect(await client.getPost(original.id)).toBeNull();
      }
    });

    it('updatePost racing deletePost and restorePost: only contract outcomes, no write recorded while deleted', async () => {
      const { client } = await ctx.signUp();
      const original = await publishedPost(client, { title: 'Start' });
      const calls: Promise<string>[] = [];
      for (let i = 0; i < 12; i++) {
        calls.push(outcome(client.updatePost(original.id, { title: `Title ${i}` })));
        if (i % 3 === 0) calls.push(outcome(client.deletePost(original.id)));
        if (i % 3 === 1) calls.push(outcome(client.restorePost(original.id)));
      }
      // Never FORBIDDEN to the author, never anything but success or NOT_FOUND (a deleted post).
      for (const result of await Promise.all(calls)) expect(['ok', 'NOT_FOUND']).toContain(result);

      const log = await client.auditLog(original.id);
      const replayed = replayAuditLog(original, log);
      const post = await client.getPost(original.id);
      if (replayed.deleted) expect(post).toBeNull();
      else expectLogMatches(post!, log, replayed);
    });
  });
}

const actions = (log: readonly AuditEntry[]) => log.map((entry) => entry.action);
