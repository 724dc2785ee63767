import type { AuthConfig } from 'convex/server';
import { env } from './_generated/server';

/** Convex Auth issues the tokens; the deployment trusts its own site URL as their issuer. */
export default {
  providers: [{ domain: env.CONVEX_SITE_URL!, applicationID: 'convex' }],
} satisfies AuthConfig;
