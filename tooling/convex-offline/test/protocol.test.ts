import { ConvexClient } from 'convex/browser';
import { makeFunctionReference } from 'convex/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSITION_CHUNK_CHARS } from '../src/sync';
import { addQuery, offline, RawSyncClient, reset, signToken } from './helpers';

const ZERO_TS = 'AAAAAAAAAAA=';

// Each protocol message the clients send, one at a time, on a bare WebSocket.
describe('the sync protocol, message by message', () => {
  const clients: RawSyncClient[] = [];
  const open = async () => {
    const client = await RawSyncClient.open();
    clients.push(client);
    return client;
  };
  const signedIn = async (subject = 'ada') => {
    const client = await open();
    client.send({ type: 'Authenticate', tokenType: 'User', value: await signToken(subject), baseVersion: 0 });
    await client.next();
    return client;
  };
  beforeEach(reset);
  afterEach(() => clients.splice(0).forEach((client) => client.close()));

  it('ModifyQuerySet Add answers a Transition from the initial version with the result', async () => {
    const client = await open();
    client.send(addQuery(0, 1, 'messages:list'));
    expect(await client.next()).toMatchObject({
      type: 'Transition',
      startVersion: { querySet: 0, identity: 0, ts: ZERO_TS },
      endVersion: { querySet: 1, identity: 0 },
      modifications: [{ type: 'QueryUpdated', queryId: 1, value: [], logLines: [], journal: null }],
    });
  });

  it('ModifyQuerySet Remove answers QueryRemoved, starting where the last Transition ended', async () => {
    const client = await open();
    client.send(addQuery(0, 1, 'messages:list'));
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
    client.send(addQuery(0, 1, 'messages:failing'));
    expect((await client.next()).modifications).toEqual([
      {
        type: 'QueryFailed',
        queryId: 1,
        errorMessage: expect.stringMatching(/^\[Request ID: \w+\] Server Error\nUncaught ConvexError: /),
        errorData: { code: 'NOPE', message: 'Not today' },
        logLines: [],
        journal: null,
      },
    ]);
  });

  it("a query's console output reaches the client as its logLines, as a deployment formats them", async () => {
    const client = await open();
    client.send(addQuery(0, 1, 'messages:logged'));
    expect((await client.next()).modifications).toEqual([
      expect.objectContaining({
        value: 0,
        logLines: ["[LOG] 'counting' {\n  table: 'messages'\n}", "[WARN] 'careful'"],
      }),
    ]);
  });

  it('Authenticate moves the identity version and re-runs the queries as the user; None signs out', async () => {
    const client = await open();
    client.send(addQuery(0, 1, 'messages:whoami'));
    expect((await client.next()).modifications).toEqual([expect.objectContaining({ value: null })]);
    client.send({ type: 'Authenticate', tokenType: 'User', value: await signToken('ada'), baseVersion: 0 });
    expect(await client.next()).toMatchObject({
      startVersion: { identity: 0 },
      endVersion: { identity: 1, querySet: 1 },
      modifications: [{ type: 'QueryUpdated', queryId: 1, value: 'ada' }],
    });
    client.send({ type: 'Authenticate', tokenType: 'None', baseVersion: 1 });
    expect(await client.next()).toMatchObject({
      endVersion: { identity: 2 },
      modifications: [{ queryId: 1, value: null }],
    });
  });

  it('Mutation answers a MutationResponse with its logLines, then a Transition that reaches its ts', async () => {
    const client = await signedIn();
    client.send(addQuery(0, 1, 'messages:list'));
    await client.next();
    client.send({ type: 'Mutation', requestId: 0, udfPath: 'messages:send', args: [{ body: 'Hello' }] });
    const response = await client.next();
    expect(response).toMatchObject({
      type: 'MutationResponse',
      requestId: 0,
      success: true,
      result: expect.any(String),
      logLines: ["[LOG] 'sending' 5"],
    });
    expect(await client.next()).toMatchObject({
      type: 'Transition',
      endVersion: { ts: response.ts },
      modifications: [{ queryId: 1, value: [{ author: 'ada', body: 'Hello' }] }],
    });
  });

  it('a failing Mutation answers success false with the ConvexError data exact, and changes nothing', async () => {
    const client = await open();
    client.send(addQuery(0, 1, 'messages:list'));
    await client.next();
    client.send({ type: 'Mutation', requestId: 7, udfPath: 'messages:send', args: [{ body: 'Hi' }] });
    expect(await client.next()).toMatchObject({
      type: 'MutationResponse',
      requestId: 7,
      success: false,
      result: expect.stringContaining('Uncaught ConvexError: '),
      errorData: { code: 'UNAUTHENTICATED', message: 'Sign in first' },
    });
    client.send({ type: 'Mutation', requestId: 8, udfPath: 'messages:crash', args: [{}] });
    const crashed = await client.next();
    expect(crashed).toMatchObject({
      success: false,
      result: expect.stringContaining('Uncaught Error: boom'),
    });
    expect(crashed).not.toHaveProperty('errorData');
    await client.quiet();
  });

  it('Action answers an ActionResponse', async () => {
    const client = await open();
    client.send({
      type: 'Action',
      requestId: 3,
      udfPath: 'messages:echo',
      args: [{ text: 'hi', kind: 'loud' }],
    });
    expect(await client.next()).toEqual({
      type: 'ActionResponse',
      requestId: 3,
      success: true,
      result: 'HI',
      logLines: [],
    });
  });

  it('Event is accepted without an answer', async () => {
    const client = await open();
    client.send({ type: 'Event', eventType: 'ClientConnect', event: {} });
    await client.quiet();
    client.send(addQuery(0, 1, 'messages:list'));
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
    for (const [requestId, udfPath] of ['messages:reset', 'nope:nothing', 'messages:none'].entries()) {
      client.send({ type: 'Mutation', requestId, udfPath, args: [{}] });
      expect(await client.next()).toMatchObject({
        type: 'MutationResponse',
        success: false,
        result: expect.stringContaining(`Could not find public function for '${udfPath}'`),
      });
    }
  });
});

