'use client';

import { useLiveRefresh } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { type LiveScope, watchPostChanges } from '@/data';
import { useSupabase } from './providers';

/**
 * Keeps a server-rendered page current: when its data may have changed, and on every (re)join of
 * the channel, router.refresh() runs the page's server components again, so it re-reads through the
 * data layer with the visitor's session.
 */
export function LiveUpdates({ scope }: { scope: LiveScope }) {
  const router = useRouter();
  const supabase = useSupabase();
  useLiveRefresh(
    scope,
    (stale) => watchPostChanges(supabase, scope, { onChange: stale, onJoin: stale }),
    () => router.refresh(),
  );
  return null;
}
