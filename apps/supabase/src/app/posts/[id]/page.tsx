import { DeletedPostNotice, PostView, isOwnDeletedPost, runAction } from '@parity/ui';
import { notFound } from 'next/navigation';
import { auditLog, getPost } from '@/data';
import { getSupabase, getViewer } from '@/auth/session';
import { deletePostAction, restorePostAction } from '../../actions/posts';
import { LiveUpdates } from '../../live-updates';

export default async function PostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [supabase, viewer] = await Promise.all([getSupabase(), getViewer()]);
  const post = await getPost(supabase, id);
  const onRestore = restorePostAction.bind(null, id);

  if (!post) {
    // getPost hides a deleted post from everyone; its audit log still answers its author alone,
    // so that is how the author gets the restore button (SPEC.md §8).
    const history = viewer === null ? null : await runAction(() => auditLog(supabase, id));
    if (!isOwnDeletedPost(history)) notFound();
    return (
      <>
        <LiveUpdates scope={`post:${id}`} />
        <DeletedPostNotice onRestore={onRestore} />
      </>
    );
  }

  const isAuthor = viewer?.id === post.authorId;
  return (
    <>
      <LiveUpdates scope={`post:${id}`} />
      <PostView
        post={post}
        viewerId={viewer?.id ?? null}
        auditLog={isAuthor ? await auditLog(supabase, id) : undefined}
        onDelete={deletePostAction.bind(null, id)}
        onRestore={onRestore}
      />
    </>
  );
}
