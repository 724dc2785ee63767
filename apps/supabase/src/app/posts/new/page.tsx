import { PostForm, routes } from '@parity/ui';
import { redirect } from 'next/navigation';
import { getViewer } from '@/lib/session';
import { createPost } from '../../actions';

export default async function NewPostPage() {
  if (!(await getViewer())) redirect(routes.signIn);
  return <PostForm onSubmit={createPost} />;
}
