/**
 * `pnpm load`: each built app, one after the other so they do not compete for the two cores, started
 * on its stack by its own e2e runner (the suite fills the pages), then driven by `drive.ts` at 10, 50
 * and 100 connections. Writes results/load.json (read by tooling/compare) and results/report.md from the per-app results.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { writeReport } from './report';

const apps = ['neon-drizzle', 'supabase', 'convex'] as const;
// PARITY_LOAD_APPS=neon-drizzle,… runs only those again; the report keeps the others' last results.
const only = process.env.PARITY_LOAD_APPS?.split(',');
const results = new URL('../results/', import.meta.url);

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

function runApp(app: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // The specs that fill the feed, tag and post pages the reads walk; the rest add nothing they
    // need and take minutes on this shared machine.
    const suiteArgs = ['posts.spec.ts', 'tags.spec.ts'];
    const child = spawn('pnpm', ['--filter', `@parity/${app}`, 'e2e', ...suiteArgs], {
      stdio: 'inherit',
      env: { ...process.env, PARITY_LOAD: 'full', PARITY_APP_PORT: String(port) },
    });
    running = child;
    child.once('error', reject);
    child.once('exit', (code) => {
      running = undefined;
      resolve(code ?? 1);
    });
  });
}

// Ctrl-C or SIGTERM: the runner stops the app and its services (run-app.ts) before this exits.
let running: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (!running) process.exit(130);
    running.once('exit', () => process.exit(130));
    running.kill(signal);
  });
}

const failed: string[] = [];
for (const app of apps.filter((name) => !only || only.includes(name))) {
  rmSync(new URL(`${app}.json`, results), { force: true });
  if ((await runApp(app, await freePort())) !== 0) failed.push(app);
}

console.log(writeReport(apps, failed));
process.exit(failed.length ? 1 : 0);
