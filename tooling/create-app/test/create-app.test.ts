/**
 * Writes each app out with `createApp` into a temporary folder and, in each standalone project,
 * runs what its user would: install (from the lockfile it came with, packages from the local store
 * where they are), the format check, typecheck, the contract suite, a production build and one
 * Playwright page test.
 * The three projects run side by side; each step's output is shown only when it fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { appUrlVariable, createApp, PLATFORMS, type Platform } from '../src/create-app';

const folders: string[] = [];
const running = new Set<ChildProcess>();
afterAll(async () => {
  // A step still running (the test failed or timed out) is stopped with all it started.
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** The contract file, and for neon-drizzle one of its two driver projects (the default, WebSocket). */
const CONTRACT: Record<Platform, string[]> = {
  'neon-drizzle': ['contract/contract.test.ts', '--project', 'neon-drizzle websocket'],
  supabase: ['contract/contract.test.ts'],
  convex: ['contract/contract.test.ts', '--project', 'convex'],
};
const SMOKE = ['tests/auth.spec.ts', '-g', 'sign up signs the new user in'];

describe.concurrent('pnpm create-app', () => {
  for (const platform of PLATFORMS) {
    test(`${platform}: a standalone project that installs, typechecks, passes the contract and an e2e test`, async () => {
      const parent = await mkdtemp(join(tmpdir(), `parity-create-app-${platform}-`));
      folders.push(parent);
      // As root, embedded PostgreSQL runs as the postgres user, who must reach the project.
      await chmod(parent, 0o755);
      const { dir, appName, packages } = await createApp(platform, join(parent, `my-${platform}`));

      const others = PLATFORMS.filter((other) => other !== platform);
      // Versions written out; `workspace:` only for the packages inside (pnpm refuses any other).
      for (const folder of ['.', `apps/${platform}`, ...packages]) {
        expect(await readFile(join(dir, folder, 'package.json'), 'utf8')).not.toContain('"catalog:');
      }
      // The root files and every file of the app never name the other apps.
      const appFiles = (await readdir(join(dir, 'apps', platform), { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name));
      const texts = await Promise.all(
        [
          ...['package.json', 'pnpm-workspace.yaml', 'turbo.json', 'README.md'].map((file) =>
            join(dir, file),
          ),
          ...appFiles,
        ].map((file) => readFile(file, 'utf8')),
      );
      for (const other of others) {
        for (const text of texts) {
          expect(text).not.toContain(`@parity/${other}`);
          expect(text).not.toContain(`apps/${other}`);
          expect(text).not.toContain(appUrlVariable(other));
        }
      }
      const step = (args: string[], env: Record<string, string> = {}) => run(platform, dir, args, env);
      const inApp = (args: string[], env?: Record<string, string>) =>
        step(['--filter', appName, ...args], env);

      await step(['install', '--frozen-lockfile', '--prefer-offline']);
      await step(['exec', 'prettier', '--check', '.']);
      await inApp(['typecheck']);
      const contract = await inApp(['exec', 'vitest', 'run', ...CONTRACT[platform]]);
      const contractPassed = count(contract, /Tests\s+(?:\S+\s+)?(\d+) passed/);
      expect(contract).not.toMatch(/Tests\s+.*\d+ failed/);
      // The convex app builds inside its e2e run, with the local deployment's URL inlined.
      if (platform !== 'convex') await inApp(['build']);
      const e2e = await inApp(['e2e', ...SMOKE], { PARITY_APP_PORT: String(await freePort()) });
      const e2ePassed = count(e2e, /(\d+) passed/);
      console.log(`create-app ${platform}: contract ${contractPassed} passed, e2e ${e2ePassed} passed`);
      expect(contractPassed).toBeGreaterThanOrEqual(200);
      expect(e2ePassed).toBe(1);
    });
  }
});

function count(output: string, pattern: RegExp): number {
  // eslint-disable-next-line no-control-regex
  const match = output.replace(/\u001b\[[0-9;]*m/g, '').match(pattern);
  return match ? Number(match[1]) : 0;
}

/** Runs pnpm in the project and resolves with its output; rejects with it when the step fails. */
function run(platform: Platform, dir: string, args: string[], env: Record<string, string>): Promise<string> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Its own process group, so that afterAll can stop what it started (servers, PostgreSQL).
    const child = spawn('pnpm', args, { cwd: dir, env: { ...process.env, ...env }, detached: true });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`create-app ${platform}: pnpm ${args.join(' ')} → ${code} in ${seconds}s`);
      if (code === 0) resolve(output);
      else reject(new Error(`pnpm ${args.join(' ')} failed in ${dir} (exit ${code}):\n${output}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
