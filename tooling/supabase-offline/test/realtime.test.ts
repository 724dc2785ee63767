import { randomUUID } from 'node:crypto';
import { RealtimeClient } from '@supabase/realtime-js';
import { SignJWT } from 'jose';
import { createServer } from 'node:net';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { startSupabaseApi } from '../src/index';
import { anonClient, signedInUser, type SignedIn } from './clients';
import { type Change, idOf, Inbox, subscribed, titleOf, watchPosts } from './realtime-support';

const opened: { removeAllChannels(): Promise<unknown> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((client) => client.removeAllChannels()));
});

async function user(name: string): Promise<SignedIn> {
  const signed = await signedInUser(name);
  opened.push(signed.client);
  return signed;
}

async function insertPost(author: SignedIn, title: string, published: boolean): Promise<string> {
  const { data, error } = await author.client
    .from('posts')
    .insert({ author_id: author.userId, title, published })
    .select('id')
    .single<{ id: string }>();
  if (error) throw new Error(error.message);
  return data.id;
}

async function updatePost(author: SignedIn, id: string, values: Record<string, unknown>): Promise<void> {
  const { error } = await author.client.from('posts').update(values).eq('id', id);
  if (error) throw new Error(error.message);
}

/**
 * Changes arrive in commit order, so once a later sentinel arrived, an earlier change that was not
 * delivered never will be: "not received" is asserted without sleeping.
 */
async function sentinel(author: SignedIn, inboxes: Inbox<Change>[]): Promise<void> {
  const title = `sentinel ${randomUUID()}`;
  await insertPost(author, title, true);
  await Promise.all(inboxes.map((inbox) => inbox.next((change) => titleOf(change) === title)));
}

