import { createBrowserClient } from '@supabase/ssr';
import type { Database } from '../database.types';
import type { Supabase } from './types';

export interface SupabaseConfig {
  url: string;
  anonKey: string;
}

/**
 * The browser client: its session lives in the cookies the server clients read. createBrowserClient
 * returns one shared instance per page, so calling this on every render is cheap.
 */
export function createClient({ url, anonKey }: SupabaseConfig): Supabase {
  return createBrowserClient<Database>(url, anonKey);
}
