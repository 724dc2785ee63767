import { randomUUID } from 'node:crypto';
import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { offline, signUpToken } from './helpers';

// Issue 18: the local deployment cuts a client's connection around a mutation (see "Fault injection"
// in tooling/convex-offline/README.md). ConvexClient reconnects and resends the mutation with the same request
// id; the deployment answers the resend with the first run's outcome, so a write lost after its
// commit still applies once: one post, one audit entry. ConvexHttpClient never resends: the caller
// gets an error and the write applied entirely or not at all. Each rule is scoped to this test's own
// arguments (argsContain), so the other files' calls on the shared deployment never trip it.

type Fault = { udfPath: string; at: 'before' | 'after'; transport: 'sync' | 'http'; argsContain: string };
const faultsUrl = () => `${offline().url}/_parity/faults`;

async function arm(fault: Fault): Promise<void> {
  const response = await fetch(faultsUrl(), { method: 'POST', body: JSON.stringify({ faults: [fault] }) });
  expect(response.status).toBe(204);
}

async function fired(): Promise<number> {
  return ((await (await fetch(faultsUrl())).json()) as { fired: unknown[] }).fired.length;
}

describe('a mutation cut by the local deployment', () => {
  let token: string;
  let client: ConvexClient;
  let http: ConvexHttpClient;

  beforeAll(async () => {
    token = await signUpToken(`faults-${randomUUID()}@example.com`, 'Faults');
    client = new ConvexClient(offline().url);
    client.setAuth(() => Promise.resolve(token));
    http = new ConvexHttpClient(offline().url);
    http.setAuth(token);
  });
  afterAll(async () => {
    await client?.close();
  });

  const mine = async (title: string) =>
    (await http.query(api.posts.listPosts, { query: { limit: 100 } })).items.filter((p) => p.title === title);
  const actions = async (postId: string) =>
    (await http.query(api.auditLogs.auditLog, { postId })).map((entry) => entry.action);

  it.each(['before', 'after'] as const)(
    'ConvexClient, cut %s the commit: the resent createPost applies exactly once',
    async (at) => {
      const title = `Sync ${at} ${randomUUID()}`;
      await arm({ udfPath: 'posts:createPost', at, transport: 'sync', argsContain: title });
      const post = await client.mutation(api.posts.createPost, {
        post: { title, content: 'once', published: true, tags: ['a'] },
      });
      expect(await fired()).toBe(1);
      expect((await mine(title)).map((p) => p.id)).toEqual([post.id]);
      expect(await actions(post.id)).toEqual(['create']);
    },
  );

  it('ConvexClient: update, tags, edit, delete and restore each lost after commit apply once, one entry each', async () => {
    const post = await client.mutation(api.posts.createPost, {
      post: { title: `Writes ${randomUUID()}`, content: 'x', published: true },
    });
    const cutAfter = async (udfPath: string, write: () => Promise<unknown>) => {
      await arm({ udfPath, at: 'after', transport: 'sync', argsContain: post.id });
      await write();
      expect(await fired()).toBe(1);
    };
    await cutAfter('posts:updatePost', () =>
      client.mutation(api.posts.updatePost, { postId: post.id, patch: { title: 'Edited once' } }),
    );
    await cutAfter('posts:setPostTags', () =>
      client.mutation(api.posts.setPostTags, { postId: post.id, tags: ['b'] }),
    );
    await cutAfter('posts:editPost', () =>
      client.mutation(api.posts.editPost, { postId: post.id, edit: { content: 'Edited once', tags: ['c'] } }),
    );
    await cutAfter('posts:deletePost', () => client.mutation(api.posts.deletePost, { postId: post.id }));
    await cutAfter('posts:restorePost', () => client.mutation(api.posts.restorePost, { postId: post.id }));
    expect(await actions(post.id)).toEqual(['create', 'update', 'tags', 'update', 'delete', 'restore']);
    expect(await http.query(api.posts.getPost, { postId: post.id })).toMatchObject({
      title: 'Edited once',
      content: 'Edited once',
      tags: ['c'],
    });
  });

  it.each([
    ['before', 0],
    ['after', 1],
  ] as const)(
    'ConvexHttpClient, cut %s the commit: an error, the post all or nothing, and the next call works',
    async (at, count) => {
      const title = `HTTP ${at} ${randomUUID()}`;
      await arm({ udfPath: 'posts:createPost', at, transport: 'http', argsContain: title });
      await expect(
        http.mutation(api.posts.createPost, { post: { title, content: 'x', published: true, tags: ['a'] } }),
      ).rejects.toThrow(/fetch failed|socket|terminated/i);
      expect(await fired()).toBe(1);
      const created = await mine(title);
      expect(created).toHaveLength(count);
      for (const post of created) {
        expect(post.tags).toEqual(['a']);
        expect(await actions(post.id)).toEqual(['create']);
      }
      // The deployment serves the next request without a restart.
      expect((await mine(title)).length).toBe(count);
    },
  );
});
