'use client';

import type { User } from '@parity/domain';
import { routes } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { useViewer } from '@/auth/use-viewer';
import { Loading } from '@/components/loading';

/**
 * Renders an account page for the signed-in user. The proxy already sends visitors to sign in;
 * this covers a session that ends while the page is open (signed out in another tab, or the
 * account deleted).
 */
export function RequireViewer({ children }: { children: (viewer: User) => ReactNode }) {
  const viewer = useViewer();
  const router = useRouter();
  useEffect(() => {
    if (viewer === null) router.replace(routes.signIn);
  }, [viewer, router]);
  return viewer ? children(viewer) : <Loading />;
}
