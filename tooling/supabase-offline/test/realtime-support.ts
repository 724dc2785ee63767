import {
  type RealtimeChannel,
  type RealtimePostgresChangesPayload,
  type SupabaseClient,
} from '@supabase/supabase-js';

export type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;

/** Resolves when the channel reports SUBSCRIBED; rejects with the server's reason otherwise. */
export function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
  return new Promise((resolve, reject) => {
    channel.subscribe((status, error) => {
      if (status === 'SUBSCRIBED') resolve(channel);
      else reject(error ?? new Error(status));
    });
  });
}

/** What a channel received, with a way to wait for the next matching item. */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: { test: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  push = (item: T): void => {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(item)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  };

  next(test: (item: T) => boolean, timeoutMs = 5_000): Promise<T> {
    const seen = this.items.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nothing matching arrived in time')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      });
    });
  }
}

/** A channel on `posts` with the given binding; its changes land in the returned inbox. */
export async function watchPosts(
  client: SupabaseClient,
  name: string,
  binding: { event: '*' | 'INSERT' | 'UPDATE' | 'DELETE'; filter?: string },
): Promise<{ channel: RealtimeChannel; changes: Inbox<Change> }> {
  const changes = new Inbox<Change>();
  const channel = client
    .channel(name)
    .on('postgres_changes', { schema: 'public', table: 'posts', ...binding }, changes.push);
  await subscribed(channel);
  return { channel, changes };
}

export const titleOf = (change: Change): unknown => ('title' in change.new ? change.new.title : undefined);

/** The `id` of a change's new or old row (`{}` when the event has none). */
export const idOf = (row: object): unknown => ('id' in row ? row.id : undefined);
