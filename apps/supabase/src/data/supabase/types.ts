import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../database.types';

/**
 * The typed client every data-layer function takes, whichever factory made it (browser, server,
 * proxy, or Node for the contract and tests): the caller's own session decides via RLS.
 */
export type Supabase = SupabaseClient<Database>;
