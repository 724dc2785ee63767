import type { Metadata } from 'next';
import { PostForm } from '@parity/ui';
import { notFound } from 'next/navigation';
import { requireActor } from '@/auth/session';
import { getPost } from '@/data/posts';
import { editPostAction } from '../../../actions/posts';

export const metadata: Metadata = { title: 'Edit post' };

interface EditPostPageProps {
  params: Promise<{ id: string }>;
}

export default async function EditPostPage({ params }: EditPostPageProps) {
  const { id } = await params;
  const actor = await requireActor();
  const post = await getPost(actor, id);
  if (!post) notFound();
  // Another user's published post opens too: the data layer refuses the save (FORBIDDEN).
  return <PostForm post={post} onSubmit={editPostAction.bind(null, id)} />;
}
