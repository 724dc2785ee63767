'use client';

import { DeletedPostNotice, NotFoundNotice, PostView, isOwnDeletedPost, runAction } from '@parity/ui';
import { useMutation, useQuery } from 'convex/react';
import { Loading } from '@/components/loading';
import { useViewer } from '@/auth/use-viewer';
import { mapErrors } from '@/data/contract-errors';
import { useQueryResult } from '@/data/use-query-result';
import { api } from '@/convex/_generated/api';

/**
 * A post, live. The history is the author's alone: auditLog is asked for when the viewer wrote
 * the post, or when getPost is null for a signed-in viewer — a post they deleted is out of
 * getPost's reach but its history answers, and then the page offers to restore it.
 */
export function PostPage({ postId }: { postId: string }) {
  const post = useQuery(api.posts.getPost, { postId });
  const viewer = useViewer();
  const askHistory = viewer != null && post !== undefined && (post === null || post.authorId === viewer.id);
  const history = useQueryResult(api.auditLogs.auditLog, askHistory ? { postId } : 'skip');
  const deletePost = useMutation(api.posts.deletePost);
  const restorePost = useMutation(api.posts.restorePost);

  const onDelete = () => runAction(() => mapErrors(deletePost({ postId })));
  const onRestore = () => runAction(() => mapErrors(restorePost({ postId })));

  if (post === undefined || viewer === undefined || (askHistory && history === undefined)) {
    return <Loading />;
  }
  if (post === null) {
    // SPEC.md §8: a readable history of a post getPost does not return is the author's deleted post.
    return isOwnDeletedPost(history) ? (
      <DeletedPostNotice onRestore={onRestore} />
    ) : (
      <NotFoundNotice what="Post" />
    );
  }
  return (
    <PostView
      post={post}
      viewerId={viewer?.id ?? null}
      auditLog={history?.ok ? history.data : undefined}
      onDelete={onDelete}
      onRestore={onRestore}
    />
  );
}
