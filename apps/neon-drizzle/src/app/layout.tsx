import '@parity/ui/styles.css';
import { AppHeader, type SiblingApp } from '@parity/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getViewer } from '@/auth/session';
import { env } from '@/env';
import { signOutAction } from './actions/auth';
import { Providers } from './providers';

const APP_NAME = 'Parity · Neon + Drizzle';

export const metadata: Metadata = {
  // SPEC.md §8: a page with a fixed heading puts it first, e.g. "Sign in · Parity · Neon + Drizzle".
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: 'The Parity domain on Neon + Drizzle, with Better Auth.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  // Typed: `pnpm create-app` leaves the list empty in a project of this app alone.
  const siblings: SiblingApp[] = [
    { name: 'Supabase', href: env.SUPABASE_APP_URL },
    { name: 'Convex', href: env.CONVEX_APP_URL },
  ];
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased">
        <Providers>
          <AppHeader appName={APP_NAME} siblings={siblings} viewer={viewer} onSignOut={signOutAction} />
          <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
