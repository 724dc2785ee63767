'use client';

import { useAuthActions } from '@convex-dev/auth/react';
import { AppHeader, routes, type SiblingApp } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { useViewer } from '@/auth/use-viewer';

export const APP_NAME = 'Parity · Convex';

/** The header with the signed-in user, read live: a renamed user shows the new name at once. */
export function SiteHeader({ siblings }: { siblings: SiblingApp[] }) {
  const viewer = useViewer();
  const { signOut } = useAuthActions();
  const router = useRouter();

  async function handleSignOut() {
    await signOut();
    router.push(routes.home);
  }

  return (
    <AppHeader
      appName={APP_NAME}
      siblings={siblings}
      viewer={viewer ? { id: viewer.id, name: viewer.name } : null}
      onSignOut={handleSignOut}
    />
  );
}

/** The header without a deployment: nobody can sign in, the sibling apps are still linked. */
export function OfflineHeader({ siblings }: { siblings: SiblingApp[] }) {
  return <AppHeader appName={APP_NAME} siblings={siblings} viewer={null} onSignOut={() => {}} />;
}
