import { DeletedPostNotice, NotFoundNotice, PostView, isOwnDeletedPost, runAction } from '@parity/ui';
import { getActor } from '@/auth/session';
import { auditLog } from '@/data/audit';
import { getPost } from '@/data/posts';
import { deletePostAction, restorePostAction } from '../../actions/posts';
import { LiveUpdates } from '../../live-updates';

interface PostPageProps {
  params: Promise<{ id: string }>;
}

export default async function PostPage({ params }: PostPageProps) {
  const { id } = await params;
  const actor = await getActor();
  const post = await getPost(actor, id);
  const onRestore = restorePostAction.bind(null, id);

  if (!post) {
    // getPost hides a deleted post from everyone; its audit log still answers its author alone,
    // so that is how the author gets the restore button (SPEC.md §8). Missing and invisible posts
    // look the same, so existence does not leak. Rendered here rather than through notFound(): Next.js
    // leaves a not-found boundary on navigation only, and this page must follow a restore in place.
    const history = actor === null ? null : await runAction(() => auditLog(actor, id));
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

  const history = actor?.userId === post.authorId ? await auditLog(actor, id) : undefined;
  return (
    <>
      <LiveUpdates scope={`post:${id}`} />
      <PostView
        post={post}
        viewerId={actor?.userId ?? null}
        auditLog={history}
        onDelete={deletePostAction.bind(null, id)}
        onRestore={onRestore}
      />
    </>
  );
}
