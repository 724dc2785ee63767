import { getFunctionName } from 'convex/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../convex/_generated/api';
import { RawSyncClient, resetDeployment, signUpToken } from './helpers';

const ZERO_TS = 'AAAAAAAAAAA=';
const listPosts = getFunctionName(api.posts.listPosts);
const me = getFunctionName(api.users.me);
const createPost = getFunctionName(api.posts.createPost);

function addQuery(baseVersion: number, queryId: number, udfPath: string, args: Record<string, unknown> = {}) {
  return {
    type: 'ModifyQuerySet',
    baseVersion,
    newVersion: baseVersion + 1,
    modifications: [{ type: 'Add', queryId, udfPath, args: [args] }],
  };
}

// Each protocol message the clients send, one at a time, on a bare WebSocket.
describe('the sync protocol, message by message', () => {
  const clients: RawSyncClient[] = [];
  const open = async () => {
    const client = await RawSyncClient.open();
    clients.push(client);
    return client;
  };
  beforeEach(resetDeployment);
  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  it('ModifyQuerySet Add answers a Transition from the initial version with the result', async () => {
    const client = await open();
    client.send(addQuery(0, 1, listPosts, { query: {} }));
    const transition = await client.next();
    expect(transition).toMatchObject({
      type: 'Transition',
      startVersion: { querySet: 0, identity: 0, ts: ZERO_TS },
      endVersion: { querySet: 1, identity: 0 },
      modifications: [
        { type: 'QueryUpdated', queryId: 1, value: { items: [], nextCursor: null }, journal: null },
      ],
    });
  });

  it('ModifyQuerySet Remove answers QueryRemoved, starting where the last Transition ended', async () => {
    const client = await open();
    client.send(addQuery(0, 1, listPosts, { query: {} }));
    const first = await client.next();
    client.send({
      type: 'ModifyQuerySet',
      baseVersion: 1,
      newVersion: 2,
      modifications: [{ type: 'Remove', queryId: 1 }],
    });
    const second = await client.next();
    expect(second.startVersion).toEqual(first.endVersion);
    expect(second).toMatchObject({
      endVersion: { querySet: 2 },
      modifications: [{ type: 'QueryRemoved', queryId: 1 }],
    });
  });

  it('a query that throws is QueryFailed with its ConvexError data', async () => {
    const client = await open();
    client.send(addQuery(0, 1, listPosts, { query: { tag: '!!' } }));
    const transition = await client.next();
    expect(transition.modifications).toEqual([
      expect.objectContaining({
        type: 'QueryFailed',
        queryId: 1,
        errorData: expect.objectContaining({ code: 'VALIDATION' }),
      }),
    ]);
  });

  it('Authenticate with a valid token moves the identity version and re-runs the queries as the user', async () => {
    const token = await signUpToken('ada@example.com', 'Ada');
    const client = await open();
    client.send(addQuery(0, 1, me));
    expect((await client.next()).modifications).toEqual([expect.objectContaining({ value: null })]);
    client.send({ type: 'Authenticate', tokenType: 'User', value: token, baseVersion: 0 });
    const transition = await client.next();
    expect(transition).toMatchObject({
      startVersion: { identity: 0 },
      endVersion: { identity: 1, querySet: 1 },
    });
    expect(transition.modifications).toEqual([
      expect.objectContaining({
        type: 'QueryUpdated',
        queryId: 1,
        value: expect.objectContaining({ email: 'ada@example.com' }),
      }),
    ]);
    client.send({ type: 'Authenticate', tokenType: 'None', baseVersion: 1 });
    expect(await client.next()).toMatchObject({
      endVersion: { identity: 2 },
      modifications: [{ queryId: 1, value: null }],
    });
  });

  it('Mutation answers a MutationResponse, then a Transition that reaches its ts', async () => {
    const token = await signUpToken('ada@example.com', 'Ada');
    const client = await open();
    client.send({ type: 'Authenticate', tokenType: 'User', value: token, baseVersion: 0 });
    await client.next();
    client.send(addQuery(0, 1, listPosts, { query: {} }));
    await client.next();
    client.send({
      type: 'Mutation',
      requestId: 0,
      udfPath: createPost,
      args: [{ post: { title: 'Hello', content: 'World', published: true } }],
    });
    const response = await client.next();
    expect(response).toMatchObject({ type: 'MutationResponse', requestId: 0, success: true, logLines: [] });
    const transition = await client.next();
    expect(transition).toMatchObject({ type: 'Transition', endVersion: { ts: response.ts } });
    expect(transition.modifications).toEqual([
      expect.objectContaining({
        queryId: 1,
        value: expect.objectContaining({ items: [expect.objectContaining({ title: 'Hello' })] }),
      }),
    ]);
  });

  it('a failing Mutation answers success false with the ConvexError data exact, and changes nothing', async () => {
    const token = await signUpToken('ada@example.com', 'Ada');
    const client = await open();
    client.send({ type: 'Authenticate', tokenType: 'User', value: token, baseVersion: 0 });
    await client.next();
    client.send({ type: 'Mutation', requestId: 7, udfPath: createPost, args: [{ post: { title: '' } }] });
    expect(await client.next()).toMatchObject({
      type: 'MutationResponse',
      requestId: 7,
      success: false,
      result: expect.stringContaining('Uncaught ConvexError'),
      errorData: { code: 'VALIDATION', message: 'Invalid input', fields: { title: ['Required'] } },
    });
  });

  it('Action answers an ActionResponse (Convex Auth sign-in over the WebSocket)', async () => {
    const client = await open();
    const params = {
      email: 'bob@example.com',
      name: 'Bob',
      password: 'correct horse battery',
      flow: 'signUp',
    };
    client.send({
      type: 'Action',
      requestId: 3,
      udfPath: getFunctionName(api.auth.signIn),
      args: [{ provider: 'password', params }],
    });
    const response = await client.next(10_000);
    expect(response).toMatchObject({
      type: 'ActionResponse',
      requestId: 3,
      success: true,
      result: { tokens: { token: expect.any(String) } },
    });
  });

  it('Event is accepted without an answer', async () => {
    const client = await open();
    client.send({ type: 'Event', eventType: 'ClientConnect', event: {} });
    await client.quiet();
    client.send(addQuery(0, 1, listPosts, { query: {} }));
    expect((await client.next()).type).toBe('Transition');
  });

  it(
    "a silent connection gets a Ping well inside the clients' 60 s idle limit",
    { timeout: 25_000 },
    async () => {
      const client = await open();
      const opened = Date.now();
      while (client.pings.length === 0) {
        if (Date.now() - opened > 20_000) throw new Error('no Ping within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(client.pings[0]! - opened).toBeLessThan(20_000);
    },
  );

  it('internal and unknown functions answer as a deployment: no public function by that name', async () => {
    const client = await open();
    for (const [requestId, udfPath] of [
      'testing:resetDomainTables',
      'nope:nothing',
      'auth:store',
    ].entries()) {
      client.send({ type: 'Mutation', requestId, udfPath, args: [{}] });
      expect(await client.next()).toMatchObject({
        type: 'MutationResponse',
        success: false,
        result: expect.stringContaining(`Could not find public function for '${udfPath}'`),
      });
    }
  });
});

describe('bad input on the WebSocket: a clear error to that client, the others go on', () => {
  beforeEach(resetDeployment);

  it.each([
    ['malformed JSON', '{"type": '],
    ['a message without a type', '{"hello": 1}'],
    ['an unknown message type', '{"type": "Subscribe"}'],
    ['a query set from the wrong base version', JSON.stringify(addQuery(5, 1, listPosts))],
    [
      'a malformed query set modification',
      JSON.stringify({
        type: 'ModifyQuerySet',
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: 'Add' }],
      }),
    ],
  ])('%s gets a FatalError and the connection closes', async (_case, message) => {
    const bystander = await RawSyncClient.open();
    const client = await RawSyncClient.open();
    client.send(message);
    expect(await client.next()).toMatchObject({ type: 'FatalError', error: expect.any(String) });
    bystander.send(addQuery(0, 1, listPosts, { query: {} }));
    expect((await bystander.next()).type).toBe('Transition');
    bystander.close();
  });

  it('a client speaking an unsupported protocol version gets a FatalError naming it', async () => {
    const client = await RawSyncClient.open('0.9.0');
    expect(await client.next()).toMatchObject({
      type: 'FatalError',
      error: expect.stringContaining('Unsupported client version 0.9.0'),
    });
  });

  it('oversized arguments are refused before anything runs', async () => {
    const client = await RawSyncClient.open();
    client.send(addQuery(0, 1, listPosts, { query: {} }));
    const before = await client.next();
    const big = 'x'.repeat(17 * 1024 * 1024);
    const other = await RawSyncClient.open();
    other.send({ type: 'Mutation', requestId: 0, udfPath: createPost, args: [{ post: { title: big } }] });
    expect(await other.next()).toMatchObject({
      type: 'FatalError',
      error: expect.stringContaining('too large'),
    });
    await client.quiet();
    expect(before.modifications).toEqual([
      expect.objectContaining({ value: { items: [], nextCursor: null } }),
    ]);
    client.close();
  });
});
