import { cache } from 'react';
import { me } from '@/data';
import { createAnonymousClient, createClient } from '@/data/supabase/server';

/**
 * This request's client for Server Components and Server Actions. A cookie alone proves nothing,
 * so the session is verified with Supabase Auth (getUser) once per request before the data layer
 * reads the user from it; an ended or forged session makes the request a visitor's.
 */
export const getSupabase = cache(async () => {
  const supabase = await createClient();
  const { data } = await supabase.auth.getUser();
  return data.user ? supabase : createAnonymousClient();
});

/** The signed-in user of this request, or null for a visitor. */
export const getViewer = cache(async () => me(await getSupabase()));
