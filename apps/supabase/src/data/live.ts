import type { Supabase } from './supabase/types';

/** What a page shows: the feed (home, tag pages, tag cloud), one user's posts, or one post. */
export type LiveScope = 'feed' | `user:${string}` | `post:${string}`;

let channels = 0;

/**
 * Calls `onChange` whenever a committed change may alter what a page of this scope shows, and
 * `onJoin` each time the channel (re)joins: Realtime does not replay what was committed before a
 * join, so a page re-reads then to cover the gap since it was rendered or while it was offline.
 * Subscribes to the post_changes log (see its migration) rather than to posts: Realtime's RLS check
 * on the new row would keep a post that leaves the public view from ever being reported. RLS on the
 * log still decides who hears of what: another user's draft never reaches this client.
 * Returns the unsubscribe function.
 */
export function watchPostChanges(
  supabase: Supabase,
  scope: LiveScope,
  { onChange, onJoin }: { onChange: () => void; onJoin: () => void },
): () => void {
  const [kind, id] = scope.split(':');
  const filter = kind === 'user' ? `author_id=eq.${id}` : kind === 'post' ? `post_id=eq.${id}` : undefined;
  channels += 1;
  const channel = supabase
    .channel(`post-changes-${channels}`)
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'post_changes', filter }, onChange)
    .subscribe((status) => {
      if (status === 'SUBSCRIBED') onJoin();
    });
  return () => void supabase.removeChannel(channel);
}
