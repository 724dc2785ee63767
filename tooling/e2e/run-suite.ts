/**
 * `pnpm --filter @parity/e2e suite`: runs the Playwright suite against the app at E2E_BASE_URL,
 * or says why it did not run: without an app there is nothing to test, and a Convex run without a
 * deployment must be reported as not run, never as passed. Each app's `e2e/run.ts` calls it.
 */
import { spawnSync } from 'node:child_process';

function notRun(app: string, reason: string): never {
  console.log(`e2e ${app}: not run (${reason})`);
  process.exit(0);
}

const app = process.env.E2E_APP ?? 'app';
if (app === 'convex' && !process.env.CONVEX_URL) {
  notRun(app, 'CONVEX_URL is unset: the Convex app has no deployment to read from');
}
if (!process.env.E2E_BASE_URL) {
  notRun(app, 'E2E_BASE_URL is unset: start an app and point E2E_BASE_URL at it');
}

const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
