/**
 * Runs the shared Playwright suite (tooling/e2e) against this app, built: PostgreSQL with the
 * migrations, the Neon WebSocket proxy, then `next start` on the e2e port with the env pointing
 * at them. Everything started here is stopped again, on failure and Ctrl-C too. Exits with the
 * suite's code. turbo runs `build` first (`pnpm turbo run e2e --filter @parity/neon-drizzle`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startNeonProxy, startPostgres } from '@parity/local-stack';
import packageJson from '../package.json' with { type: 'json' };
import { runMigrations } from '../src/db/migrate';

const E2E_PORT = 3101;
const appRoot = fileURLToPath(new URL('..', import.meta.url));
const baseUrl = `http://127.0.0.1:${E2E_PORT}`;

const stops: Array<() => Promise<void>> = [];
async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('e2e (neon-drizzle): stopping failed:', error);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));
}

function run(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { cwd: appRoot, env: { ...process.env, ...env }, stdio: 'inherit' });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForApp(child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/signin`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer on ${baseUrl} within ${timeoutMs / 1000}s`);
}

async function main(): Promise<number> {
  if (!existsSync(new URL('../.next/BUILD_ID', import.meta.url))) {
    throw new Error('No production build: run `pnpm --filter @parity/neon-drizzle build` first');
  }
  const postgres = await startPostgres();
  stops.push(() => postgres.stop());
  const databaseUrl = await postgres.createDatabase(packageJson.parity.database);
  const proxy = await startNeonProxy({ target: { host: postgres.host, port: postgres.port } });
  stops.push(() => proxy.stop());
  await runMigrations({ databaseUrl, wsProxy: proxy.wsProxy });

  const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const app = run(process.execPath, [nextCli, 'start', '--port', String(E2E_PORT)], {
    DATABASE_URL: databaseUrl,
    NEON_WS_PROXY: proxy.wsProxy,
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
    BETTER_AUTH_URL: baseUrl,
  });
  stops.push(async () => {
    if (app.exitCode !== null) return;
    const exited = exitCode(app);
    app.kill('SIGTERM');
    await exited;
  });
  await waitForApp(app);
  console.log(`e2e (neon-drizzle): app on ${baseUrl}, PostgreSQL through the Neon proxy on ${proxy.wsProxy}`);

  const suite = run('pnpm', ['--filter', '@parity/e2e', 'suite'], {
    E2E_BASE_URL: baseUrl,
    E2E_APP: 'neon-drizzle',
  });
  return exitCode(suite);
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('e2e (neon-drizzle):', error instanceof Error ? error.message : error);
} finally {
  await stopAll();
}
process.exit(code);
