/**
 * What every app's `e2e/run.ts` shares: start the app's services, `next start` the production build on
 * a free port (or PARITY_APP_PORT) with env pointing at them, wait for it, run this suite
 * unchanged against it, then the load smoke (tooling/load; the full load when PARITY_LOAD=full, as
 * `pnpm load` sets) on the pages the suite filled, and stop everything again — on failure and Ctrl-C
 * too. The process exits with the first failing code. Only `start` differs between platforms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Stop = () => Promise<void>;

export interface AppUnderTest {
  /** Names the report folders and the log lines: 'neon-drizzle', 'supabase', 'convex'. */
  app: string;
  /** The app's folder (the one with package.json and .next). */
  appRoot: string;
  /** Starts the app's services, registering how to stop each; returns the env for `next start`. */
  start(context: { baseUrl: string; onStop(stop: Stop): void }): Promise<{
    env: Record<string, string>;
    services: string;
    databaseUrl?: string;
    /**
     * Stops the app's backend service and starts it again on the same address (the offline
     * Supabase API, PostgreSQL, the local Convex deployment's server), for tests/restart.spec.ts:
     * pages stay open across it.
     */
    restart?: () => Promise<void>;
    /**
     * Stops the backend's process and starts a new one on the same address: a new, empty backend
     * with new keys (the local Convex deployment), for tests/replace.spec.ts. Two steps, so a test
     * can act while nothing answers.
     */
    replace?: { stop: () => Promise<void>; start: () => Promise<void> };
  }>;
  /** Build again with the env `start` returned (when it inlines values into the browser bundle). */
  rebuild?: boolean;
}

export async function runSuiteAgainstApp(target: AppUnderTest): Promise<never> {
  const stops: Stop[] = [];
  const children = new Set<ChildProcess>();
  const log = (message: string) => console.log(`e2e (${target.app}): ${message}`);
  // A free port, so turbo can run every app's e2e at once (the developers' guide asks for it).
  const port = Number(process.env.PARITY_APP_PORT ?? (await freePort()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextCli = createRequire(join(target.appRoot, 'package.json')).resolve('next/dist/bin/next');
  // A project written by `pnpm create-app` has the e2e suite but not the load tool.
  const loadTool = existsSync(fileURLToPath(new URL('../load/package.json', import.meta.url)));

  function run(command: string, args: string[], env: Record<string, string>): ChildProcess {
    // Its own process group, so stopping it stops what it started too (pnpm → playwright → chromium).
    const child = spawn(command, args, {
      cwd: target.appRoot,
      env: { ...process.env, ...env },
      stdio: 'inherit',
      detached: true,
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  async function stopAll(): Promise<void> {
    await Promise.all(
      [...children].map((child) => {
        const exited = exitCode(child);
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // Its group is gone already (it exited in between): nothing to stop, and the services
          // below must still be stopped.
        }
        return exited.catch(() => 1);
      }),
    );
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`e2e (${target.app}): stopping failed:`, error));
    }
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }

  async function main(): Promise<number> {
    const { env, services, databaseUrl, restart, replace } = await target.start({
      baseUrl,
      onStop: (stop) => stops.push(stop),
    });
    if (target.rebuild) {
      const built = await exitCode(run(process.execPath, [nextCli, 'build'], env));
      if (built !== 0) throw new Error(`next build failed with code ${built}`);
    } else if (!existsSync(join(target.appRoot, '.next', 'BUILD_ID'))) {
      throw new Error(
        `No production build: run \`pnpm turbo run build --filter @parity/${target.app}\` first`,
      );
    }
    // Under `pnpm load`, the server's inspector, for the load driver to read its V8 heap (drive.ts).
    const inspectPort = process.env.PARITY_LOAD === 'full' ? await freePort() : null;
    const app = run(
      process.execPath,
      [
        ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
        nextCli,
        'start',
        '--port',
        String(port),
      ],
      env,
    );
    await waitForApp(app, baseUrl);
    log(`app on ${baseUrl}, ${services}`);
    const appEnv: Record<string, string> = { E2E_BASE_URL: baseUrl, E2E_APP: target.app };
    const controls = {
      ...(restart ? { '/restart': restart } : {}),
      ...(replace ? { '/replace/stop': replace.stop, '/replace/start': replace.start } : {}),
    };
    if (restart || replace) {
      const control = await serveControl(controls);
      stops.push(() => new Promise((resolve) => control.server.close(() => resolve())));
      if (restart) appEnv.E2E_RESTART_URL = `${control.url}/restart`;
      if (replace) appEnv.E2E_REPLACE_URL = `${control.url}/replace`;
    }
    const suite = await exitCode(
      run('pnpm', ['--filter', '@parity/e2e', 'suite', ...process.argv.slice(2)], appEnv),
    );
    const full = process.env.PARITY_LOAD === 'full';
    // Under `pnpm load` the suite only fills the pages, so a failed test does not stop the measurement.
    if (suite !== 0 && !full) return suite;
    if (!loadTool) {
      log('no load smoke: tooling/load is not in this workspace');
      return suite;
    }
    const load = await exitCode(
      run('pnpm', ['--filter', '@parity/load', 'drive', ...(full ? [] : ['--smoke'])], {
        // The app's own env: where its pages send writes (CONVEX_URL, SUPABASE_URL) and where its
        // data layer reads from, for the check after the writes.
        ...env,
        ...appEnv,
        PARITY_APP_ROOT: target.appRoot,
        PARITY_APP_PGID: String(app.pid),
        ...(inspectPort ? { PARITY_APP_INSPECT_PORT: String(inspectPort) } : {}),
        PARITY_RUNNER_PID: String(process.pid),
        ...(databaseUrl ? { PARITY_APP_DATABASE_URL: databaseUrl } : {}),
      }),
    );
    return suite || load;
  }

  let code = 1;
  try {
    code = await main();
  } catch (error) {
    console.error(`e2e (${target.app}):`, error instanceof Error ? error.message : error);
  } finally {
    await stopAll();
  }
  process.exit(code);
}

/**
 * `POST /restart` restarts the backend, `POST /replace/stop` and `/replace/start` replace its
 * process; each answers once done: how the suite's restart and replace specs, in Playwright's
 * process, reach the services this process holds. Steps run one after another, in the order asked.
 */
async function serveControl(
  steps: Record<string, () => Promise<void>>,
): Promise<{ server: Server; url: string }> {
  let previous: Promise<unknown> = Promise.resolve();
  const server = createHttpServer((request, response) => {
    const step = request.method === 'POST' ? steps[request.url ?? ''] : undefined;
    if (!step) {
      response.writeHead(404).end();
      return;
    }
    const running = previous.then(step);
    previous = running.catch(() => undefined);
    running.then(
      () => response.writeHead(204).end(),
      (error: unknown) => {
        console.error(`e2e: ${request.url} of the backend failed:`, error);
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function exitCode(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForApp(app: ChildProcess, baseUrl: string, timeoutMs = 60_000): Promise<void> {
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
