import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/** The app's environment, validated on first import (server only: nothing here reaches the browser). */
export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    /** Neon's direct (non-pooled) endpoint, for the LISTEN behind live updates; DATABASE_URL if unset. */
    DATABASE_URL_UNPOOLED: z.url().optional(),
    /** Only locally: host:port/v2 of the local Neon proxy (its /sql serves the HTTP driver). */
    NEON_WS_PROXY: z.string().optional(),
    /** How the data layer reaches Neon: `websocket` (Pool, the default) or `http` (neon()); see README. */
    NEON_DRIVER: z.enum(['websocket', 'http']).default('websocket'),
    BETTER_AUTH_SECRET: z.string().min(32, 'At least 32 characters (openssl rand -base64 32)'),
    /** The URL the app is served on: Better Auth's base URL and trusted origin. */
    BETTER_AUTH_URL: z.url(),
    /** The same app on the other two platforms, linked from the header. */
    SUPABASE_APP_URL: z.url().default('http://localhost:3002'),
    CONVEX_APP_URL: z.url().default('http://localhost:3003'),
  },
  client: {},
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_URL_UNPOOLED: process.env.DATABASE_URL_UNPOOLED,
    NEON_WS_PROXY: process.env.NEON_WS_PROXY,
    NEON_DRIVER: process.env.NEON_DRIVER,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET,
    BETTER_AUTH_URL: process.env.BETTER_AUTH_URL,
    SUPABASE_APP_URL: process.env.SUPABASE_APP_URL,
    CONVEX_APP_URL: process.env.CONVEX_APP_URL,
  },
  emptyStringAsUndefined: true,
  // `next build` needs no database and no secret (every page renders per request): they are
  // checked when the server starts instead, so one build runs against any environment.
  skipValidation: process.env.NEXT_PHASE === 'phase-production-build',
});
