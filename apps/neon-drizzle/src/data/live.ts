import type { Client } from '@neondatabase/serverless';
import type { Actor } from './access';
import { createDirectClient } from './client';

/** What a page shows: the feed (home, tag pages, tag cloud), one user's posts, or one post. */
export type LiveScope = 'feed' | `user:${string}` | `post:${string}`;

/** A committed change to a post or its tags, as the triggers of drizzle/0004_live_updates.sql announce it. */
export interface PostChange {
  postId: string;
  authorId: string;
  /** The post was public (published, not deleted) before or after the change. */
  public: boolean;
}

/** `'reconnected'`: notifications may have been missed while the LISTEN session was down. */
export type LiveEvent = PostChange | 'reconnected';

/**
 * The pages a change makes stale for this actor. A change to a post nobody else can read (a draft,
 * before and after) is the author's alone: anyone else is told nothing, not even its id.
 */
export function staleScopes(change: PostChange, actor: Actor): LiveScope[] {
  if (!change.public && change.authorId !== actor?.userId) return [];
  return ['feed', `user:${change.authorId}`, `post:${change.postId}`];
}

const CHANNEL = 'post_changes';
const RECONNECT_DELAY_MS = 1_000;

const listeners = new Set<(event: LiveEvent) => void>();
let session: Client | null = null;
let connecting: Promise<void> | null = null;

/**
 * Subscribes to committed post changes; resolves once the LISTEN session is up, so nothing
 * committed after that is missed. The whole server process shares one session, opened with the
 * first subscriber and closed after the last, so an idle app holds no connection and Neon can scale
 * the compute to zero. Resolves to the unsubscribe function.
 */
export async function watchPostChanges(listener: (event: LiveEvent) => void): Promise<() => void> {
  listeners.add(listener);
  const unsubscribe = () => {
    listeners.delete(listener);
    if (listeners.size === 0) void close();
  };
  try {
    await (connecting ??= listen().finally(() => (connecting = null)));
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

async function listen(): Promise<void> {
  if (session || listeners.size === 0) return;
  const client = createDirectClient();
  const lost = (reason: string) => {
    if (session !== client) return;
    session = null;
    console.warn(`live updates: LISTEN session lost (${reason}); reconnecting`);
    void client.end().catch(() => undefined);
    const retry = () => {
      if (listeners.size === 0) return;
      connecting ??= listen()
        .then(() => broadcast('reconnected'))
        .catch(() => void setTimeout(retry, RECONNECT_DELAY_MS))
        .finally(() => (connecting = null));
    };
    setTimeout(retry, RECONNECT_DELAY_MS);
  };
  client.on('notification', ({ channel, payload }) => {
    if (channel === CHANNEL && payload) broadcast(JSON.parse(payload) as PostChange);
  });
  client.on('error', (error) => lost(error.message));
  client.on('end', () => lost('ended'));
  session = client;
  try {
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
  } catch (error) {
    session = null;
    await client.end().catch(() => undefined);
    throw error;
  }
}

async function close(): Promise<void> {
  const client = session;
  session = null;
  await client?.end().catch(() => undefined);
}

function broadcast(event: LiveEvent): void {
  for (const listener of listeners) listener(event);
}
