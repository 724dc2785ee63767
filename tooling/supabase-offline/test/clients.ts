import { randomUUID } from 'node:crypto';
import {
  createClient,
  type SupabaseClient,
  type SupabaseClientOptions,
  type WebSocketLikeConstructor,
} from '@supabase/supabase-js';
import { inject } from 'vitest';
import WebSocket from 'ws';

// Node 20 has no global WebSocket, which supabase-js's realtime client needs even when unused.
// ws is the transport Supabase documents for Node; its event typings differ from the DOM ones.
const clientOptions: SupabaseClientOptions<'public'> = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
};

export const apiUrl = (): string => inject('supabaseUrl');

export function anonClient(): SupabaseClient {
  return createClient(inject('supabaseUrl'), inject('anonKey'), clientOptions);
}

export function serviceClient(): SupabaseClient {
  return createClient(inject('supabaseUrl'), inject('serviceRoleKey'), clientOptions);
}

export const uniqueEmail = (): string => `user-${randomUUID()}@example.com`;

/**
 * Item ids for one test file. The files run in parallel on one database, so each writes in its own
 * band of 100 million ids (band 1 to 20 fits an integer), from a random start so that runs against
 * one DATABASE_URL miss each other too. The function it returns reserves `count` consecutive ids
 * and returns the first.
 */
export function itemIds(band: number): (count?: number) => number {
  let next = band * 100_000_000 + Math.floor(Math.random() * 100_000) * 100;
  return (count = 1) => {
    const first = next;
    next += count;
    return first;
  };
}

export interface SignedIn {
  client: SupabaseClient;
  userId: string;
  email: string;
  accessToken: string;
}

/** Signs up through GoTrue and, like an app would, creates the public.users row through PostgREST. */
export async function signedInUser(name = 'Test User'): Promise<SignedIn> {
  const client = anonClient();
  const email = uniqueEmail();
  const { data, error } = await client.auth.signUp({
    email,
    password: 'correct horse',
    options: { data: { name } },
  });
  if (error || !data.user || !data.session) throw error ?? new Error('sign-up returned no session');
  const inserted = await client.from('users').insert({ id: data.user.id, name });
  if (inserted.error) throw new Error(inserted.error.message);
  return { client, userId: data.user.id, email, accessToken: data.session.access_token };
}
