'use client';

import { PostForm, routes, runAction } from '@parity/ui';
import { useMutation } from 'convex/react';
import { useRouter } from 'next/navigation';
import { RequireViewer } from '@/auth/require-viewer';
import { mapErrors } from '@/data/contract-errors';
import { api } from '@/convex/_generated/api';

export function NewPost() {
  const createPost = useMutation(api.posts.createPost);
  const router = useRouter();
  return (
    <RequireViewer>
      {() => (
        <PostForm
          onSubmit={(values) => runAction(() => mapErrors(createPost({ post: { ...values } })))}
          onSaved={(post) => router.push(routes.post(post.id))}
        />
      )}
    </RequireViewer>
  );
}
