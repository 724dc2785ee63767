import { normalizeTag } from '@parity/domain';
import { ErrorNotice, HomeHeading, POSTS_PER_PAGE, TagCloud, TagFilter, runAction } from '@parity/ui';
import { listPosts, listTags } from '@/data';
import { getSupabase } from '@/auth/session';
import { LiveUpdates } from './live-updates';
import { PostFeed } from './post-feed';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ tag?: string | string[] }>;
}) {
  const { tag } = await searchParams;
  const activeTag = typeof tag === 'string' ? tag : null;
  const filters = activeTag === null ? {} : { tag: activeTag };
  const supabase = await getSupabase();
  const [posts, tags] = await Promise.all([
    // A tag that cannot be one is the visitor's input: shown as an error, not thrown.
    runAction(() => listPosts(supabase, { ...filters, limit: POSTS_PER_PAGE })),
    listTags(supabase),
  ]);

  return (
    <div className="grid gap-8 md:grid-cols-[1fr_14rem]">
      <LiveUpdates scope="feed" />
      <div className="space-y-6">
        <HomeHeading tag={activeTag} />
        <TagFilter activeTag={activeTag} />
        {posts.ok ? (
          <PostFeed page={posts.data} filters={filters} />
        ) : (
          <ErrorNotice title="These posts cannot be listed" error={posts.error} />
        )}
      </div>
      <aside>
        <TagCloud tags={tags} activeTag={activeTag === null ? null : normalizeTag(activeTag)} />
      </aside>
    </div>
  );
}
