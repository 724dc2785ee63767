/**
 * Cost per operation comes from `pnpm bench` (`tooling/bench`, issue 11): one generated data set,
 * every contract operation through each app's real data layer, interleaved with the best single
 * SQL statement for the same result (the floor), p50/p95 and round trips. This reads the JSON it
 * writes (`tooling/bench/results/sql-<posts>.json`) and rejects any other shape loudly: a shape it
 * does not know is reported as a failure, never drawn as zeros.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Cost, type CostRow, type Platform, type Size } from './report';

const timing = z.object({ p50: z.number().nonnegative(), p95: z.number().nonnegative() });
const count = z.number().int().nonnegative();

// Each result lists its timings and round trips in the bench's fixed order
// (tooling/bench/src/report.ts): neon floor, neon-drizzle, supabase floor, supabase.
export const benchJson = z.object({
  set: z.object({ posts: z.number(), users: z.number(), tags: z.number() }),
  rounds: z.number().int().positive(),
  results: z.array(
    z.object({
      operation: z.string().min(1),
      timings: z.tuple([timing, timing, timing, timing]),
      roundTrips: z.tuple([count, count, count, count]),
    }),
  ),
});

/** Where each platform's numbers sit in the bench's order, and what its round trips are. */
const COLUMNS: Partial<
  Record<Platform, { floor: number; app: number; roundTrips: 'statements' | 'httpRequests' }>
> = {
  'neon-drizzle': { floor: 0, app: 1, roundTrips: 'statements' },
  supabase: { floor: 2, app: 3, roundTrips: 'httpRequests' },
};

export function costFromBench(json: unknown, source: string): Cost {
  const parsed = benchJson.safeParse(json);
  if (!parsed.success) {
    return {
      status: 'failed',
      reason: `${source} is not in the shape pnpm bench writes: ${parsed.error.message}`,
    };
  }
  const { set, rounds, results } = parsed.data;
  const rows: CostRow[] = results.flatMap((result) =>
    PLATFORMS.flatMap((platform) => {
      const columns = COLUMNS[platform];
      if (!columns) return [];
      const app = result.timings[columns.app]!;
      const floor = result.timings[columns.floor]!;
      return [
        {
          operation: result.operation,
          platform,
          p50Ms: app.p50,
          p95Ms: app.p95,
          floorP50Ms: floor.p50,
          floorP95Ms: floor.p95,
          roundTrips: { [columns.roundTrips]: result.roundTrips[columns.app]! },
        },
      ];
    }),
  );
  const absent = PLATFORMS.filter((platform) => !COLUMNS[platform]);
  return {
    status: 'measured',
    source,
    dataSize: `${set.posts.toLocaleString('en-US')} posts, ${set.users.toLocaleString('en-US')} users, ${set.tags.toLocaleString('en-US')} tags; ${rounds} interleaved rounds`,
    rows,
    absent: absent.map((platform) => ({
      platform,
      reason:
        'not in pnpm bench yet (tooling/bench/README.md); its documents read per page are pinned by apps/convex/test/reads.test.ts',
    })),
  };
}

export async function readBenchJson(file: string, how: string): Promise<Cost> {
  return costFromBench(JSON.parse(await readFile(file, 'utf8')), `${relative(REPO_ROOT, file)} (${how})`);
}

/** The bench's smallest data set; the default run measures it afresh, a tiny run reads the committed result. */
const BENCH_POSTS = 10_000;
const BENCH_ROUNDS = 10;

export async function runBench(options: { size: Size; progress(message: string): void }): Promise<Cost> {
  const benchRoot = join(REPO_ROOT, 'tooling', 'bench');
  const result = join(benchRoot, 'results', `sql-${BENCH_POSTS}.json`);
  if (!existsSync(join(benchRoot, 'package.json'))) {
    return { status: 'not-yet', reason: 'tooling/bench (issue 11) is not in this tree' };
  }
  if (options.size === 'tiny')
    return readBenchJson(result, 'the committed result of pnpm bench, not re-run by a tiny compare');

  options.progress(
    `cost: pnpm bench at ${BENCH_POSTS.toLocaleString('en-US')} posts, ${BENCH_ROUNDS} rounds…`,
  );
  // pnpm bench rewrites its committed results/sql-<posts>.{json,md}, as it always does.
  const child = spawn('pnpm', ['bench', '--', `--posts=${BENCH_POSTS}`, `--rounds=${BENCH_ROUNDS}`], {
    cwd: benchRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) return { status: 'failed', reason: `pnpm bench exited with ${code}` };
  return readBenchJson(result, 'measured by this run');
}
