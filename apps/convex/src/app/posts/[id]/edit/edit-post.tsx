'use client';

import { NotFoundNotice, PostForm, routes, runAction, type PostFormValues } from '@parity/ui';
import { useMutation, useQuery } from 'convex/react';
import { useRouter } from 'next/navigation';
import { Loading } from '@/components/loading';
import { RequireViewer } from '@/auth/require-viewer';
import { mapErrors } from '@/data/contract-errors';
import { api } from '@/convex/_generated/api';

/**
 * The edit form for whoever can see the post: authorship is the platform's rule, so another
 * user's save is refused by editPost itself (FORBIDDEN, shown in the form).
 */
export function EditPost({ postId }: { postId: string }) {
  return <RequireViewer>{() => <EditPostForm postId={postId} />}</RequireViewer>;
}

function EditPostForm({ postId }: { postId: string }) {
  const post = useQuery(api.posts.getPost, { postId });
  const editPost = useMutation(api.posts.editPost);
  const router = useRouter();

  if (post === undefined) return <Loading />;
  if (post === null) return <NotFoundNotice what="Post" />;

  // One mutation, one transaction: the fields and the tags are saved together or not at all.
  const save = (edit: PostFormValues) => runAction(() => mapErrors(editPost({ postId, edit })));

  return <PostForm post={post} onSubmit={save} onSaved={() => router.push(routes.post(postId))} />;
}
