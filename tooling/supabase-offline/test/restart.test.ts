import { join } from 'node:path';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type SupabaseApi, startSupabaseApi } from '../src/index';
import { applyFixtures, onServer } from './global-setup';
import { startTestPostgres, type TestPostgres } from './postgres';
import { type Change, Inbox } from './realtime-support';

// Issue 18: PostgreSQL restarted under the running API, then the API itself restarted under its
// clients. The API's pools hold sessions that die with the server: it must not crash, and the next
// request (auth and REST alike) must work. A restarted API keeps the project's keys, so sessions stay
// valid, and Realtime clients reconnect and rejoin their channels by themselves.

let postgres: TestPostgres;
let databaseUrl: string;
let api: SupabaseApi;
const config = join(import.meta.dirname, 'fixtures', 'config.toml');

beforeAll(async () => {
  postgres = await startTestPostgres({ own: true });
  await onServer(postgres.url, (client) => client.query('create database restart'));
  databaseUrl = Object.assign(new URL(postgres.url), { pathname: '/restart' }).toString();
  await applyFixtures(databaseUrl);
  api = await startSupabaseApi({ databaseUrl, supabaseConfig: config });
});

const client = () =>
  createClient(api.url, api.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
  });

afterAll(async () => {
  await api?.stop();
  await postgres?.stop();
});

it('serves sign-up, writes and reads after PostgreSQL restarts, with what was committed still there', async () => {
  const before = client();
  const signedUp = await before.auth.signUp({ email: 'before@example.com', password: 'correct horse' });
  expect(signedUp.error).toBeNull();
  expect(
    (await before.from('users').insert({ id: signedUp.data.user!.id, name: 'Before' })).error,
  ).toBeNull();

  await postgres.restart();

  const after = client();
  const again = await after.auth.signUp({ email: 'after@example.com', password: 'correct horse' });
  expect(again.error).toBeNull();
  expect((await after.from('users').insert({ id: again.data.user!.id, name: 'After' })).error).toBeNull();
  const { data, error } = await after.from('users').select('name').order('name');
  expect(error).toBeNull();
  expect(data).toEqual([{ name: 'After' }, { name: 'Before' }]);
  // The session from before the restart still works: its token is the API's, not the database's.
  expect((await before.from('users').select('name').eq('name', 'Before')).data).toEqual([{ name: 'Before' }]);
});

it('keeps sessions and rejoins Realtime channels after the API itself restarts on the same port', async () => {
  const author = client();
  const { data, error } = await author.auth.signUp({ email: 'live@example.com', password: 'correct horse' });
  expect(error).toBeNull();
  const userId = data.user!.id;
  expect((await author.from('users').insert({ id: userId, name: 'Live' })).error).toBeNull();
  const changes = new Inbox<Change>();
  const joins = new Inbox<number>();
  let joined = 0;
  const channel = author
    .channel('across-restart')
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'posts' }, changes.push)
    .subscribe((status) => {
      if (status === 'SUBSCRIBED') joins.push((joined += 1));
    });
  await joins.next((n) => n === 1);

  // Stopped as a process stops: every socket closed, the pools and the change feed's slot gone.
  const { port } = new URL(api.url);
  await api.stop();
  api = await startSupabaseApi({
    databaseUrl,
    supabaseConfig: config,
    port: Number(port),
    jwtSecret: api.jwtSecret,
    signingKey: api.signingKey,
  });

  // realtime-js reconnects after 1 s, then 2 s, 5 s, 10 s; the channel rejoins with the session's token.
  await joins.next((n) => n === 2, 15_000);
  const insert = await author.from('posts').insert({ author_id: userId, title: 'After', published: true });
  expect(insert.error).toBeNull();
  const change = await changes.next((c) => c.eventType === 'INSERT' && c.new.title === 'After');
  expect(change.new).toMatchObject({ author_id: userId });
  // The token issued before the restart still verifies (ES256, same key) and refreshes.
  expect((await author.auth.getUser()).data.user?.id).toBe(userId);
  expect((await author.auth.refreshSession()).error).toBeNull();
  await author.removeChannel(channel);
});
