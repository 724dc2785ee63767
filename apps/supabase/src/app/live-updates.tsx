'use client';

import { useLiveRefresh } from '@parity/ui';
import { useParams, useRouter } from 'next/navigation';
import { type LiveScope, watchPostChanges } from '@/data';
import { useSupabase } from './providers';

/** `update` when the scope's data changed; also on every (re)join if `catchUpOnJoin`. */
function useLiveScope(scope: LiveScope, update: () => void, catchUpOnJoin: boolean): void {
  const supabase = useSupabase();
  useLiveRefresh(
    `${scope} ${catchUpOnJoin}`,
    (stale) =>
      watchPostChanges(supabase, scope, { onChange: stale, onJoin: catchUpOnJoin ? stale : () => undefined }),
    update,
  );
}

/**
 * Keeps a server-rendered page current: when its data may have changed, router.refresh() runs the
 * page's server components again, so it re-reads through the data layer with the visitor's session.
 */
export function LiveUpdates({ scope }: { scope: LiveScope }) {
  const router = useRouter();
  useLiveScope(scope, () => router.refresh(), true);
  return null;
}

/**
 * For the post page's not-found boundary, which gets no params. Next.js leaves a not-found boundary
 * on navigation only, not on router.refresh(), so when the post may be back (restored, published)
 * the document is loaded again; on (re)connecting alone it is not, or it would reload forever.
 */
export function LivePostUpdates() {
  const { id } = useParams<{ id: string }>();
  useLiveScope(`post:${id}`, () => window.location.reload(), false);
  return null;
}
