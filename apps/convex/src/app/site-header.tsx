'use client';

import { useAuthActions } from '@convex-dev/auth/react';
import { AppHeader, routes, type SiblingApp } from '@parity/ui';
import { useRouter } from 'next/navigation';
import { useViewer } from '@/auth/use-viewer';

/** The header with the signed-in user, read live: a renamed user shows the new name at once. */
export function SiteHeader({ appName, siblings }: { appName: string; siblings: SiblingApp[] }) {
  const viewer = useViewer();
  const { signOut } = useAuthActions();
  const router = useRouter();

  async function handleSignOut() {
    await signOut();
    router.push(routes.home);
  }

  return (
    <AppHeader
      appName={appName}
      siblings={siblings}
      viewer={viewer ? { id: viewer.id, name: viewer.name } : null}
      onSignOut={handleSignOut}
    />
  );
}

/** The header without a deployment: nobody can sign in, the sibling apps are still linked. */
export function OfflineHeader({ appName, siblings }: { appName: string; siblings: SiblingApp[] }) {
  return <AppHeader appName={appName} siblings={siblings} viewer={null} onSignOut={() => {}} />;
}
