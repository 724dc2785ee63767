import type { Metadata } from 'next';
import { NotFoundNotice, PostForm, routes } from '@parity/ui';
import { redirect } from 'next/navigation';
import { getPost } from '@/data';
import { getSupabase, getViewer } from '@/auth/session';
import { editPostAction } from '../../../actions/posts';

export const metadata: Metadata = { title: 'Edit post' };

/** Whoever can see the post gets the form; only the author's save passes RLS. */
export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await getViewer())) redirect(routes.signIn);
  const post = await getPost(await getSupabase(), id);
  // The same notice as the post page (which renders it itself so it can follow a restore in place).
  if (!post) return <NotFoundNotice what="Post" />;
  return <PostForm post={post} onSubmit={editPostAction.bind(null, post.id)} />;
}
