import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformName } from './exercises';

export interface CommandResult {
  code: number;
  /** stdout and stderr interleaved, the last 64 kB. */
  output: string;
}

// A contract run started from this package's own vitest must not look like one of its workers.
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
}

// A contract run that outlives this (its test timed out) is stopped with its whole process group:
// pnpm, vitest, its workers and the servers its globalSetup started.
const RUN_TIMEOUT_MS = 25 * 60_000;

export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...childEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stopGroup = () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    };
    const timer = setTimeout(stopGroup, RUN_TIMEOUT_MS);
    process.once('exit', stopGroup);
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-65_536);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('exit', stopGroup);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Like run, but a non-zero exit is an error carrying the output. */
export async function runOrThrow(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.code}:\n${result.output}`);
  }
  return result.output;
}

export interface TestOutcome {
  title: string;
  /** The titles of the describe blocks around it, outermost first. */
  ancestorTitles: string[];
  status: 'passed' | 'failed';
  /** The first lines of the first failure message. */
  failure: string | null;
}

// The contract of one platform, as its own test task runs it (the app's vitest project and
// globalSetup start the stack). Neon's suites run once per driver there; one driver is enough here.
const PROJECT_ARGS: Record<PlatformName, string[]> = {
  'neon-drizzle': ['--project', 'neon-drizzle websocket'],
  supabase: [],
  convex: ['--project', 'convex'],
};

interface VitestJsonReport {
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{
      title: string;
      ancestorTitles: string[];
      status: string;
      failureMessages?: string[];
    }>;
  }>;
}

/**
 * Runs the contract of `platform` in the repository at `root` (the developer's, or a copy), all of
 * it or only the tests whose full name matches `filter`, and returns each test that ran.
 */
export function runContract(root: string, platform: PlatformName, filter?: string): Promise<VitestRun> {
  const args = [...PROJECT_ARGS[platform], 'contract/contract.test.ts'];
  return runVitest(join(root, 'apps', platform), args, `The ${platform} contract`, filter);
}

/** packages/ui's tests (the pages' components) in the repository at `root`, all or those matching `filter`. */
export function runUiTests(root: string, filter?: string): Promise<VitestRun> {
  return runVitest(join(root, 'packages', 'ui'), [], 'The UI tests', filter);
}

export interface VitestRun {
  tests: TestOutcome[];
  output: string;
  seconds: number;
}

async function runVitest(
  dir: string,
  vitestArgs: string[],
  name: string,
  filter?: string,
): Promise<VitestRun> {
  const reportDir = mkdtempSync(join(tmpdir(), 'parity-workshop-report-'));
  const reportFile = join(reportDir, 'report.json');
  try {
    const args = ['exec', 'vitest', 'run', ...vitestArgs];
    args.push('--reporter=json', `--outputFile=${reportFile}`, ...(filter ? ['-t', filter] : []));
    const startedAt = performance.now();
    const { code, output } = await run('pnpm', args, dir);
    const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
    let report: VitestJsonReport;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
    } catch {
      throw new Error(`${name} wrote no report (exit ${code}):\n${output}`);
    }
    const tests = report.testResults.flatMap((file) => {
      // A file that failed before its tests ran (a failed import, a stack that did not start).
      if (file.assertionResults.length === 0 && file.status === 'failed') {
        throw new Error(`${name} did not run: ${file.message ?? ''}\n${output}`);
      }
      return file.assertionResults
        .filter((test) => test.status === 'passed' || test.status === 'failed')
        .map((test) => ({
          title: test.title,
          ancestorTitles: test.ancestorTitles,
          status: test.status as TestOutcome['status'],
          failure: test.failureMessages?.[0]?.split('\n').slice(0, 3).join(' / ') ?? null,
        }));
    });
    return { tests, output, seconds };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