describe('postgres_changes through supabase-js', () => {
  it('delivers an insert with the row, its column types and the commit time', async () => {
    const ada = await user('Ada');
    const { changes } = await watchPosts(ada.client, 'inserts', { event: 'INSERT' });
    const id = await insertPost(ada, 'Hello realtime', true);
    const change = await changes.next((item) => idOf(item.new) === id);
    expect(change).toMatchObject({
      schema: 'public',
      table: 'posts',
      eventType: 'INSERT',
      new: { id, title: 'Hello realtime', published: true, author_id: ada.userId, editor_id: null },
      old: {},
      errors: null,
    });
    expect(Date.parse(change.commit_timestamp)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('applies event and column filters on the server', async () => {
    const ada = await user('Ada');
    const first = await insertPost(ada, 'first', true);
    const second = await insertPost(ada, 'second', true);
    const byId = await watchPosts(ada.client, 'by-id', { event: 'UPDATE', filter: `id=eq.${second}` });
    const byList = await watchPosts(ada.client, 'by-list', {
      event: '*',
      filter: `id=in.(${first},${randomUUID()})`,
    });
    await updatePost(ada, first, { title: 'first, edited' });
    await updatePost(ada, second, { title: 'second, edited' });
    const update = await byId.changes.next(() => true);
    expect(update).toMatchObject({ eventType: 'UPDATE', new: { id: second, title: 'second, edited' } });
    await byList.changes.next((change) => idOf(change.new) === first);
    await sentinel(ada, []);
    expect(byId.changes.items.map((change) => idOf(change.new))).toEqual([second]);
    expect(byList.changes.items.map((change) => idOf(change.new))).toEqual([first]);
  });

  it('never delivers a draft to another user or to anon, and delivers it to its author', async () => {
    const ada = await user('Ada');
    const bob = await user('Bob');
    const visitor = anonClient();
    opened.push(visitor);
    const [own, other, anon] = await Promise.all([
      watchPosts(ada.client, 'own', { event: '*' }),
      watchPosts(bob.client, 'other', { event: '*' }),
      watchPosts(visitor, 'anon', { event: '*' }),
    ]);
    const draft = await insertPost(ada, 'secret draft', false);
    await updatePost(ada, draft, { title: 'still a secret' });
    await sentinel(ada, [own.changes, other.changes, anon.changes]);
    const ids = (inbox: Inbox<Change>) => inbox.items.map((change) => idOf(change.new));
    expect(ids(own.changes)).toContain(draft);
    expect(ids(other.changes)).not.toContain(draft);
    expect(ids(anon.changes)).not.toContain(draft);
    expect(JSON.stringify([other.changes.items, anon.changes.items])).not.toContain('secret');

    await updatePost(ada, draft, { title: 'now public', published: true });
    const published = await other.changes.next((change) => idOf(change.new) === draft);
    expect(published).toMatchObject({ eventType: 'UPDATE', new: { title: 'now public', published: true } });
    // Supabase sends only the primary key as the old record unless the table has REPLICA IDENTITY FULL.
    expect(published.old).toEqual({ id: draft });
  });

  it('checks a change against the row as that change left it, not only its key', async () => {
    const ada = await user('Ada');
    const bob = await user('Bob');
    const { changes } = await watchPosts(bob.client, 'superseded', { event: '*' });
    // Written and published in one transaction: by the time the insert is checked the row is
    // public, but not with the draft's title, which Bob must never receive.
    const database = new pg.Client({ connectionString: inject('databaseUrl') });
    await database.connect();
    try {
      await database.query('begin');
      const { rows } = await database.query<{ id: string }>(
        `insert into public.posts (author_id, title, published) values ($1, 'draft title', false) returning id`,
        [ada.userId],
      );
      await database.query(`update public.posts set title = 'public title', published = true where id = $1`, [
        rows[0]!.id,
      ]);
      await database.query('commit');
    } finally {
      await database.end();
    }
    const published = await changes.next((change) => titleOf(change) === 'public title');
    expect(published.eventType).toBe('UPDATE');
    await sentinel(ada, [changes]);
    expect(JSON.stringify(changes.items)).not.toContain('draft title');
  });

  it('sends a delete with only the primary key to every subscriber, as Supabase does with RLS on', async () => {
    const ada = await user('Ada');
    const bob = await user('Bob');
    const id = await insertPost(ada, 'to be deleted', false);
    const { changes } = await watchPosts(bob.client, 'deletes', { event: 'DELETE' });
    const { error } = await ada.client.from('posts').delete().eq('id', id);
    expect(error).toBeNull();
    const change = await changes.next((item) => idOf(item.old) === id);
    expect(change).toMatchObject({ eventType: 'DELETE', old: { id }, new: {} });
    expect(Object.keys(change.old)).toEqual(['id']);
  });

  it('stops delivering after unsubscribe', async () => {
    const ada = await user('Ada');
    const left = await watchPosts(ada.client, 'left', { event: 'INSERT' });
    const stays = await watchPosts(ada.client, 'stays', { event: 'INSERT' });
    expect(await left.channel.unsubscribe()).toBe('ok');
    await sentinel(ada, [stays.changes]);
    expect(left.changes.items).toEqual([]);
  });

  it('follows the token the client refreshes on the channel', async () => {
    const ada = await user('Ada');
    const visitor = anonClient();
    opened.push(visitor);
    const { changes } = await watchPosts(visitor, 'upgraded', { event: '*' });
    // As supabase-js does after a sign-in: the new access token is pushed on every joined channel.
    await visitor.realtime.setAuth(ada.accessToken);
    const draft = await insertPost(ada, 'mine to see', false);
    await changes.next((change) => idOf(change.new) === draft);
  });
});

describe('the Realtime protocol', () => {
  const realtimeUrl = () => `${inject('supabaseUrl')}/realtime/v1`;
  const socket = (options: { heartbeatIntervalMs?: number } = {}) => {
    const client = new RealtimeClient(realtimeUrl(), {
      params: { apikey: inject('anonKey') },
      transport: WebSocket as never,
      ...options,
    });
    opened.push(client);
    return client;
  };
  const sign = (claims: Record<string, unknown>, secret = inject('jwtSecret')) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(secret));

  it('answers heartbeats', async () => {
    const statuses = new Inbox<string>();
    const client = socket({ heartbeatIntervalMs: 200 });
    client.onHeartbeat((status) => statuses.push(status));
    client.connect();
    await statuses.next((status) => status === 'ok');
    client.disconnect();
  });

  it('refuses forged, expired and incomplete tokens at join, and keeps serving the other channels', async () => {
    const ada = await user('Ada');
    const client = socket();
    const healthy = new Inbox<Change>();
    await subscribed(
      client
        .channel('healthy')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'posts' }, healthy.push),
    );
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, RegExp][] = [
      [
        await sign({ role: 'authenticated', exp: now + 60 }, 'not-the-project-secret-not-the-project'),
        /^JwtSignatureError: Failed to validate JWT signature$/,
      ],
      [
        await sign({ role: 'authenticated', exp: now - 30 }),
        /^InvalidJWTToken: Token has expired \d+ seconds ago$/,
      ],
      [await sign({ exp: now + 60 }), /^InvalidJWTToken: Fields `role` and `exp` are required in JWT$/],
      ['not.a.jwt', /^MalformedJWT: The token provided is not a valid JWT$/],
    ];
    for (const [token, reason] of cases) {
      const refused = client.channel(`refused-${randomUUID()}`, { config: {} });
      refused.updateJoinPayload({ access_token: token });
      await expect(subscribed(refused)).rejects.toThrow(reason);
      await client.removeChannel(refused);
    }
    await sentinel(ada, [healthy]);
  });

  it('refuses a private channel, which only Realtime Authorization could open', async () => {
    const client = socket();
    const channel = client.channel('room', { config: { private: true } });
    await expect(subscribed(channel)).rejects.toThrow(
      'Unauthorized: You do not have permissions to read from this Channel topic: room',
    );
  });

  it('reports a malformed filter, an unknown column and an unpublished table as system errors', async () => {
    const client = socket();
    const cases: [Record<string, string>, string][] = [
      [{ table: 'posts', filter: 'wrong' }, 'Error parsing `filter` params: ["wrong"]'],
      [
        { table: 'posts', filter: 'nope=eq.1' },
        'Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [event: *, schema: public, table: posts, filters: [{"nope", "eq", "1", false}], select: nil]. Exception: ERROR P0001 (raise_exception) invalid column for filter nope',
      ],
      [
        { table: 'tags' },
        'Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: *, schema: public, table: tags, filters: [], select: nil]',
      ],
    ];
    for (const [binding, message] of cases) {
      const system = new Inbox<{ status: string; message: string; extension: string }>();
      const channel = client
        .channel(`bad-${randomUUID()}`)
        .on('postgres_changes', { event: '*', schema: 'public', ...binding }, () => undefined)
        .on('system', {}, system.push);
      await subscribed(channel);
      await expect(system.next(() => true)).resolves.toMatchObject({
        status: 'error',
        extension: 'postgres_changes',
        message,
      });
    }
    const value = client
      .channel('bad-value')
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'posts', filter: 'id=eq.not-a-uuid' },
        () => undefined,
      );
    const system = new Inbox<{ message: string }>();
    value.on('system', {}, system.push);
    await subscribed(value);
    expect((await system.next(() => true)).message).toContain('invalid input syntax for type uuid');
  });

  it('closes a channel whose refreshed token has expired', async () => {
    const client = socket();
    const system = new Inbox<{ status: string; message: string; extension: string }>();
    const closed = new Inbox<string>();
    const channel = client.channel('expiring').on('system', {}, system.push);
    channel.subscribe((status) => closed.push(status));
    await closed.next((status) => status === 'SUBSCRIBED');
    const expired = await sign({ role: 'anon', exp: Math.floor(Date.now() / 1000) - 5 });
    await client.setAuth(expired);
    await expect(system.next(() => true)).resolves.toMatchObject({
      status: 'error',
      extension: 'system',
      message: expect.stringMatching(/^Token has expired \d+ seconds ago$/),
    });
    await closed.next((status) => status === 'CLOSED');
  });

  it('rejoins after the server restarts, and delivers what is committed after', async () => {
    const ada = await user('Ada');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const start = () =>
      startSupabaseApi({ databaseUrl: inject('databaseUrl'), port, jwtSecret: inject('jwtSecret') });
    let api = await start();
    const client = createClient(api.url, api.anonKey, {
      realtime: { transport: WebSocket as never },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    opened.push(client);
    const statuses = new Inbox<string>();
    const changes = new Inbox<Change>();
    client
      .channel('survivor')
      .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'posts' }, changes.push)
      .subscribe((status) => statuses.push(status));
    await statuses.next((status) => status === 'SUBSCRIBED');
    await api.stop();
    api = await start();
    try {
      // realtime-js reconnects with backoff (1 s, 2 s, 5 s…) and joins its channels again.
      await statuses.next(
        () => statuses.items.filter((status) => status === 'SUBSCRIBED').length === 2,
        15_000,
      );
      await sentinel(ada, [changes]);
    } finally {
      await client.removeAllChannels();
      await api.stop();
    }
  });
});
