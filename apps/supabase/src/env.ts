import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/**
 * The app's environment, validated on first import. Server only: the browser client gets the URL
 * and anon key from the root layout at request time, so one build runs against any project.
 */
export const env = createEnv({
  server: {
    /** The project's API URL (locally the offline Supabase API). */
    SUPABASE_URL: z.url(),
    /** The anon key: public by design, RLS decides what it may do. */
    SUPABASE_ANON_KEY: z.string().min(1),
    /** The same app on the other two platforms, linked from the header. */
    NEON_DRIZZLE_APP_URL: z.url().default('http://localhost:3001'),
    CONVEX_APP_URL: z.url().default('http://localhost:3003'),
  },
  client: {},
  runtimeEnv: {
    SUPABASE_URL: process.env.SUPABASE_URL,
    SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY,
    NEON_DRIZZLE_APP_URL: process.env.NEON_DRIZZLE_APP_URL,
    CONVEX_APP_URL: process.env.CONVEX_APP_URL,
  },
  // Every page is rendered per request, so `next build` needs no project values.
  skipValidation: process.env.NEXT_PHASE === 'phase-production-build',
  emptyStringAsUndefined: true,
});
