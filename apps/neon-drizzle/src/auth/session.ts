import { routes } from '@parity/ui/routes';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '../data/access';
import { getAuth } from './server';

/** The request's Better Auth session, looked up once per request (layout and page share it). */
const getSession = cache(async () => {
  // headers() first: it is what marks every page as rendered per request, even at build time.
  const requestHeaders = await headers();
  return getAuth().api.getSession({ headers: requestHeaders });
});

/** The signed-in user as the header shows them, or null for a visitor. */
export async function getViewer(): Promise<{ id: string; name: string } | null> {
  const session = await getSession();
  return session && { id: session.user.id, name: session.user.name };
}

/** The acting user every data-layer call takes. */
export async function getActor(): Promise<Actor> {
  const session = await getSession();
  return session && { userId: session.user.id };
}

/** For pages that need an account: a visitor is sent to sign in. */
export async function requireActor(): Promise<{ userId: string }> {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn);
  return actor;
}
