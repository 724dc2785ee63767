import { randomUUID } from 'node:crypto';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { expect, inject } from 'vitest';
import { createPost, deletePost, upsertProfile } from '../../src/data';
import type { Database } from '../../src/data/database.types';
import { createSupabaseClient, type Supabase } from '../../src/data/supabase/node';

export const target = inject('supabase');

/** The service role, used only to look at the data before and after an attack. */
export const admin = createSupabaseClient({ url: target.url, key: target.serviceRoleKey });

export function anonClient(): Supabase {
  return createSupabaseClient({ url: target.url, key: target.anonKey });
}

export interface Account {
  supabase: Supabase;
  id: string;
  accessToken: string;
}

export async function signUpAccount(name: string): Promise<Account> {
  const supabase = anonClient();
  const { data, error } = await supabase.auth.signUp({
    email: `hostile.${randomUUID()}@example.com`,
    password: randomUUID(),
    options: { data: { name } },
  });
  if (error || !data.session || !data.user) throw new Error(`sign-up failed: ${error?.message}`);
  return { supabase, id: data.user.id, accessToken: data.session.access_token };
}

/** The victim's data that every attack goes after. */
export async function createVictim() {
  const account = await signUpAccount('Victim');
  await upsertProfile(account.supabase, { bio: 'original bio' });
  const published = await createPost(account.supabase, {
    title: 'Published',
    published: true,
    tags: ['public'],
  });
  const draft = await createPost(account.supabase, {
    title: 'Secret draft',
    published: false,
    tags: ['secret'],
  });
  const deleted = await createPost(account.supabase, { title: 'Deleted', published: true, tags: ['gone'] });
  await deletePost(account.supabase, deleted.id);
  return { ...account, publishedId: published.id, draftId: draft.id, deletedId: deleted.id };
}

/** A client sending an arbitrary bearer token, the way supabase-js passes a custom JWT. */
export function clientWithToken(token: string): Supabase {
  return createClient<Database, 'public'>(target.url, target.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
  });
}

export function signToken(
  claims: Record<string, unknown>,
  secret: string,
  expiresAt: number,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(expiresAt - 3600)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

export const jwtSecret = target.jwtSecret;

/** Every domain row, emails included, in a stable order, read with the service role. */
export async function snapshot() {
  const tables = [
    admin.from('users').select('*').order('id'),
    admin.from('profiles').select('*').order('user_id'),
    admin.from('posts').select('*').order('id'),
    admin.from('tags').select('*').order('id'),
    admin.from('post_tags').select('*').order('post_id').order('tag_id'),
    admin.from('audit_logs').select('*').order('id'),
  ] as const;
  const results = await Promise.all(tables);
  for (const result of results) if (result.error) throw new Error(result.error.message);
  return results.map((result) => result.data);
}

/**
 * Runs an attack and asserts that it was refused — an error, or no row touched or revealed —
 * and that no row of any table changed.
 */
export async function expectRefused(
  attack: () => PromiseLike<{ error: unknown; data?: unknown }>,
): Promise<{ error: unknown; data?: unknown }> {
  const before = await snapshot();
  const result = await attack();
  if (!result.error) expect(result.data ?? []).toEqual([]);
  expect(await snapshot()).toEqual(before);
  return result;
}
