import type { Metadata } from 'next';
import { EditPost } from './edit-post';

export const metadata: Metadata = { title: 'Edit post' };

export default async function Page({ params }: PageProps<'/posts/[id]/edit'>) {
  const { id } = await params;
  return <EditPost postId={id} />;
}
