'use client';

import { NotFoundNotice, POSTS_PER_PAGE, PostList, ProfileView, UserPostsSection } from '@parity/ui';
import { useQuery } from 'convex/react';
import { Loading } from '@/components/loading';
import { useViewer } from '@/auth/use-viewer';
import { useLoadMorePosts } from '@/data/use-load-more-posts';
import { api } from '@/convex/_generated/api';

/** A user's public page: profile and posts (their drafts too, when they look at it themselves). */
export function UserPage({ userId }: { userId: string }) {
  const user = useQuery(api.users.getUser, { userId });
  const profile = useQuery(api.profiles.getProfile, { userId });
  const viewer = useViewer();
  const query = { authorId: userId, limit: POSTS_PER_PAGE };
  const page = useQuery(api.posts.listPosts, user ? { query } : 'skip');
  const loadMore = useLoadMorePosts(query);

  if (user === undefined || profile === undefined || viewer === undefined) return <Loading />;
  if (user === null) return <NotFoundNotice what="User" />;
  return (
    <div className="space-y-8">
      <ProfileView user={user} profile={profile} isOwner={viewer?.id === user.id} />
      <UserPostsSection>
        {page === undefined ? (
          <Loading />
        ) : (
          <PostList page={page} onLoadMore={loadMore} label={`Posts by ${user.name}`} />
        )}
      </UserPostsSection>
    </div>
  );
}
