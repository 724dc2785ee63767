import { normalizeTag } from '@parity/domain';
import { ErrorNotice, HomeHeading, PostList, TagCloud, TagFilter, runAction } from '@parity/ui';
import { POSTS_PER_PAGE } from '@parity/ui/routes';
import { getActor } from '@/auth/session';
import { listPosts } from '@/data/posts';
import { listTags } from '@/data/tags';
import { listPostsAction } from './actions/posts';
import { LiveUpdates } from './live-updates';

interface HomePageProps {
  searchParams: Promise<{ tag?: string | string[] }>;
}

export default async function HomePage({ searchParams }: HomePageProps) {
  const { tag } = await searchParams;
  const activeTag = typeof tag === 'string' ? tag : null;
  const filters = activeTag === null ? {} : { tag: activeTag };
  const actor = await getActor();
  const [posts, tags] = await Promise.all([
    // A filter that cannot be a tag is the visitor's input: shown as an error, not thrown.
    runAction(() => listPosts(actor, { ...filters, limit: POSTS_PER_PAGE })),
    listTags(),
  ]);

  return (
    <div className="grid gap-8 md:grid-cols-[1fr_14rem]">
      <LiveUpdates scope="feed" />
      <div className="space-y-6">
        <HomeHeading tag={activeTag} />
        <TagFilter activeTag={activeTag} />
        {posts.ok ? (
          <PostList page={posts.data} onLoadMore={listPostsAction.bind(null, filters)} />
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
