/**
 * Runs the shared Playwright suite (tooling/e2e) against this app, built: PostgreSQL with the
 * migrations, the offline Supabase API, then `next start` on the e2e port with the env pointing
 * at them. Everything started here is stopped again, on failure and Ctrl-C too. Exits with the
 * suite's code. turbo runs `build` first (`pnpm turbo run e2e --filter @parity/supabase`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '@parity/local-stack';
import { startSupabaseApi } from '@parity/supabase-offline';
import { applyMigrations } from '../test/apply-migrations';

const E2E_PORT = 3102;
const appRoot = fileURLToPath(new URL('..', import.meta.url));
const baseUrl = `http://127.0.0.1:${E2E_PORT}`;

const stops: Array<() => Promise<void>> = [];
async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('e2e (supabase): stopping failed:', error);
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
    throw new Error('No production build: run `pnpm --filter @parity/supabase build` first');
  }
  const postgres = await startPostgres();
  stops.push(() => postgres.stop());
  const databaseUrl = await postgres.createDatabase('supabase');
  await applyMigrations(databaseUrl);
  const api = await startSupabaseApi({ databaseUrl });
  stops.push(() => api.stop());

  const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const app = run(process.execPath, [nextCli, 'start', '--port', String(E2E_PORT)], {
    SUPABASE_URL: api.url,
    SUPABASE_ANON_KEY: api.anonKey,
  });
  stops.push(async () => {
    if (app.exitCode !== null) return;
    const exited = exitCode(app);
    app.kill('SIGTERM');
    await exited;
  });
  await waitForApp(app);
  console.log(`e2e (supabase): app on ${baseUrl}, Supabase API on ${api.url}`);

  const suite = run('pnpm', ['--filter', '@parity/e2e', 'suite'], {
    E2E_BASE_URL: baseUrl,
    E2E_APP: 'supabase',
  });
  return exitCode(suite);
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('e2e (supabase):', error instanceof Error ? error.message : error);
} finally {
  await stopAll();
}
process.exit(code);
