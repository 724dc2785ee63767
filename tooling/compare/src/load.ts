/**
 * The Load section comes from `pnpm load` (`tooling/load`, issue 18): each app's production build
 * driven by autocannon (the pages' reads) and by simulated users writing the way its pages write, at
 * 10, 50 and 100 connections. This reads the JSON it commits (`tooling/load/results/load.json`) and
 * rejects any other shape loudly, as bench.ts does: never drawn as zeros.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';
import { PLATFORMS, type Load, type LoadRow } from './report';

const percentiles = z.object({ p50: z.number(), p95: z.number(), p99: z.number() });
const count = z.number().int().nonnegative();

export const loadJson = z.object({
  generatedAt: z.string(),
  apps: z.array(
    z.object({
      app: z.enum(PLATFORMS),
      seconds: z.number().positive(),
      levels: z.array(
        z.object({
          connections: count,
          requestsPerSecond: z.number().nonnegative(),
          latencyMs: percentiles,
          errorRate: z.number().min(0).max(1),
          rssMb: z.object({ before: z.number().nullable(), after: z.number().nullable() }),
          dbConnections: z.object({ peak: z.number().nullable() }),
          loadAverage: z.object({ before: z.number(), after: z.number() }),
          writes: z
            .object({
              requestsPerSecond: z.number().nonnegative(),
              latencyMs: percentiles,
              refusedLatencyMs: percentiles,
              failures: z.array(z.string()),
              inconsistencies: z.array(z.string()),
            })
            .optional(),
        }),
      ),
    }),
  ),
});

export const LOAD_JSON = join(REPO_ROOT, 'tooling/load/results/load.json');

export function loadFromJson(json: unknown, source: string): Load {
  const parsed = loadJson.safeParse(json);
  if (!parsed.success) return { status: 'failed', reason: `${source}: ${parsed.error.issues[0]?.message}` };
  const rows: LoadRow[] = parsed.data.apps.flatMap(({ app, levels }) =>
    levels.map((level) => ({
      platform: app,
      connections: level.connections,
      requestsPerSecond: level.requestsPerSecond,
      p50Ms: level.latencyMs.p50,
      p95Ms: level.latencyMs.p95,
      p99Ms: level.latencyMs.p99,
      errorRate: level.errorRate,
      writesPerSecond: level.writes?.requestsPerSecond ?? null,
      writeP95Ms: level.writes?.latencyMs.p95 ?? null,
      refusedP95Ms: level.writes?.refusedLatencyMs.p95 ?? null,
      writeFailures: level.writes?.failures.length ?? null,
      inconsistencies: level.writes?.inconsistencies.length ?? null,
      rssMb: level.rssMb,
      dbConnectionsPeak: level.dbConnections.peak,
      loadAverage: level.loadAverage,
    })),
  );
  return { status: 'measured', source, measuredAt: parsed.data.generatedAt, rows };
}

/** The committed result of the last `pnpm load` (it runs for minutes, so compare does not run it). */
export async function readLoad(file = LOAD_JSON): Promise<Load> {
  const source = relative(REPO_ROOT, file);
  if (!existsSync(file)) return { status: 'not-yet', reason: `no ${source}: run \`pnpm load\`` };
  return loadFromJson(JSON.parse(await readFile(file, 'utf8')), source);
}
