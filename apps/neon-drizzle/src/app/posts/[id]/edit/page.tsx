import type { Metadata } from 'next';
import { NotFoundNotice, PostForm } from '@parity/ui';
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
  // The same notice as the post page (which renders it itself so it can follow a restore in place).
  if (!post) return <NotFoundNotice what="Post" />;
  // Another user's published post opens too: the data layer refuses the save (FORBIDDEN).
  return <PostForm post={post} onSubmit={editPostAction.bind(null, id)} />;
}
