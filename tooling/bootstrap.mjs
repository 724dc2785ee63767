#!/usr/bin/env node
// Lets `npm start` / `npm test` work on a machine with only Node and npm: it brings in the pnpm
// version pinned in package.json (into .cache/, not globally) when the one on PATH differs,
// installs the workspace, then hands over to `pnpm run <script>`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = packageManager.replace(/^pnpm@/, '');
const [command, script, ...rest] = process.argv.slice(2);
if (command !== 'run' || !script) {
  console.error('usage: node tooling/bootstrap.mjs run <script> [args...]');
  process.exit(2);
}

function pnpmVersionOnPath(env) {
  try {
    return execFileSync('pnpm', ['--version'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const env = { ...process.env };
if (pnpmVersionOnPath(env) !== wanted) {
  const prefix = path.join(root, '.cache', 'pnpm');
  const bin = path.join(prefix, 'node_modules', '.bin');
  if (!existsSync(path.join(bin, 'pnpm'))) {
    console.log(`bootstrap: installing pnpm@${wanted} into .cache/pnpm`);
    run('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, `pnpm@${wanted}`], process.env);
  }
  env.PATH = `${bin}${path.delimiter}${env.PATH}`;
}

run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])], env);
run('pnpm', ['run', script, ...rest], env);

function run(cmd, args, runEnv) {
  const result = spawnSync(cmd, args, { cwd: root, env: runEnv, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}
