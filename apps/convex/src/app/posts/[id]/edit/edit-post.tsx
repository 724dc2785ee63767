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
 * user's save is refused by updatePost itself (FORBIDDEN, shown in the form).
 */
export function EditPost({ postId }: { postId: string }) {
  return <RequireViewer>{() => <EditPostForm postId={postId} />}</RequireViewer>;
}

function EditPostForm({ postId }: { postId: string }) {
  const post = useQuery(api.posts.getPost, { postId });
  const updatePost = useMutation(api.posts.updatePost);
  const setPostTags = useMutation(api.posts.setPostTags);
  const router = useRouter();

  if (post === undefined) return <Loading />;
  if (post === null) return <NotFoundNotice what="Post" />;

  // Two mutations, as the contract has them: each appends its own audit entry when it changes something.
  const save = ({ tags, ...patch }: PostFormValues) =>
    runAction(async () => {
      await mapErrors(updatePost({ postId, patch }));
      return await mapErrors(setPostTags({ postId, tags }));
    });

  return <PostForm post={post} onSubmit={save} onSaved={() => router.push(routes.post(postId))} />;
}
