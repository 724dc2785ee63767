'use client';

import type { User } from '@parity/domain';
import { useConvexAuth, useQuery } from 'convex/react';
import { api } from '@/convex/_generated/api';

/**
 * The signed-in user, live: undefined until Convex Auth has settled whether there is a session
 * (so a page does not flash its visitor's view at its author), null for a visitor.
 */
export function useViewer(): User | null | undefined {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const viewer = useQuery(api.users.me, isAuthenticated ? {} : 'skip');
  if (isLoading) return undefined;
  return isAuthenticated ? viewer : null;
}
