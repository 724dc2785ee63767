import { join } from 'node:path';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type SupabaseApi, startSupabaseApi } from '../src/index';
import { applyFixtures, onServer } from './global-setup';
import { startTestPostgres, type TestPostgres } from './postgres';

// Issue 18: PostgreSQL restarted under the running API. Its pools hold sessions that die with the
// server; the API must not crash, and the next request (auth and REST alike) must work.

let postgres: TestPostgres;
let api: SupabaseApi;

beforeAll(async () => {
  postgres = await startTestPostgres({ own: true });
  await onServer(postgres.url, (client) => client.query('create database restart'));
  const databaseUrl = Object.assign(new URL(postgres.url), { pathname: '/restart' }).toString();
  await applyFixtures(databaseUrl);
  api = await startSupabaseApi({
    databaseUrl,
    supabaseConfig: join(import.meta.dirname, 'fixtures', 'config.toml'),
  });
});

afterAll(async () => {
  await api?.stop();
  await postgres?.stop();
});

it('serves sign-up, writes and reads after PostgreSQL restarts, with what was committed still there', async () => {
  const client = () =>
    createClient(api.url, api.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
    });
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
