/**
 * `pnpm --filter @parity/e2e suite`: runs the Playwright suite against the app at E2E_BASE_URL.
 * Each app's `e2e/run.ts` starts the app with its backend and calls it; without an app to test
 * the run fails, since nothing was tested.
 */
import { spawnSync } from 'node:child_process';

if (!process.env.E2E_BASE_URL) {
  console.error(
    `e2e ${process.env.E2E_APP ?? 'app'}: E2E_BASE_URL is unset: start an app and point E2E_BASE_URL at it`,
  );
  process.exit(1);
}

const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
