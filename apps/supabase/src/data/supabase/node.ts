import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../database.types';
import type { Supabase } from './types';

export type { Supabase } from './types';

/**
 * Node 20 has no global WebSocket, which supabase-js's realtime client requires at construction;
 * `ws` is the transport Supabase documents for it (its typings differ only in overloads). Every
 * client made on the server (this factory, server.ts, the proxy) passes it.
 */
export const nodeRealtimeTransport = WebSocket as unknown as WebSocketLikeConstructor;

export interface SupabaseConnection {
  url: string;
  /** The anon key for callers' clients; the service-role key only for trusted server code. */
  key: string;
  /** Replaces global fetch for every request of this client (tracing, counting). */
  fetch?: typeof fetch;
}

/**
 * A plain supabase-js client for Node, holding its session in memory (one per caller): the
 * contract adapter and the tests use it. The Next.js app uses the cookie-based clients of
 * @supabase/ssr (client.ts, server.ts, proxy.ts); all of them reach the same data layer.
 */
export function createSupabaseClient({ url, key, fetch }: SupabaseConnection): Supabase {
  return createClient<Database, 'public'>(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: nodeRealtimeTransport },
    ...(fetch && { global: { fetch } }),
  });
}
