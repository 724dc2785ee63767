import { DeletedPostNotice, PostView, runAction } from '@parity/ui';
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
    // A deleted post is hidden from its author too; only its audit log still reaches it, so that
    // is how the author gets the restore button. Everyone else sees "not found".
    const history = viewer ? await runAction(() => auditLog(supabase, id)) : null;
    if (!(history?.ok && history.data.at(-1)?.action === 'delete')) notFound();
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
