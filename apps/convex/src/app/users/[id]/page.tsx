import { UserPage } from './user-page';

export default async function Page({ params }: PageProps<'/users/[id]'>) {
  const { id } = await params;
  return <UserPage userId={id} />;
}
