import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { startSupabaseApi, type SupabaseApi } from '../src/index';
import { anonClient, apiUrl, uniqueEmail } from './clients';

const password = 'correct horse';
const clientOf = (url: string, key: string): SupabaseClient =>
  createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });

describe('asymmetric signing keys (current projects)', () => {
  it('publishes the ES256 public key at /auth/v1/.well-known/jwks.json', async () => {
    const response = await fetch(`${apiUrl()}/auth/v1/.well-known/jwks.json`, {
      headers: { apikey: inject('anonKey') },
    });
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) }),
    ]);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('getClaims verifies a session locally against the JWKS', async () => {
    const client = anonClient();
    const { data: signedUp } = await client.auth.signUp({ email: uniqueEmail(), password });
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header).toMatchObject({ alg: 'ES256' });
    expect(data?.claims).toMatchObject({ sub: signedUp.user?.id, role: 'authenticated' });
  });

  it('getClaims refuses a token whose signature does not match', async () => {
    const client = anonClient();
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password });
    const token = data.session?.access_token ?? '';
    const [header, payload] = token.split('.');
    const tampered = `${header}.${payload}.${'A'.repeat(86)}`;
    const { error } = await client.auth.getClaims(tampered);
    expect(error).toMatchObject({ name: 'AuthInvalidJwtError' });
  });

  it('PostgREST and GoTrue accept the ES256 session and the HS256 secret alike', async () => {
    const client = anonClient();
    await client.auth.signUp({ email: uniqueEmail(), password });
    expect((await client.rpc('whoami')).data).toMatchObject({ role: 'authenticated' });
    expect((await client.auth.getUser()).error).toBeNull();
  });
});

describe('sign-out scopes', () => {
  it('others ends every session but the current one; global ends them all', async () => {
    const email = uniqueEmail();
    await anonClient().auth.signUp({ email, password });
    const [first, second, third] = [anonClient(), anonClient(), anonClient()];
    for (const client of [first, second, third]) await client.auth.signInWithPassword({ email, password });
    const token = async (client: SupabaseClient) =>
      (await client.auth.getSession()).data.session?.access_token;
    const [firstToken, secondToken, thirdToken] = [
      await token(first),
      await token(second),
      await token(third),
    ];
    expect((await first.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await first.auth.getUser()).error).toBeNull();
    const userOf = (accessToken: string | undefined) =>
      fetch(`${apiUrl()}/auth/v1/user`, {
        headers: { apikey: inject('anonKey'), Authorization: `Bearer ${accessToken}` },
      });
    const ended = await userOf(secondToken);
    expect(ended.status).toBe(403);
    expect(await ended.json()).toMatchObject({ error_code: 'session_not_found' });
    expect((await userOf(thirdToken)).status).toBe(403);
    expect((await userOf(firstToken)).status).toBe(200);
    await first.auth.signOut({ scope: 'global' });
    expect((await userOf(firstToken)).status).toBe(403);
  });
});

describe('an older project: HS256 sessions and its own config.toml', () => {
  let api: SupabaseApi;
  let closed: SupabaseApi;
  let configDir: string;
  const started: SupabaseApi[] = [];

  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'supabase-offline-config-'));
    const strict = join(configDir, 'strict.toml');
    const closedConfig = join(configDir, 'closed.toml');
    await writeFile(
      strict,
      '[auth]\nminimum_password_length = 10\npassword_requirements = "lower_upper_letters_digits"\njwt_expiry = 600\n',
    );
    await writeFile(closedConfig, '[auth]\nenable_signup = false\n');
    const databaseUrl = inject('databaseUrl');
    api = await startSupabaseApi({ databaseUrl, jwtAlgorithm: 'HS256', supabaseConfig: strict });
    started.push(api);
    closed = await startSupabaseApi({ databaseUrl, supabaseConfig: closedConfig });
    started.push(closed);
  });

  afterAll(async () => {
    await Promise.all(started.map((instance) => instance.stop()));
    await rm(configDir, { recursive: true, force: true });
  });

  it('signs sessions with HS256, publishes no key, and getClaims falls back to getUser', async () => {
    const client = clientOf(api.url, api.anonKey);
    const { data, error } = await client.auth.signUp({ email: uniqueEmail(), password: 'Abcdefghij1' });
    expect(error).toBeNull();
    expect(decodeProtectedHeader(data.session?.access_token ?? '')).toMatchObject({ alg: 'HS256' });
    expect(data.session?.expires_in).toBe(600);
    const jwks = await fetch(`${api.url}/auth/v1/.well-known/jwks.json`, {
      headers: { apikey: api.anonKey },
    });
    expect(await jwks.json()).toEqual({ keys: [] });
    const claims = await client.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(data.user?.id);
  });

  it('applies minimum_password_length and password_requirements from the config', async () => {
    const client = clientOf(api.url, api.anonKey);
    const short = await client.auth.signUp({ email: uniqueEmail(), password: 'Abc1' });
    expect(short.error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    const plain = await client.auth.signUp({ email: uniqueEmail(), password: 'abcdefghijkl' });
    expect(plain.error).toMatchObject({
      code: 'weak_password',
      reasons: ['characters'],
      message:
        'Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.',
    });
  });

  it('with enable_signup = false, sign-up is 422 signup_disabled', async () => {
    const { error } = await clientOf(closed.url, closed.anonKey).auth.signUp({
      email: uniqueEmail(),
      password,
    });
    expect(error).toMatchObject({ status: 422, code: 'signup_disabled' });
  });
});
