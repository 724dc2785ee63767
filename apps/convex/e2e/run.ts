/**
 * The shared Playwright suite (tooling/e2e) against this app's production build behind
 * `next start` on a free port. The build runs here, once the deployment's URL is known, as
 * `npx convex deploy --cmd 'npm run build'` does: NEXT_PUBLIC_CONVEX_URL is inlined into the browser
 * bundle, so turbo's `e2e` of this app does not depend on its `build` (apps/convex/README.md, "Tests").
 * The deployment is the one at CONVEX_URL when set (it must run this app's functions with Convex
 * Auth configured, README: "End-to-end tests"), else a local one that this run starts:
 * tooling/convex-offline with this app's functions. If that does not come up, the run fails.
 */
import { fileURLToPath } from 'node:url';
import { startConvexOfflineProcess } from '@parity/convex-offline/process';
import { runSuiteAgainstApp } from '@parity/e2e/run-app';

const appRoot = fileURLToPath(new URL('..', import.meta.url));

await runSuiteAgainstApp({
  app: 'convex',
  appRoot,
  rebuild: true,
  async start({ baseUrl, onStop }) {
    const deploymentUrl = process.env.CONVEX_URL;
    if (deploymentUrl) {
      return {
        env: { NEXT_PUBLIC_CONVEX_URL: deploymentUrl, CONVEX_URL: deploymentUrl },
        services: `deployment ${deploymentUrl}`,
      };
    }
    const start = (ports?: { port: number; sitePort: number }) =>
      startConvexOfflineProcess({
        appDir: appRoot,
        siteUrl: baseUrl,
        env: { AUTH_LOG_LEVEL: 'ERROR' },
        ...ports,
      });
    let server = await start();
    onStop(() => server.stop());
    const { url, siteUrl } = server;
    return {
      env: { NEXT_PUBLIC_CONVEX_URL: url, CONVEX_URL: url },
      services: `local deployment (tooling/convex-offline) on ${url}`,
      // The server restarts on the same ports with its data (tooling/convex-offline/README.md, "Restart").
      restart: () => server.restart(),
      // A new process is a new, empty deployment with a new key pair at the same URLs (same README).
      replace: {
        stop: () => server.stop(),
        start: async () => {
          server = await start({ port: Number(new URL(url).port), sitePort: Number(new URL(siteUrl).port) });
        },
      },
    };
  },
});
