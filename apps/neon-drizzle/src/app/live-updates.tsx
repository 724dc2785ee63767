'use client';

import { useLiveRefresh } from '@parity/ui';
import { useParams, useRouter } from 'next/navigation';
import type { LiveScope } from '@/data/live';

/**
 * `update` when the scope's data changed, as the /api/live stream reports it; also each time the
 * stream (re)connects if `catchUpOnJoin`, to cover what happened since the page was rendered or
 * while the connection was down (the browser reconnects by itself).
 */
function useLiveScope(scope: LiveScope, update: () => void, catchUpOnJoin: boolean): void {
  useLiveRefresh(
    `${scope} ${catchUpOnJoin}`,
    (stale) => {
      const source = new EventSource('/api/live');
      if (catchUpOnJoin) source.onopen = stale;
      source.onmessage = (event: MessageEvent<string>) => {
        const scopes = JSON.parse(event.data) as string[];
        if (scopes.includes('*') || scopes.includes(scope)) stale();
      };
      return () => source.close();
    },
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
