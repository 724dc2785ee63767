/**
 * Runs the shared Playwright suite (tooling/e2e) against this app on the deployment at CONVEX_URL:
 * a production build with that URL inlined (the browser bundle carries it), then `next start` on
 * the e2e port. Without CONVEX_URL it says so and runs nothing: there is no Convex backend on
 * these machines, and a suite that cannot reach one proves nothing. Whatever it starts is stopped
 * again, on failure and Ctrl-C too. Exits with the suite's code.
 *
 * The deployment must already run this app's functions with Convex Auth configured (README:
 * "End-to-end tests").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const E2E_PORT = 3103;
const appRoot = fileURLToPath(new URL('..', import.meta.url));
const baseUrl = `http://127.0.0.1:${E2E_PORT}`;
const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');

const convexUrl = process.env.CONVEX_URL;
if (!convexUrl) {
  console.log(
    'e2e (convex): NOT RUN — CONVEX_URL is not set: the suite needs a Convex deployment running ' +
      "this app's functions, and none can run on this machine (see apps/convex/README.md).",
  );
  process.exit(0);
}

const children = new Set<ChildProcess>();

function run(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  // Its own process group, so that stopping it stops what it started too (pnpm → playwright → chromium).
  const child = spawn(command, args, {
    cwd: appRoot,
    env: { ...process.env, ...env },
    stdio: 'inherit',
    detached: true,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exitCode(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map((child) => {
      const exited = exitCode(child);
      process.kill(-child.pid!, 'SIGTERM');
      return exited;
    }),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

async function waitForApp(app: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`next start exited with code ${app.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/signin`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer on ${baseUrl} within ${timeoutMs / 1000}s`);
}

async function main(deployment: string): Promise<number> {
  const env = { NEXT_PUBLIC_CONVEX_URL: deployment };
  const built = await exitCode(run(process.execPath, [nextCli, 'build'], env));
  if (built !== 0) throw new Error(`next build failed with code ${built}`);

  const app = run(process.execPath, [nextCli, 'start', '--port', String(E2E_PORT)], env);
  await waitForApp(app);
  console.log(`e2e (convex): app on ${baseUrl}, deployment ${deployment}`);

  return exitCode(
    run('pnpm', ['--filter', '@parity/e2e', 'suite'], { E2E_BASE_URL: baseUrl, E2E_APP: 'convex' }),
  );
}

let code = 1;
try {
  code = await main(convexUrl);
} catch (error) {
  console.error('e2e (convex):', error instanceof Error ? error.message : error);
} finally {
  await stopAll();
}
process.exit(code);
