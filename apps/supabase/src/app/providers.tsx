'use client';

import { LinkProvider } from '@parity/ui';
import Link from 'next/link';
import { createContext, use, useMemo, type ReactNode } from 'react';
import { createClient, type SupabaseConfig } from '@/data/supabase/client';
import type { Supabase } from '@/data/supabase/types';

const SupabaseContext = createContext<Supabase | null>(null);

/** The browser's Supabase client, for client components (sign-in, sign-up, "Load more"). */
export function useSupabase(): Supabase {
  const supabase = use(SupabaseContext);
  if (!supabase) throw new Error('useSupabase needs <Providers> around it');
  return supabase;
}

export function Providers({ supabase, children }: { supabase: SupabaseConfig; children: ReactNode }) {
  const { url, anonKey } = supabase;
  const client = useMemo(() => createClient({ url, anonKey }), [url, anonKey]);
  return (
    <SupabaseContext value={client}>
      <LinkProvider component={Link}>{children}</LinkProvider>
    </SupabaseContext>
  );
}
