#!/usr/bin/env node
// `pnpm dev` / `npm start`: turbo runs every dev task (the local stack and the three apps). This
// wrapper adds what turbo does not: one banner once the apps answer, and a quiet Ctrl-C. turbo
// and each package's `pnpm run dev` report a stop by signal as a failure (ELIFECYCLE, "0
// successful"), so on Ctrl-C this script stops showing their output, ends the whole process
// group, checks that nothing is left, and exits 0.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Every app of the workspace with a `parity.url` in its package.json: the three here, the one in a
// project written by `pnpm create-app`.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APPS = readdirSync(path.join(root, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, 'apps', entry.name, 'package.json')))
  .map(
    (entry) => JSON.parse(readFileSync(path.join(root, 'apps', entry.name, 'package.json'), 'utf8')).parity,
  )
  .filter((parity) => parity?.url)
  .sort((a, b) => a.url.localeCompare(b.url));

// Known notices that say nothing about this project; everything else is shown as it comes.
const NOISE = [
  // supabase-js warns on every module load under Node 20 (engines allows >=20.19).
  /Node\.js 20 and below are deprecated/,
];

const env = {
  ...process.env,
  // No telemetry notices (and no telemetry) from turbo and Next.js.
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  // pnpm's update notice suggests a `curl | sh` install; the version is pinned in package.json.
  npm_config_update_notifier: 'false',
};

// Its own process group, so that a stop reaches turbo, pnpm, next and PostgreSQL alike.
const child = spawn('turbo', ['run', 'dev', '--ui=stream', ...process.argv.slice(2)], {
  cwd: root,
  env,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let stopping = false;

for (const stream of [child.stdout, child.stderr]) {
  createInterface({ input: stream }).on('line', (line) => {
    if (!stopping && !NOISE.some((pattern) => pattern.test(line))) console.log(line);
  });
}

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'manual' });
    return true;
  } catch {
    return false;
  }
}

async function bannerWhenReady() {
  const pending = new Set(APPS);
  while (pending.size > 0 && !stopping) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const app of [...pending]) if (await answers(app.url)) pending.delete(app);
  }
  if (stopping) return;
  const width = Math.max(...APPS.map((app) => app.title.length));
  console.log('\n  Parity is running:\n');
  for (const app of APPS) console.log(`    ${app.url}  ${app.title.padEnd(width)}  ${app.backend}`);
  console.log('');
  for (const data of new Set(APPS.map((app) => app.data))) {
    const titles = APPS.filter((app) => app.data === data).map((app) => app.title);
    console.log(`  Data (${titles.join(', ')}): ${data}`);
  }
  console.log('  Stop: Ctrl-C.\n');
}

function groupAlive() {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Parity…');
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
  for (let waited = 0; groupAlive() && waited < 15_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (groupAlive()) process.kill(-child.pid, 'SIGKILL');
  console.log('Stopped.');
  process.exit(0);
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code, signal) => {
  if (!stopping) process.exit(code ?? (signal ? 1 : 0));
});
void bannerWhenReady();
