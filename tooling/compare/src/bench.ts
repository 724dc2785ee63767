/**
 * Cost per operation comes from `pnpm bench` (`tooling/bench`, issue 11): one generated data set,
 * every contract operation through each app's real data layer, interleaved with the best single
 * SQL statement for the same result (the floor), p50/p95 and round trips; Convex on convex-test
 * with the documents each call reads and writes (no floor). This reads the JSON it writes
 * (`tooling/bench/results/sql-<posts>.json`, `convex-<posts>.json`) and rejects any other shape
 * loudly: a shape it does not know is reported as a failure, never drawn as zeros.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
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

// tooling/bench/src/convex-bench.ts: one timing and the transaction metrics of one call.
export const convexBenchJson = z.object({
  set: z.object({ posts: z.number(), users: z.number(), tags: z.number() }),
  rounds: z.number().int().positive(),
  results: z.array(
    z.object({
      operation: z.string().min(1),
      timing,
      cost: z.object({ documentsRead: count, documentsWritten: count, indexRanges: count }),
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

const sizeOf = (set: { posts: number; users: number; tags: number }) =>
  `${set.posts.toLocaleString('en-US')} posts, ${set.users.toLocaleString('en-US')} users, ${set.tags.toLocaleString('en-US')} tags`;

export function costFromBench(
  json: unknown,
  source: string,
  convex?: { json: unknown; source: string },
): Cost {
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
  let dataSize = `${sizeOf(set)}; ${rounds} interleaved rounds`;
  const absent: Array<{ platform: Platform; reason: string }> = [];
  if (convex) {
    const convexParsed = convexBenchJson.safeParse(convex.json);
    if (!convexParsed.success) {
      return {
        status: 'failed',
        reason: `${convex.source} is not in the shape pnpm bench writes for Convex: ${convexParsed.error.message}`,
      };
    }
    const measured = convexParsed.data;
    rows.push(
      ...measured.results.map(({ operation, timing: { p50, p95 }, cost }) => ({
        operation,
        platform: 'convex' as const,
        p50Ms: p50,
        p95Ms: p95,
        floorP50Ms: null,
        floorP95Ms: null,
        roundTrips: { documentsRead: cost.documentsRead, documentsWritten: cost.documentsWritten },
      })),
    );
    dataSize += `; Convex: ${sizeOf(measured.set)} on convex-test, ${measured.rounds} rounds (its times are the in-memory mock's, not a deployment's; its documents read and written are what Convex counts)`;
  } else {
    absent.push({ platform: 'convex', reason: 'no Convex result of pnpm bench was given' });
  }
  return {
    status: 'measured',
    source: convex ? `${source}; ${convex.source}` : source,
    dataSize,
    rows,
    absent,
  };
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));

/** A pnpm bench result, with the Convex result written beside it (`convex-<posts>.json`) when there is one. */
export async function readBenchJson(file: string, how: string): Promise<Cost> {
  const convexFile = join(
    dirname(file),
    basename(file).replace(/^sql-(\d+)(-neon-http)?\.json$/, 'convex-$1.json'),
  );
  const convex =
    convexFile !== file && existsSync(convexFile)
      ? { json: await readJson(convexFile), source: `${relative(REPO_ROOT, convexFile)} (${how})` }
      : undefined;
  return costFromBench(await readJson(file), `${relative(REPO_ROOT, file)} (${how})`, convex);
}

/** The bench's smallest data set; the default run measures it afresh, a tiny run reads the committed result. */
const BENCH_POSTS = 10_000;
const BENCH_ROUNDS = 10;
const CONVEX_ROUNDS = 3;

export async function runBench(options: { size: Size; progress(message: string): void }): Promise<Cost> {
  const benchRoot = join(REPO_ROOT, 'tooling', 'bench');
  const result = join(benchRoot, 'results', `sql-${BENCH_POSTS}.json`);
  if (!existsSync(join(benchRoot, 'package.json'))) {
    return { status: 'not-yet', reason: 'tooling/bench (issue 11) is not in this tree' };
  }
  if (options.size === 'tiny')
    return readBenchJson(result, 'the committed result of pnpm bench, not re-run by a tiny compare');

  options.progress(
    `cost: pnpm bench at ${BENCH_POSTS.toLocaleString('en-US')} posts, ${BENCH_ROUNDS} rounds (Convex ${CONVEX_ROUNDS})…`,
  );
  // pnpm bench rewrites its committed results/{sql,convex}-<posts>.{json,md}, as it always does.
  const child = spawn(
    'pnpm',
    ['bench', '--', `--posts=${BENCH_POSTS}`, `--rounds=${BENCH_ROUNDS}`, `--convex-rounds=${CONVEX_ROUNDS}`],
    { cwd: benchRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) return { status: 'failed', reason: `pnpm bench exited with ${code}` };
  return readBenchJson(result, 'measured by this run');
}
