import { PostForm, routes } from '@parity/ui';
import { notFound, redirect } from 'next/navigation';
import { getPost } from '@/lib/data';
import { getSupabase, getViewer } from '@/lib/session';
import { savePost } from '../../../actions';

/** Whoever can see the post gets the form; only the author's save passes RLS. */
export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await getViewer())) redirect(routes.signIn);
  const post = await getPost(await getSupabase(), id);
  if (!post) notFound();
  return <PostForm post={post} onSubmit={savePost.bind(null, post.id)} />;
}
