/**
 * Clone to first page: what a new user waits for. A fresh `git clone` of the committed repository,
 * then the README's `npm start` in it (pnpm into .cache/, `pnpm install`, PostgreSQL initialised and
 * migrated, the local services, `next dev` compiling the first page), timed until each app's home
 * page answers 200 with its `h1`. `npm start` uses fixed ports (README), so they must be free.
 * A default `pnpm compare` measures it and commits the result; a tiny run reads that result.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Platform } from './report';

export const FIRST_PAGE_RESULT = join(REPO_ROOT, 'tooling/compare/results/first-page.json');

const APP_PORTS: Record<Platform, number> = { 'neon-drizzle': 3001, supabase: 3002, convex: 3003 };
/** The other fixed ports `npm start` listens on (tooling/local-stack, tooling/convex-offline). */
const SERVICE_PORTS = [54321, 54322, 54330, 3210, 3211];
const TIMEOUT_MS = 15 * 60_000;

const firstPageSchema = z.object({
  measuredAt: z.string(),
  commit: z.string(),
  cloneMs: z.number(),
  loadAverage: z.number(),
  firstPageMs: z.record(z.enum(PLATFORMS), z.number()),
});
export type FirstPage = z.infer<typeof firstPageSchema>;

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function homePageAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(60_000) });
    return response.status === 200 && (await response.text()).includes('<h1');
  } catch {
    return false;
  }
}

export async function measureFirstPage(progress: (message: string) => void): Promise<FirstPage> {
  const busy = [];
  for (const port of [...Object.values(APP_PORTS), ...SERVICE_PORTS])
    if (await portInUse(port)) busy.push(port);
  if (busy.length > 0)
    throw new Error(`clone to first page needs npm start's ports; in use: ${busy.join(', ')}`);

  const dir = await mkdtemp(join(tmpdir(), 'parity-first-page-'));
  const started = performance.now();
  execFileSync('git', ['clone', '--quiet', REPO_ROOT, dir]);
  const cloneMs = Math.round(performance.now() - started);
  progress(`first page: cloned in ${(cloneMs / 1000).toFixed(1)} s; npm start in ${dir}…`);

  // Its own process group, so that the stop reaches npm, turbo, next and PostgreSQL alike.
  const { CI: _ci, ...env } = process.env;
  const child = spawn('npm', ['start'], { cwd: dir, env, detached: true, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const firstPageMs: Partial<Record<Platform, number>> = {};
  try {
    while (Object.keys(firstPageMs).length < PLATFORMS.length) {
      if (performance.now() - started > TIMEOUT_MS) throw new Error('no first page within 15 minutes');
      if (child.exitCode !== null)
        throw new Error(`npm start exited with ${child.exitCode} before every page answered`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const platform of PLATFORMS) {
        if (firstPageMs[platform] === undefined && (await homePageAnswers(APP_PORTS[platform]))) {
          firstPageMs[platform] = Math.round(performance.now() - started);
          progress(`first page: ${platform} after ${(firstPageMs[platform] / 1000).toFixed(1)} s`);
        }
      }
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
  const loadAverage = Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
  return {
    measuredAt: new Date().toISOString(),
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    }).trim(),
    cloneMs,
    loadAverage,
    firstPageMs: firstPageMs as Record<Platform, number>,
  };
}

export async function writeFirstPage(result: FirstPage): Promise<void> {
  await writeFile(FIRST_PAGE_RESULT, `${JSON.stringify(result, null, 2)}\n`);
}

/** The committed result, or null when none was measured yet. */
export async function readFirstPage(): Promise<FirstPage | null> {
  if (!existsSync(FIRST_PAGE_RESULT)) return null;
  return firstPageSchema.parse(JSON.parse(await readFile(FIRST_PAGE_RESULT, 'utf8')));
}
