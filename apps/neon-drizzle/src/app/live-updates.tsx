'use client';

import { useLiveRefresh } from '@parity/ui';
import { useRouter } from 'next/navigation';
import type { LiveScope } from '@/data/live';

/**
 * Keeps a server-rendered page current: when its data may have changed, as the /api/live stream
 * reports it, router.refresh() runs the page's server components again, so it re-reads through the
 * data layer with the visitor's session. Also each time the stream (re)connects, to cover what
 * happened since the page was rendered or while the connection was down (the browser reconnects by
 * itself).
 */
export function LiveUpdates({ scope }: { scope: LiveScope }) {
  const router = useRouter();
  useLiveRefresh(
    scope,
    (stale) => {
      const source = new EventSource('/api/live');
      source.onopen = stale;
      source.onmessage = (event: MessageEvent<string>) => {
        const scopes = JSON.parse(event.data) as string[];
        if (scopes.includes('*') || scopes.includes(scope)) stale();
      };
      return () => source.close();
    },
    () => router.refresh(),
  );
  return null;
}
