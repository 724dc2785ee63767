import { Home } from './home';

export default async function HomePage({ searchParams }: PageProps<'/'>) {
  const { tag } = await searchParams;
  return <Home tag={typeof tag === 'string' && tag !== '' ? tag : null} />;
}
