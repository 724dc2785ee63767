import { EditPost } from './edit-post';

export default async function Page({ params }: PageProps<'/posts/[id]/edit'>) {
  const { id } = await params;
  return <EditPost postId={id} />;
}
