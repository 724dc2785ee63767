'use client';

import { ErrorNotice, HomeHeading, POSTS_PER_PAGE, PostList, TagCloud, TagFilter } from '@parity/ui';
import { useQuery } from 'convex/react';
import { Loading } from '@/components/loading';
import { useLoadMorePosts, type PostsQuery } from '@/data/use-load-more-posts';
import { useQueryResult } from '@/data/use-query-result';
import { api } from '@/convex/_generated/api';

/** Every visible post, newest first, live; `tag` filters it (the platform normalizes it). */
export function Home({ tag }: { tag: string | null }) {
  const query: PostsQuery = tag === null ? { limit: POSTS_PER_PAGE } : { tag, limit: POSTS_PER_PAGE };
  const page = useQueryResult(api.posts.listPosts, { query });
  const tags = useQuery(api.tags.listTags);
  const loadMore = useLoadMorePosts(query);

  return (
    <div className="grid gap-8 md:grid-cols-[1fr_14rem]">
      <div className="space-y-6">
        <HomeHeading tag={tag} />
        <TagFilter activeTag={tag} />
        {page === undefined ? (
          <Loading />
        ) : page.ok ? (
          <PostList page={page.data} onLoadMore={loadMore} />
        ) : (
          <ErrorNotice title="These posts cannot be listed" error={page.error} />
        )}
      </div>
      <aside>{tags === undefined ? <Loading /> : <TagCloud tags={tags} activeTag={tag} />}</aside>
    </div>
  );
}
