import { DeletedPostNotice, NotFoundNotice, PostView, isOwnDeletedPost, runAction } from '@parity/ui';
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
    // so that is how the author gets the restore button (SPEC.md §8). Missing and invisible posts
    // look the same, so existence does not leak. Rendered here rather than through notFound(): Next.js
    // leaves a not-found boundary on navigation only, and this page must follow a restore in place.
    const history = viewer === null ? null : await runAction(() => auditLog(supabase, id));
    return (
      <>
        <LiveUpdates scope={`post:${id}`} />
        {isOwnDeletedPost(history) ? (
          <DeletedPostNotice onRestore={onRestore} />
        ) : (
          <NotFoundNotice what="Post" />
        )}
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
