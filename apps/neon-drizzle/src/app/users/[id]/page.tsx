import { PostList, ProfileView, UserPostsSection } from '@parity/ui';
import { POSTS_PER_PAGE } from '@parity/ui/routes';
import { notFound } from 'next/navigation';
import { getActor } from '@/auth/session';
import { listPosts } from '@/data/posts';
import { getProfile } from '@/data/profiles';
import { getUser } from '@/data/users';
import { listPostsAction } from '../../actions/posts';
import { LiveUpdates } from '../../live-updates';

interface UserPageProps {
  params: Promise<{ id: string }>;
}

export default async function UserPage({ params }: UserPageProps) {
  const { id } = await params;
  const actor = await getActor();
  const [user, profile, posts] = await Promise.all([
    getUser(id),
    getProfile(id),
    listPosts(actor, { authorId: id, limit: POSTS_PER_PAGE }),
  ]);
  if (!user) notFound();

  return (
    <div className="space-y-8">
      <LiveUpdates scope={`user:${user.id}`} />
      <ProfileView user={user} profile={profile} isOwner={actor?.userId === user.id} />
      <UserPostsSection>
        <PostList
          page={posts}
          onLoadMore={listPostsAction.bind(null, { authorId: id })}
          label={`Posts by ${user.name}`}
        />
      </UserPostsSection>
    </div>
  );
}
