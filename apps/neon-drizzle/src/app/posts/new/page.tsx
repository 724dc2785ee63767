import type { Metadata } from 'next';
import { PostForm } from '@parity/ui';
import { requireActor } from '@/auth/session';
import { createPostAction } from '../../actions/posts';

export const metadata: Metadata = { title: 'New post' };

export default async function NewPostPage() {
  await requireActor();
  return <PostForm onSubmit={createPostAction} />;
}
