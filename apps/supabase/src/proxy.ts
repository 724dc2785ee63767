import type { NextRequest } from 'next/server';
import { updateSession } from '@/data/supabase/proxy';

export function proxy(request: NextRequest) {
  return updateSession(request);
}

export const config = {
  // Pages and server actions; not the build's static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
