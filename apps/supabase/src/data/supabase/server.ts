import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import { env } from '@/env';
import type { Database } from '../database.types';
import { nodeRealtimeTransport } from './node';
import type { Supabase } from './types';

/**
 * A client for Server Components and Server Actions, with the session of this request's cookies.
 * Create one per request, never share it.
 */
export async function createClient(): Promise<Supabase> {
  const cookieStore = await cookies();
  return createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, options);
        } catch {
          // Server Components cannot set cookies; the proxy has already refreshed the session.
        }
      },
    },
    realtime: { transport: nodeRealtimeTransport },
  });
}

/** A client without a session, for a request whose cookies hold no valid one. */
export function createAnonymousClient(): Supabase {
  return createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    cookies: { getAll: () => [] },
    realtime: { transport: nodeRealtimeTransport },
  });
}
