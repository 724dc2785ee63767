import { describe, expect, it } from 'vitest';
import { addQuery, RawSyncClient, reset, signToken } from './helpers';

// Bad input on the WebSocket: a clear error to that client, its session ends, the others go on and
// nothing changes.
describe('bad input on the WebSocket', () => {
  it.each([
    ['malformed JSON', '{"type": '],
    ['a message without a type', '{"hello": 1}'],
    ['an unknown message type', '{"type": "Subscribe"}'],
    ['a query set from the wrong base version', JSON.stringify(addQuery(5, 1, 'messages:list'))],
    [
      'a malformed query set modification',
      JSON.stringify({
        type: 'ModifyQuerySet',
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: 'Add' }],
      }),
    ],
    [
      'a journal this server did not write',
      JSON.stringify(addQuery(0, 1, 'messages:list', {}, 'not a journal')),
    ],
    [
      'an Authenticate from the wrong identity version',
      '{"type": "Authenticate", "tokenType": "None", "baseVersion": 3}',
    ],
    ['a Mutation without a requestId', '{"type": "Mutation", "udfPath": "messages:send", "args": [{}]}'],
  ])('%s gets a FatalError and the connection closes', async (_case, message) => {
    const bystander = await RawSyncClient.open();
    const client = await RawSyncClient.open();
    client.send(message);
    expect(await client.next()).toMatchObject({ type: 'FatalError', error: expect.any(String) });
    await expect(client.next()).rejects.toThrow('closed');
    bystander.send(addQuery(0, 1, 'messages:whoami'));
    expect(await bystander.next()).toMatchObject({ type: 'Transition', modifications: [{ value: null }] });
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
    await reset();
    const watcher = await RawSyncClient.open();
    watcher.send(addQuery(0, 1, 'messages:list'));
    expect((await watcher.next()).modifications).toEqual([expect.objectContaining({ value: [] })]);
    const client = await RawSyncClient.open();
    client.send({ type: 'Authenticate', tokenType: 'User', value: await signToken('ada'), baseVersion: 0 });
    await client.next();
    const body = 'x'.repeat(17 * 1024 * 1024);
    client.send({ type: 'Mutation', requestId: 0, udfPath: 'messages:send', args: [{ body }] });
    expect(await client.next()).toMatchObject({
      type: 'FatalError',
      error: expect.stringContaining('too large'),
    });
    await watcher.quiet();
    watcher.close();
  });

  it('a call into a component is refused, since this server runs the app’s own functions only', async () => {
    const client = await RawSyncClient.open();
    const call = { requestId: 1, udfPath: 'lib:run', args: [{}], componentPath: 'workpool' };
    client.send({ type: 'Mutation', ...call });
    expect(await client.next()).toMatchObject({
      type: 'MutationResponse',
      success: false,
      result: expect.stringContaining('Components are not supported'),
    });
    client.close();
  });

  it('an unknown function path in a subscription is that query failing, not the session', async () => {
    const client = await RawSyncClient.open();
    client.send(addQuery(0, 1, 'nope:nothing'));
    expect((await client.next()).modifications).toEqual([
      expect.objectContaining({
        type: 'QueryFailed',
        errorMessage: expect.stringContaining("Could not find public function for 'nope:nothing'"),
      }),
    ]);
    client.send(addQuery(1, 2, 'messages:list'));
    expect((await client.next()).type).toBe('Transition');
    client.close();
  });
});
