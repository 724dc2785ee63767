/**
 * Cost per operation comes from `pnpm bench` (`tooling/bench`, issue 11), which seeds every
 * platform with one generated data set and measures each contract operation beside a hand-written
 * floor. This reader accepts the JSON that issue describes (per operation and platform: p50/p95,
 * the floor's p50/p95, round trips by kind, and the data size) and rejects anything else loudly:
 * a shape it does not know is reported as an error, never drawn as zeros.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Cost, type Size } from './report';

const milliseconds = z.number().nonnegative();
const count = z.number().int().nonnegative();

export const benchJson = z.object({
  /** What was seeded, as the bench states it, e.g. `{ posts: 10000, users: 1000, tags: 2000 }`. */
  size: z.record(z.string(), z.number()),
  results: z.array(
    z.object({
      platform: z.enum(PLATFORMS),
      operation: z.string().min(1),
      p50Ms: milliseconds,
      p95Ms: milliseconds,
      floor: z.object({ p50Ms: milliseconds, p95Ms: milliseconds }).nullable(),
      roundTrips: z.object({
        statements: count.optional(),
        httpRequests: count.optional(),
        documentsRead: count.optional(),
        documentsWritten: count.optional(),
      }),
    }),
  ),
});
export type BenchJson = z.infer<typeof benchJson>;

export function costFromBench(json: unknown, source: string): Cost {
  const parsed = benchJson.safeParse(json);
  if (!parsed.success) {
    return {
      status: 'failed',
      reason: `${source} is not in the shape this report reads: ${parsed.error.message}`,
    };
  }
  const { size, results } = parsed.data;
  return {
    status: 'measured',
    source,
    dataSize: Object.entries(size)
      .map(([what, n]) => `${n.toLocaleString('en-US')} ${what}`)
      .join(', '),
    rows: results.map((row) => ({
      operation: row.operation,
      platform: row.platform,
      p50Ms: row.p50Ms,
      p95Ms: row.p95Ms,
      floorP50Ms: row.floor?.p50Ms ?? null,
      floorP95Ms: row.floor?.p95Ms ?? null,
      roundTrips: row.roundTrips,
    })),
  };
}

/** Posts seeded per size: the bench's smallest size for `default`, a handful for `npm test`. */
export const BENCH_POSTS: Record<Size, number> = { tiny: 200, default: 10_000 };

export async function runBench(options: {
  size: Size;
  outFile: string;
  progress(message: string): void;
}): Promise<Cost> {
  const benchRoot = join(REPO_ROOT, 'tooling', 'bench');
  if (!existsSync(join(benchRoot, 'package.json'))) {
    return {
      status: 'not-yet',
      reason:
        'tooling/bench (issue 11: `pnpm bench` writing JSON) has not landed on main yet; this section reads its JSON once it does.',
    };
  }
  options.progress(`cost: pnpm bench at ${BENCH_POSTS[options.size].toLocaleString('en-US')} posts…`);
  const child = spawn(
    'pnpm',
    ['run', 'bench', '--posts', String(BENCH_POSTS[options.size]), '--json', options.outFile],
    {
      cwd: benchRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) return { status: 'failed', reason: `pnpm bench exited with ${code}` };
  return readBenchJson(options.outFile);
}

export async function readBenchJson(file: string): Promise<Cost> {
  return costFromBench(JSON.parse(await readFile(file, 'utf8')), file.replace(REPO_ROOT, ''));
}
