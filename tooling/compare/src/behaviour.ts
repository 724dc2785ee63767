/**
 * Behaviour, from the run itself: each app's contract suite through vitest's JSON reporter, the
 * same `contract/` tests `npm test` runs, merged into one row per test with a result per platform.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import {
  PLATFORMS,
  type Behaviour,
  type Platform,
  type PlatformRun,
  type TestRow,
  type TestStatus,
} from './report';

// The part of vitest's JSON reporter (Jest's format) this report reads.
const vitestJson = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({
          ancestorTitles: z.array(z.string()),
          title: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).nullish(),
        }),
      ),
    }),
  ),
});
export type VitestJson = z.infer<typeof vitestJson>;

export function parseVitestJson(text: string): VitestJson {
  return vitestJson.parse(JSON.parse(text));
}

function toStatus(status: string): TestStatus {
  if (status === 'passed' || status === 'failed') return status;
  return 'skipped'; // vitest's 'skipped', 'pending' and 'todo'
}

/**
 * Where each app runs `describeContract`: its `contract/` adapter, and on Convex also the same
 * suite through real clients against the local deployment (vitest project `convex-offline`).
 */
const CONTRACT_FILES: Record<Platform, string[]> = {
  'neon-drizzle': ['contract/'],
  supabase: ['contract/'],
  convex: ['contract/', 'test/offline/contract.test.ts'],
};

/** Runs one app's contract suite; resolves with the parsed JSON, or with the error that stopped it. */
async function runContract(
  platform: Platform,
  outputFile: string,
  filter: string | null,
): Promise<{ json: VitestJson | null; durationMs: number; error: string | null }> {
  await rm(outputFile, { force: true });
  const args = [
    'exec',
    'vitest',
    'run',
    ...CONTRACT_FILES[platform],
    '--reporter=json',
    `--outputFile=${outputFile}`,
  ];
  if (filter) args.push('-t', filter);
  const started = performance.now();
  const child = spawn('pnpm', args, {
    cwd: join(REPO_ROOT, 'apps', platform),
    // In compare's process group: Ctrl-C reaches vitest, which stops the services it started.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const durationMs = performance.now() - started;
  const exited = `vitest exited with ${code}: ${lastLines(stderr)}`;
  if (!existsSync(outputFile)) return { json: null, durationMs, error: exited };
  const json = parseVitestJson(await readFile(outputFile, 'utf8'));
  // A file that could not load, or a non-zero exit no failed test explains (unhandled errors).
  const loadErrors = json.testResults.filter((file) => file.assertionResults.length === 0 && file.message);
  const failedTests = json.testResults.some((file) =>
    file.assertionResults.some((test) => test.status === 'failed'),
  );
  const error =
    loadErrors.map((file) => file.message!.split('\n')[0]).join('; ') ||
    (code !== 0 && !failedTests ? exited : null);
  return { json, durationMs, error };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 500) || '(no output)';
}

/** A test file's path from its app's folder, e.g. `test/offline/contract.test.ts`. */
function appPath(platform: Platform, file: string): string {
  return file.split(`/apps/${platform}/`).at(-1)!;
}

const SEVERITY: Record<TestStatus, number> = { missing: 0, passed: 1, skipped: 2, failed: 3 };

export function mergeRuns(results: Partial<Record<Platform, VitestJson>>): TestRow[] {
  const rows = new Map<string, TestRow>();
  for (const platform of PLATFORMS) {
    for (const file of results[platform]?.testResults ?? []) {
      for (const test of file.assertionResults) {
        const key = [...test.ancestorTitles, test.title].join(' › ');
        let row = rows.get(key);
        if (!row) {
          row = {
            title: test.title,
            group: test.ancestorTitles.join(' › '),
            results: { 'neon-drizzle': 'missing', supabase: 'missing', convex: 'missing' },
            failures: {},
          };
          rows.set(key, row);
        }
        // A platform may run the suite from several files (Convex: convex-test and the offline
        // deployment); its cell shows the worst of them, so one passing file never hides a failure.
        const status = toStatus(test.status);
        if (SEVERITY[status] > SEVERITY[row.results[platform]]) row.results[platform] = status;
        const message = test.failureMessages?.[0];
        if (test.status === 'failed' && message && !row.failures[platform]) {
          row.failures[platform] =
            `${appPath(platform, file.name)}: ${message.split('\n')[0]!.slice(0, 300)}`;
        }
      }
    }
  }
  return [...rows.values()];
}

export function countRun(
  platform: Platform,
  json: VitestJson | null,
  durationMs: number,
  error: string | null,
): PlatformRun {
  const statuses = (json?.testResults ?? []).flatMap((file) =>
    file.assertionResults.map((test) => toStatus(test.status)),
  );
  return {
    platform,
    passed: statuses.filter((status) => status === 'passed').length,
    failed: statuses.filter((status) => status === 'failed').length,
    skipped: statuses.filter((status) => status === 'skipped').length,
    durationMs: Math.round(durationMs),
    files: (json?.testResults ?? []).map((file) => appPath(platform, file.name)).sort(),
    error,
  };
}

export async function runBehaviour(options: {
  runsDir: string;
  filter: string | null;
  progress(message: string): void;
}): Promise<Behaviour> {
  const results: Partial<Record<Platform, VitestJson>> = {};
  const runs: PlatformRun[] = [];
  // One platform after another: the machine has two cores and each suite starts its own services.
  for (const platform of PLATFORMS) {
    options.progress(`behaviour: ${platform} contract suite…`);
    const { json, durationMs, error } = await runContract(
      platform,
      join(options.runsDir, `${platform}.json`),
      options.filter,
    );
    if (json) results[platform] = json;
    const run = countRun(platform, json, durationMs, error);
    runs.push(run);
    options.progress(
      `behaviour: ${platform}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped in ${(run.durationMs / 1000).toFixed(1)} s` +
        (run.error ? ` — ${run.error}` : ''),
    );
  }
  // A filtered run marks every test outside the filter as skipped: those rows say nothing.
  const tests = mergeRuns(results).filter(
    (row) => !options.filter || PLATFORMS.some((platform) => row.results[platform] !== 'skipped'),
  );
  return { filter: options.filter, runs, tests };
}
