import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/auth/server';

// Better Auth's HTTP endpoints (/api/auth/*). The app's forms call it through server actions instead.
export const { GET, POST } = toNextJsHandler((request) => getAuth().handler(request));
