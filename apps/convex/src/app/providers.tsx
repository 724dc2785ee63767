'use client';

import { ConvexAuthNextjsProvider } from '@convex-dev/auth/nextjs';
import { LinkProvider } from '@parity/ui';
import { ConvexReactClient } from 'convex/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { env } from '@/env';

// One client per browser tab: it holds the WebSocket every useQuery subscribes through.
const convex = env.NEXT_PUBLIC_CONVEX_URL ? new ConvexReactClient(env.NEXT_PUBLIC_CONVEX_URL) : null;

/** Next.js links for @parity/ui, and Convex with Convex Auth's session when there is a deployment. */
export function Providers({ children }: { children: ReactNode }) {
  const linked = <LinkProvider component={Link}>{children}</LinkProvider>;
  return convex ? <ConvexAuthNextjsProvider client={convex}>{linked}</ConvexAuthNextjsProvider> : linked;
}
