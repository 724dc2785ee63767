/**
 * The shared Playwright suite (tooling/e2e) against this app on the deployment at CONVEX_URL: a
 * production build with that URL inlined (the browser bundle carries it) behind `next start` on port
 * 3103. Without CONVEX_URL it says so and runs nothing: there is no Convex backend on these machines,
 * and a suite that cannot reach one proves nothing.
 *
 * The deployment must already run this app's functions with Convex Auth configured (README:
 * "End-to-end tests").
 */
import { fileURLToPath } from 'node:url';
import { runSuiteAgainstApp } from '@parity/e2e/run-app';

const convexUrl = process.env.CONVEX_URL;
if (!convexUrl) {
  console.log(
    'e2e (convex): NOT RUN — CONVEX_URL is not set: the suite needs a Convex deployment running ' +
      "this app's functions, and none can run on this machine (see apps/convex/README.md).",
  );
  process.exit(0);
}

await runSuiteAgainstApp({
  app: 'convex',
  appRoot: fileURLToPath(new URL('..', import.meta.url)),
  port: 3103,
  rebuild: true,
  start: () =>
    Promise.resolve({ env: { NEXT_PUBLIC_CONVEX_URL: convexUrl }, services: `deployment ${convexUrl}` }),
});
