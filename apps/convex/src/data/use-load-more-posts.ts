'use client';

import { runAction } from '@parity/ui';
import { useConvex } from 'convex/react';
import { api } from '@/convex/_generated/api';
import { mapErrors } from './contract-errors';

/** A listPosts query of a list page, without its cursor. */
export type PostsQuery = Record<'limit', number> & Partial<Record<'authorId' | 'tag', string>>;

/**
 * "Load more": the next page of the same listPosts query from its cursor, fetched once. The first
 * page stays live (useQuery); later pages are the keyset continuation, which never repeats a post.
 */
export function useLoadMorePosts(query: PostsQuery) {
  const convex = useConvex();
  return (cursor: string) =>
    runAction(() => mapErrors(convex.query(api.posts.listPosts, { query: { ...query, cursor } })));
}
