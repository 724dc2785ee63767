import { ConvexHttpClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { ConvexError, type Value } from 'convex/values';
import { beforeEach, describe, expect, it } from 'vitest';
import { offline, post, reset, signToken } from './helpers';

const REQUEST = /^\[Request ID: \w+\] Server Error\n/;
const send = makeFunctionReference<'mutation'>('messages:send');

// The HTTP API as ConvexHttpClient and the documented HTTP API call it, and what it answers to bad input.
describe('the HTTP API', () => {
  beforeEach(reset);

  it('a function error is HTTP 560 with ConvexError data exact, as ConvexHttpClient expects', async () => {
    const error = await new ConvexHttpClient(offline().url)
      .mutation(send, { body: 'Hi' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<Value>).data).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
    const response = await post('/api/query', { path: 'messages:send', args: [{}], format: 'json' });
    expect(response.status).toBe(560);
    expect(await response.json()).toEqual({
      status: 'error',
      errorMessage: expect.stringMatching(
        /^\[Request ID: \w+\] Server Error\nTrying to execute messages:send as Query, but it is defined as Mutation\.$/,
      ),
      logLines: [],
    });
  });

  it("a success carries the function's logLines", async () => {
    const client = new ConvexHttpClient(offline().url);
    client.setAuth(await signToken('ada'));
    await client.mutation(send, { body: 'Hello' });
    const response = await post('/api/query', { path: 'messages:logged', args: [{}], format: 'json' });
    expect(await response.json()).toEqual({
      status: 'success',
      value: 1,
      logLines: ["[LOG] 'counting' {\n  table: 'messages'\n}", "[WARN] 'careful'"],
    });
  });

  it('query_ts names the latest snapshot, and query_at_ts reads at it', async () => {
    const { ts } = (await (await post('/api/query_ts', '')).json()) as { ts: string };
    const response = await post('/api/query_at_ts', { path: 'messages:list', args: [{}], ts });
    expect(await response.json()).toEqual({ status: 'success', value: [], logLines: [] });
    const old = await post('/api/query_at_ts', { path: 'messages:list', args: [{}], ts: '1' });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ code: 'SnapshotTooOld' });
  });

  it.each([
    ['a body that is not JSON', '/api/query', '{"path":', 400, 'BadJsonBody'],
    ['a body without a path', '/api/mutation', '{"args": {}}', 400, 'BadJsonBody'],
    ['an unknown endpoint', '/api/nothing', '{}', 404, 'NotFound'],
  ])('%s is refused with its status and code', async (_case, path, body, status, code) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
  });

  it('an unknown function path is a failed call naming it, as a deployment answers', async () => {
    const response = await post('/api/query', { path: 'nope:nothing', args: [{}] });
    expect(response.status).toBe(560);
    expect(((await response.json()) as { errorMessage: string }).errorMessage).toMatch(
      /Server Error\nCould not find public function for 'nope:nothing'/,
    );
  });

  it('arguments over 16 MiB are refused unread with 413, and nothing runs', async () => {
    const body = JSON.stringify({ path: 'messages:send', args: [{ body: 'x'.repeat(17 * 1024 * 1024) }] });
    const response = await post('/api/mutation', body, { authorization: `Bearer ${await signToken('ada')}` });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'ArgumentsTooLarge' });
    expect(
      await new ConvexHttpClient(offline().url).query(makeFunctionReference<'query'>('messages:list')),
    ).toEqual([]);
  });

  it('answers a browser CORS preflight', async () => {
    const response = await fetch(`${offline().url}/api/query`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

// A deployment checks the arguments against the function's validator before it runs, and words the
// failure as its backend does (src/validate.ts names the source); convex-test's own wording differs.
describe('argument validation errors in a deployment’s words', () => {
  beforeEach(reset);

  const call = async (path: string, args: unknown, endpoint = '/api/mutation') => {
    const response = await post(
      endpoint,
      { path, args: [args], format: 'json' },
      {
        authorization: `Bearer ${await signToken('ada')}`,
      },
    );
    expect(response.status).toBe(560);
    const body = (await response.json()) as { status: string; errorMessage: string; logLines: string[] };
    expect(body).toMatchObject({ status: 'error', logLines: [] });
    expect(body.errorMessage).toMatch(REQUEST);
    return body.errorMessage.replace(REQUEST, '');
  };

  it.each([
    [
      'a value of the wrong type',
      { body: 12 },
      'ArgumentValidationError: Value does not match validator.\nPath: .body\nValue: 12.0\nValidator: v.string()',
    ],
    [
      'a missing field',
      {},
      'ArgumentValidationError: Object is missing the required field `body`. Consider wrapping the field validator in `v.optional(...)` if this is expected.\n\nObject: {}\nValidator: v.object({body: v.string(), channel: v.optional(v.id("channels")), tags: v.optional(v.array(v.string()))})',
    ],
    [
      'an extra field',
      { body: 'Hi', zebra: true },
      'ArgumentValidationError: Object contains extra field `zebra` that is not in the validator.\n\nObject: {body: "Hi", zebra: true}\nValidator: v.object({body: v.string(), channel: v.optional(v.id("channels")), tags: v.optional(v.array(v.string()))})',
    ],
    [
      'an array element',
      { body: 'Hi', tags: ['ok', null] },
      'ArgumentValidationError: Value does not match validator.\nPath: .tags[1]\nValue: null\nValidator: v.string()',
    ],
    [
      'an ID of another table',
      { body: 'Hi', channel: '10042messages' },
      'ArgumentValidationError: Found ID "10042messages" from table `messages`, which does not match the table name in validator `v.id("channels")`.Path: .channel',
    ],
    [
      'a string that is no ID',
      { body: 'Hi', channel: 'general' },
      'ArgumentValidationError: Value does not match validator.\nPath: .channel\nValue: "general"\nValidator: v.id("channels")',
    ],
  ])('%s', async (_case, args, message) => {
    expect(await call('messages:send', args)).toBe(message);
    expect(
      await new ConvexHttpClient(offline().url).query(makeFunctionReference<'query'>('messages:list')),
    ).toEqual([]);
  });

  it('a union of literals, on an action', async () => {
    expect(await call('messages:echo', { text: 'hi', kind: 'shout' }, '/api/action')).toBe(
      'ArgumentValidationError: Value does not match validator.\nPath: .kind\nValue: "shout"\nValidator: v.union(v.literal("plain"), v.literal("loud"))',
    );
  });

  it('ConvexHttpClient throws it as a plain Error with that message', async () => {
    const error = await new ConvexHttpClient(offline().url)
      .action(makeFunctionReference<'action'>('messages:echo'), { text: 1 })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ConvexError);
    expect((error as Error).message).toMatch(
      /ArgumentValidationError: Value does not match validator\.\nPath: \.text\n/,
    );
  });
});
