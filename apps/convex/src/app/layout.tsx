import '@parity/ui/styles.css';
import { ConvexAuthNextjsServerProvider } from '@convex-dev/auth/nextjs/server';
import type { SiblingApp } from '@parity/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { env } from '@/env';
import { MissingDeployment } from './missing-deployment';
import { Providers } from './providers';
import { OfflineHeader, SiteHeader } from './site-header';

// Defined here, in a server module: a value exported from a 'use client' file is only a reference
// on the server, so the metadata could not read it.
const APP_NAME = 'Parity · Convex';

export const metadata: Metadata = {
  // SPEC.md §8: a page with a fixed heading puts it first, e.g. "Sign in · Parity · Convex".
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: 'The Parity app on Convex: reactive queries, mutations and Convex Auth.',
};

// Typed: `pnpm create-app` leaves the list empty in a project of this app alone.
const siblings: SiblingApp[] = [
  { name: 'Neon + Drizzle', href: env.NEON_DRIZZLE_APP_URL },
  { name: 'Supabase', href: env.SUPABASE_APP_URL },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  if (!env.NEXT_PUBLIC_CONVEX_URL) {
    return (
      <Document>
        <Providers>
          <OfflineHeader appName={APP_NAME} siblings={siblings} />
          <Main>
            <MissingDeployment />
          </Main>
        </Providers>
      </Document>
    );
  }
  // Hands the session cookie's token to the browser client, so the first queries are signed in.
  return (
    <ConvexAuthNextjsServerProvider>
      <Document>
        <Providers>
          <SiteHeader appName={APP_NAME} siblings={siblings} />
          <Main>{children}</Main>
        </Providers>
      </Document>
    </ConvexAuthNextjsServerProvider>
  );
}

function Document({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-zinc-50 text-zinc-900 antialiased">{children}</body>
    </html>
  );
}

function Main({ children }: { children: ReactNode }) {
  return <main className="mx-auto max-w-4xl px-4 py-8">{children}</main>;
}
