'use client';

import { useEffect, useRef } from 'react';

/** Changes of one commit often arrive as a burst (a post, then its tags): one update for the burst. */
const BURST_MS = 50;

/**
 * Runs `update` whenever `subscribe` reports that what the page shows went stale. While the browser
 * is offline the update waits for the network (a Next.js refresh that cannot reach the server falls
 * back to loading the whole page). `subscribe` receives the report function and returns its
 * unsubscribe function; it runs again when `key` changes.
 */
export function useLiveRefresh(
  key: string,
  subscribe: (stale: () => void) => () => void,
  update: () => void,
): void {
  const latest = useRef({ subscribe, update });
  useEffect(() => {
    latest.current = { subscribe, update };
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let missed = false;
    const stale = () => {
      clearTimeout(timer);
      if (!navigator.onLine) {
        missed = true;
        return;
      }
      timer = setTimeout(() => latest.current.update(), BURST_MS);
    };
    const online = () => {
      if (missed) stale();
      missed = false;
    };
    window.addEventListener('online', online);
    const unsubscribe = latest.current.subscribe(stale);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('online', online);
      unsubscribe();
    };
  }, [key]);
}
