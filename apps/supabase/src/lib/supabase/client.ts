import { createClient, type SupabaseClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../database.types';

/** The typed client every data-layer function takes: the caller's own session decides via RLS. */
export type Supabase = SupabaseClient<Database>;

export interface SupabaseConnection {
  url: string;
  /** The anon key for callers' clients; the service-role key only for trusted server code. */
  key: string;
  /** Replaces global fetch for every request of this client (tracing, counting). */
  fetch?: typeof fetch;
}

/**
 * A plain supabase-js client for Node, holding its session in memory (one per caller). The
 * Next.js pages will use cookie-based clients from @supabase/ssr; both reach the same data layer.
 * Node 20 has no global WebSocket, which supabase-js's realtime client requires at construction;
 * `ws` is the transport Supabase documents for it (its typings differ only in overloads).
 */
export function createSupabaseClient({ url, key, fetch }: SupabaseConnection): Supabase {
  return createClient<Database, 'public'>(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
    ...(fetch && { global: { fetch } }),
  });
}