describe('paginated queries keep their page with a journal', () => {
  beforeEach(reset);

  it("records the page's end cursor, re-runs with it, and accepts it back on a new subscription", async () => {
    const writer = await RawSyncClient.open();
    writer.send({ type: 'Authenticate', tokenType: 'User', value: await signToken('ada'), baseVersion: 0 });
    await writer.next();
    for (const [requestId, body] of ['one', 'two', 'three'].entries()) {
      writer.send({ type: 'Mutation', requestId, udfPath: 'messages:send', args: [{ body }] });
      await writer.next();
      await writer.next();
    }
    const reader = await RawSyncClient.open();
    reader.send(addQuery(0, 1, 'messages:page', { paginationOpts: { numItems: 2, cursor: null } }));
    const [first] = (await reader.next()).modifications as { value: { page: unknown[] }; journal: unknown }[];
    expect(first).toMatchObject({ value: { page: [{ body: 'one' }, { body: 'two' }], isDone: false } });
    const journal = first!.journal as string;
    expect(journal).toEqual(expect.any(String));

    // The journal handed back pins a new subscription's page to the same end, whatever numItems says.
    const again = await RawSyncClient.open();
    again.send(addQuery(0, 1, 'messages:page', { paginationOpts: { numItems: 1, cursor: null } }, journal));
    expect((await again.next()).modifications).toEqual([
      expect.objectContaining({ value: expect.objectContaining({ page: first!.value.page }), journal }),
    ]);

    // A row leaving the page makes it shrink rather than pull in the next page's first row.
    writer.send({ type: 'Mutation', requestId: 9, udfPath: 'messages:remove', args: [{ body: 'one' }] });
    await writer.next();
    for (const client of [reader, again]) {
      expect((await client.next()).modifications).toEqual([
        expect.objectContaining({
          value: expect.objectContaining({ page: [{ author: 'ada', body: 'two' }] }),
          journal,
        }),
      ]);
    }
    for (const client of [writer, reader, again]) client.close();
  });
});

describe('large Transitions', () => {
  beforeEach(reset);

  it('go out as TransitionChunks, which the real client puts back together', async () => {
    const body = 'x'.repeat(TRANSITION_CHUNK_CHARS + 1000);
    const raw = await RawSyncClient.open();
    raw.send(addQuery(0, 1, 'messages:list'));
    await raw.next();
    const client = new ConvexClient(offline().url);
    const seen: unknown[] = [];
    client.onUpdate(makeFunctionReference<'query'>('messages:list'), {}, (value) => seen.push(value));
    client.setAuth(() => signToken('ada'));
    await client.mutation(makeFunctionReference<'mutation'>('messages:send'), { body });
    const chunks = [await raw.next(), await raw.next()];
    expect(chunks).toMatchObject([
      { type: 'TransitionChunk', partNumber: 0, totalParts: 2 },
      { type: 'TransitionChunk', partNumber: 1, totalParts: 2, transitionId: chunks[0]!.transitionId },
    ]);
    const deadline = Date.now() + 5_000;
    while (!seen.some((value) => JSON.stringify(value).includes(body)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.at(-1)).toEqual([{ author: 'ada', body }]);
    raw.close();
    await client.close();
  });
});
