import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformName } from '../exercises';
import { run } from '../run';

/** The migrations each SQL app had at the exercise's starting point: what the old data was written under. */
const MIGRATIONS = ['apps/neon-drizzle/drizzle', 'apps/supabase/supabase'];

export interface Before {
  /** A directory with MIGRATIONS at their paths, as at the starting point. */
  dir: string;
  remove(): void;
}

function emptyBefore(): Before {
  const dir = mkdtempSync(join(tmpdir(), 'parity-workshop-before-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The starting point's migrations from a tree that is still at it (the proof's copy, before a solution). */
export function beforeFromTree(root: string): Before {
  const before = emptyBefore();
  for (const path of MIGRATIONS) cpSync(join(root, path), join(before.dir, path), { recursive: true });
  return before;
}

/** The starting point's migrations from git: the commit `pnpm workshop start` branched from. */
export function beforeFromCommit(root: string, commit: string): Before {
  const before = emptyBefore();
  const archive = execFileSync('git', ['archive', '--format=tar', commit, ...MIGRATIONS], { cwd: root });
  execFileSync('tar', ['-x', '-C', before.dir], { input: archive });
  for (const path of MIGRATIONS) {
    if (!existsSync(join(before.dir, path))) throw new Error(`${commit} has no ${path}`);
  }
  return before;
}

export interface UpgradeResult {
  problems: string[];
  seconds: number;
}

/**
 * The upgrade check of an exercise whose change must keep the data already there (exercise 4):
 * in the tree at `root`, the old data is written under the starting point's schema, the tree's own
 * change is applied the platform's way, and every old record must be kept and filled in
 * (src/upgrade/cli.ts, run inside that tree). A crash is an error, not a list of problems.
 */
export async function runUpgradeCheck(
  root: string,
  platform: PlatformName,
  before: Before,
): Promise<UpgradeResult> {
  const startedAt = performance.now();
  const { code, output } = await run(
    'pnpm',
    ['exec', 'tsx', 'src/upgrade/cli.ts', platform, before.dir],
    join(root, 'tooling', 'workshop'),
  );
  const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
  const problems = output
    .split('\n')
    .filter((line) => line.startsWith('UPGRADE PROBLEM: '))
    .map((line) => line.slice('UPGRADE PROBLEM: '.length));
  if (code !== 0 && problems.length === 0) {
    throw new Error(`The ${platform} upgrade check did not run (exit ${code}):\n${output}`);
  }
  return { problems, seconds };
}
