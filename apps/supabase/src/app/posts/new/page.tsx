import type { Metadata } from 'next';
import { PostForm, routes } from '@parity/ui';
import { redirect } from 'next/navigation';
import { getViewer } from '@/auth/session';
import { createPostAction } from '../../actions/posts';

export const metadata: Metadata = { title: 'New post' };

export default async function NewPostPage() {
  if (!(await getViewer())) redirect(routes.signIn);
  return <PostForm onSubmit={createPostAction} />;
}
