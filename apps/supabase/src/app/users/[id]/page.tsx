import { POSTS_PER_PAGE, ProfileView, UserPostsSection } from '@parity/ui';
import { notFound } from 'next/navigation';
import { getProfile, getUser, listPosts } from '@/data';
import { getSupabase, getViewer } from '@/auth/session';
import { LiveUpdates } from '../../live-updates';
import { PostFeed } from '../../post-feed';

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [supabase, viewer] = await Promise.all([getSupabase(), getViewer()]);
  const user = await getUser(supabase, id);
  if (!user) notFound();
  const filters = { authorId: user.id };
  const [profile, posts] = await Promise.all([
    getProfile(supabase, user.id),
    listPosts(supabase, { ...filters, limit: POSTS_PER_PAGE }),
  ]);

  return (
    <div className="space-y-8">
      <LiveUpdates scope={`user:${user.id}`} />
      <ProfileView user={user} profile={profile} isOwner={viewer?.id === user.id} />
      <UserPostsSection>
        <PostFeed
          page={posts}
          filters={filters}
          label={`Posts by ${user.name}`}
          emptyMessage={`${user.name} has not published anything yet.`}
        />
      </UserPostsSection>
    </div>
  );
}
