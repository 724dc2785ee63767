import { ConvexHttpClient } from 'convex/browser';
import { ConvexError, type Value } from 'convex/values';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { offline, resetDeployment, signUpToken } from './helpers';

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${offline().url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

// The HTTP API as ConvexHttpClient and the documented HTTP API call it, and what it answers to bad input.
describe('the HTTP API', () => {
  beforeEach(resetDeployment);

  it('a function error is HTTP 560 with ConvexError data exact, as ConvexHttpClient expects', async () => {
    const client = new ConvexHttpClient(offline().url);
    client.setAuth(await signUpToken('ada@example.com', 'Ada'));
    const error = await client
      .mutation(api.posts.createPost, { post: { title: '' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<Value>).data).toEqual({
      code: 'VALIDATION',
      message: 'Invalid input',
      fields: { title: ['Required'] },
    });
    const response = await post(
      '/api/query',
      JSON.stringify({ path: 'posts:createPost', args: {}, format: 'json' }),
    );
    expect(response.status).toBe(560);
    expect(await response.json()).toMatchObject({
      status: 'error',
      errorMessage: expect.stringContaining(
        'Trying to execute posts:createPost as Query, but it is defined as Mutation',
      ),
    });
  });

  it('query_ts names the latest snapshot, and query_at_ts reads at it', async () => {
    const { ts } = (await (await post('/api/query_ts', '')).json()) as { ts: string };
    const response = await post(
      '/api/query_at_ts',
      JSON.stringify({ path: 'posts:listPosts', args: [{ query: {} }], ts }),
    );
    expect(await response.json()).toEqual({
      status: 'success',
      value: { items: [], nextCursor: null },
      logLines: [],
    });
  });

  it.each([
    ['a body that is not JSON', '/api/query', '{"path":', 400, 'BadJsonBody'],
    ['a body without a path', '/api/mutation', '{"args": {}}', 400, 'BadJsonBody'],
    ['an unknown endpoint', '/api/nothing', '{}', 404, 'NotFound'],
  ])(
    '%s is refused with its status and code, and changes nothing',
    async (_case, path, body, status, code) => {
      const response = await post(path, body);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code });
    },
  );

  it('arguments over 16 MiB are refused unread with 413', async () => {
    const body = JSON.stringify({
      path: 'posts:createPost',
      args: [{ post: { title: 'x'.repeat(17 * 1024 * 1024) } }],
    });
    const response = await post('/api/mutation', body);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'ArgumentsTooLarge' });
  });

  it('answers a browser CORS preflight', async () => {
    const response = await fetch(`${offline().url}/api/query`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});
