import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/** The app's environment, validated on first import. */
export const env = createEnv({
  server: {
    /** The same app on the other two platforms, linked from the header. */
    NEON_DRIZZLE_APP_URL: z.url().default('http://localhost:3001'),
    SUPABASE_APP_URL: z.url().default('http://localhost:3002'),
  },
  client: {
    /**
     * The deployment (`https://<name>.convex.cloud`), inlined into the browser bundle at build
     * time. Optional so that `next build` works without one: the pages then say how to set it.
     */
    NEXT_PUBLIC_CONVEX_URL: z.url().optional(),
  },
  runtimeEnv: {
    NEON_DRIZZLE_APP_URL: process.env.NEON_DRIZZLE_APP_URL,
    SUPABASE_APP_URL: process.env.SUPABASE_APP_URL,
    NEXT_PUBLIC_CONVEX_URL: process.env.NEXT_PUBLIC_CONVEX_URL,
  },
  emptyStringAsUndefined: true,
});
