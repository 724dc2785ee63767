import '@parity/ui/styles.css';
import { AppHeader } from '@parity/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { env } from '@/env';
import { getViewer } from '@/auth/session';
import { signOutAction } from './actions/auth';
import { Providers } from './providers';

const APP_NAME = 'Parity · Supabase';

export const metadata: Metadata = {
  // SPEC.md §8: a page with a fixed heading puts it first, e.g. "Sign in · Parity · Supabase".
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: 'The Parity app on Supabase: RLS, supabase-js and @supabase/ssr cookie sessions.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body className="bg-zinc-50 text-zinc-900 antialiased">
        <Providers supabase={{ url: env.SUPABASE_URL, anonKey: env.SUPABASE_ANON_KEY }}>
          <AppHeader
            appName={APP_NAME}
            siblings={[
              { name: 'Neon + Drizzle', href: env.NEON_DRIZZLE_APP_URL },
              { name: 'Convex', href: env.CONVEX_APP_URL },
            ]}
            viewer={viewer && { id: viewer.id, name: viewer.name }}
            onSignOut={signOutAction}
          />
          <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
