import {
  convexAuthNextjsMiddleware,
  createRouteMatcher,
  nextjsMiddlewareRedirect,
} from '@convex-dev/auth/nextjs/server';
import { routes } from '@parity/ui/routes';
import { NextResponse } from 'next/server';
import { env } from '@/env';

const requiresAccount = createRouteMatcher([routes.newPost, routes.me, '/posts/:id/edit']);

/**
 * Convex Auth's Next.js proxy: it answers the auth route (sign-in and sign-out set httpOnly
 * cookies), refreshes the session token, and sends visitors of the account pages to sign in.
 * Without a deployment there is nothing to authenticate against, and every page says so.
 */
export default env.NEXT_PUBLIC_CONVEX_URL
  ? convexAuthNextjsMiddleware(async (request, { convexAuth }) => {
      if (requiresAccount(request) && !(await convexAuth.isAuthenticated())) {
        return nextjsMiddlewareRedirect(request, routes.signIn);
      }
    })
  : () => NextResponse.next();

export const config = {
  // Every route but static files and Next.js internals, as Convex Auth's setup guide has it.
  matcher: ['/((?!.*\\..*|_next).*)', '/', '/(api|trpc)(.*)'],
};
