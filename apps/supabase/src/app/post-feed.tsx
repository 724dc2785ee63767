'use client';

import type { Page, Post } from '@parity/domain';
import { POSTS_PER_PAGE, PostList, runAction } from '@parity/ui';
import { listPosts } from '@/data';
import { useSupabase } from './providers';

interface PostFeedProps {
  /** The first page, read on the server with the same filters. */
  page: Page<Post>;
  filters: { authorId?: string; tag?: string };
  label?: string;
  emptyMessage?: string;
}

/** Later pages are read in the browser, with the same session and RLS as the first one. */
export function PostFeed({ page, filters, label, emptyMessage }: PostFeedProps) {
  const supabase = useSupabase();
  return (
    <PostList
      page={page}
      label={label}
      emptyMessage={emptyMessage}
      onLoadMore={(cursor) =>
        runAction(() => listPosts(supabase, { ...filters, limit: POSTS_PER_PAGE, cursor }))
      }
    />
  );
}
