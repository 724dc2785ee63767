'use client';

import { LinkProvider } from '@parity/ui';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** The shared components' internal links become next/link (client-side navigation, prefetching). */
export function Providers({ children }: { children: ReactNode }) {
  return <LinkProvider component={Link}>{children}</LinkProvider>;
}
