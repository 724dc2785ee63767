import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/env';
import type { Database } from '../database.types';
import { nodeRealtimeTransport } from './node';

/**
 * Refreshes an expiring session before any page renders (Server Components cannot write cookies):
 * the new tokens go to the request, for this render, and to the response, for the browser.
 */
export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request });
  const supabase = createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
        // Cache-Control and friends, so no CDN caches a response that sets a session.
        for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
      },
    },
    realtime: { transport: nodeRealtimeTransport },
  });
  // Nothing may run between creating the client and this call: it is what refreshes the session.
  await supabase.auth.getClaims();
  return response;
}
